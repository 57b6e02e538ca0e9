import {
  Kind,
  parse,
  valueFromASTUntyped,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { DocumentCache } from '../../../app';
import { DEFAULT_QUERY_LIMITS } from '../../../app';
import type { RateLimitGroup } from '../api/web-security-config-paths';

/** One occurrence of a limited root field: each alias counts (PAY-05), with its arguments (variables substituted). */
export interface LimitedFieldHit {
  group: RateLimitGroup;
  field: string;
  args: Record<string, unknown>;
}

/** Parsed documents by query text: storefronts send the same few documents again and again. Unparsable ones are remembered as null. */
const documents = new DocumentCache<DocumentNode | null>(500);

function parseOnce(query: string): DocumentNode | null {
  const known = documents.get(query);
  if (known !== undefined) return known;
  let document: DocumentNode | null;
  try {
    document = parse(query, { maxTokens: DEFAULT_QUERY_LIMITS.maxTokens });
  } catch {
    // The GraphQL handler reports the syntax error; nothing of an unparsable document can run.
    document = null;
  }
  return documents.set(query, document);
}

/**
 * The limited root fields the request would run: those of the operation it names (or its only one; all of them when that is
 * ambiguous, which the handler refuses anyway), through inline fragments and fragment spreads.
 */
export function limitedFieldHits(
  query: string,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
  limited: Map<string, RateLimitGroup>,
): LimitedFieldHit[] {
  const document = parseOnce(query);
  if (!document) return [];
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const named = operationName ? operations.filter((o) => o.name?.value === operationName) : operations;
  const selected = named.length === 1 ? named : operations;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  // graphql-js runs one field per response key (alias or name): the same key reached twice, or a fragment spread twice, runs once.
  const hits = new Map<string, LimitedFieldHit>();
  const visitedFragments = new Set<string>();
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const group = limited.get(selection.name.value);
        const key = selection.alias?.value ?? selection.name.value;
        if (!group || hits.has(key)) continue;
        const args: Record<string, unknown> = {};
        for (const arg of selection.arguments ?? []) args[arg.name.value] = valueFromASTUntyped(arg.value, variables ?? {});
        hits.set(key, { group, field: selection.name.value, args });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else {
        const fragment = fragments.get(selection.name.value);
        // Each fragment once: what it selects is the same every time, and a fragment bomb costs linear time.
        if (fragment && !visitedFragments.has(fragment.name.value)) {
          visitedFragments.add(fragment.name.value);
          visit(fragment.selectionSet);
        }
      }
    }
  };
  for (const operation of selected) visit(operation.selectionSet);
  return [...hits.values()];
}
