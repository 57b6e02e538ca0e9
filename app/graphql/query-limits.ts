import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** What one request may ask for (API-04). Checked on the parsed document, before validation and execution. */
export interface QueryLimits {
  /** Nesting of fields: `{ a { b } }` has depth 2. Magento's queryDepth. */
  maxDepth: number;
  /** Fields requested, each fragment counted every time it is spread. Magento's queryComplexity. */
  maxComplexity: number;
  /** Aliased fields: aliases multiply the work (and the guesses) one request can carry. */
  maxAliases: number;
  /** Lexical tokens the parser reads before giving up: bounds the cost of parsing itself. */
  maxTokens: number;
  /** `__schema` / `__type` allowed (developer mode only by default). `__typename` is always allowed. */
  introspection: boolean;
}

export const DEFAULT_QUERY_LIMITS: Omit<QueryLimits, 'introspection'> = {
  maxDepth: 20,
  maxComplexity: 300,
  maxAliases: 30,
  maxTokens: 10_000,
};

export interface OperationCost {
  depth: number;
  complexity: number;
  aliases: number;
  introspection: boolean;
}

const ZERO: OperationCost = { depth: 0, complexity: 0, aliases: 0, introspection: false };

/**
 * Measures every operation of a document. Each fragment is measured once and reused, so a document spreading fragments
 * into each other (a "fragment bomb") costs linear time to measure even though its expansion is exponential.
 */
export function measureDocument(document: DocumentNode): Map<OperationDefinitionNode, OperationCost> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const memo = new Map<string, OperationCost>();
  const inProgress = new Set<string>();

  const measureFragment = (name: string): OperationCost => {
    const known = memo.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    // Unknown or cyclic spreads are validation errors reported by graphql-js; they add nothing here.
    if (!fragment || inProgress.has(name)) return ZERO;
    inProgress.add(name);
    const cost = measureSelections(fragment.selectionSet);
    inProgress.delete(name);
    memo.set(name, cost);
    return cost;
  };

  const measureSelections = (set: SelectionSetNode): OperationCost => {
    let depth = 0;
    let complexity = 0;
    let aliases = 0;
    let introspection = false;
    for (const selection of set.selections) {
      let child: OperationCost;
      if (selection.kind === Kind.FIELD) {
        const nested = selection.selectionSet ? measureSelections(selection.selectionSet) : ZERO;
        const name = selection.name.value;
        child = {
          depth: nested.depth + 1,
          complexity: nested.complexity + 1,
          aliases: nested.aliases + (selection.alias ? 1 : 0),
          introspection: nested.introspection || name === '__schema' || name === '__type',
        };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        child = measureSelections(selection.selectionSet);
      } else {
        child = measureFragment(selection.name.value);
      }
      depth = Math.max(depth, child.depth);
      complexity += child.complexity;
      aliases += child.aliases;
      introspection ||= child.introspection;
    }
    return { depth, complexity, aliases, introspection };
  };

  const costs = new Map<OperationDefinitionNode, OperationCost>();
  for (const def of document.definitions) if (def.kind === Kind.OPERATION_DEFINITION) costs.set(def, measureSelections(def.selectionSet));
  return costs;
}

/** The limit violations of a document, with Magento's (webonyx's) messages; category `graphql` like any request error. */
export function checkQueryLimits(document: DocumentNode, limits: QueryLimits): GraphQLError[] {
  const errors: GraphQLError[] = [];
  for (const [operation, cost] of measureDocument(document)) {
    const nodes = [operation];
    if (cost.depth > limits.maxDepth) {
      errors.push(limitError(`Max query depth should be ${limits.maxDepth} but got ${cost.depth}.`, nodes));
    }
    if (cost.complexity > limits.maxComplexity) {
      errors.push(limitError(`Max query complexity should be ${limits.maxComplexity} but got ${cost.complexity}.`, nodes));
    }
    if (cost.aliases > limits.maxAliases) {
      errors.push(limitError(`Max query aliases should be ${limits.maxAliases} but got ${cost.aliases}.`, nodes));
    }
    if (cost.introspection && !limits.introspection) {
      errors.push(limitError('GraphQL introspection is not allowed, but the query contained __schema or __type', nodes));
    }
  }
  return errors;
}

function limitError(message: string, nodes: OperationDefinitionNode[]): GraphQLError {
  return new GraphQLError(message, { nodes, extensions: { category: 'graphql' } });
}
