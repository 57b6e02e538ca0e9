import {
  execute as interpret,
  getOperationAST,
  GraphQLError,
  Kind,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

interface Compiled {
  query: CompiledQuery;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
}

/**
 * Executes through graphql-jit: each (document, operation) is compiled once into a function, which runs large results (a category
 * page is ~1,500 fields) much faster than graphql-js's interpreter. Documents come from the handler's LRU, so compiled queries live as
 * long as their parsed document. Two things are kept exactly as graphql-js does them, since clients rely on them: variables the compiled
 * query refuses are refused with graphql-js's errors (its messages carry the scalar's own reason; the two accept and refuse the same
 * values, see compiled-executor.test), and field errors get their AST nodes back from their path.
 * Anything the compiler cannot take runs on graphql-js.
 */
export function createCompiledExecutor(): (args: ExecutionArgs) => ExecutionResult | Promise<ExecutionResult> {
  const cache = new WeakMap<DocumentNode, Map<string, Compiled | null>>();
  const compiledFor = (args: ExecutionArgs): Compiled | null => {
    const key = args.operationName ?? '';
    let byOperation = cache.get(args.document);
    if (!byOperation) cache.set(args.document, (byOperation = new Map()));
    let compiled = byOperation.get(key);
    if (compiled === undefined) {
      const operation = getOperationAST(args.document, args.operationName);
      const result = operation ? compileQuery(args.schema, args.document, args.operationName ?? undefined) : undefined;
      compiled = operation && result && isCompiledQuery(result) ? { query: result, operation, fragments: fragmentsOf(args.document) } : null;
      byOperation.set(key, compiled);
    }
    return compiled;
  };

  return (args) => {
    const compiled = compiledFor(args);
    if (!compiled) return interpret(args);
    const result = compiled.query.query(args.rootValue, args.contextValue, args.variableValues ?? {});
    if (isPromise(result)) return result.then((r) => withLocations(r, compiled));
    // graphql-jit refused the variables before running anything (errors, no data): graphql-js coerces them again, for its
    // messages. The happy path coerces once, the compiled query's way (1% of a checkout went to coercing twice).
    if (result.errors?.length && !('data' in result)) {
      const coerced = getVariableValues(args.schema, compiled.operation.variableDefinitions ?? [], args.variableValues ?? {}, { maxErrors: 50 });
      if (coerced.errors) return { errors: coerced.errors };
    }
    return withLocations(result, compiled);
  };
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return !!value && typeof (value as Promise<T>).then === 'function';
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  return fragments;
}

function withLocations(result: ExecutionResult, compiled: Compiled): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((error) => {
    // graphql-jit reports locations but no AST nodes; the error formatter rebuilds errors from their nodes.
    if (error.nodes?.length || !error.path?.length) return error;
    const node = fieldAt(compiled.operation.selectionSet, error.path, compiled.fragments);
    if (!node) return error;
    return new GraphQLError(error.message, { nodes: node, path: error.path, originalError: error.originalError ?? undefined, extensions: error.extensions });
  });
  return { ...result, errors };
}

/** The field node a response path points at (list indexes skipped, fragments followed). */
function fieldAt(root: SelectionSetNode, path: ReadonlyArray<string | number>, fragments: Record<string, FragmentDefinitionNode>): FieldNode | undefined {
  let set: SelectionSetNode | undefined = root;
  let node: FieldNode | undefined;
  for (const segment of path) {
    if (typeof segment === 'number') continue;
    if (!set) return node;
    node = findField(set, segment, fragments);
    if (!node) return undefined;
    set = node.selectionSet;
  }
  return node;
}

function findField(set: SelectionSetNode, responseKey: string, fragments: Record<string, FragmentDefinitionNode>): FieldNode | undefined {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD && (selection.alias?.value ?? selection.name.value) === responseKey) return selection;
    const nested = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : selection.kind === Kind.FRAGMENT_SPREAD ? fragments[selection.name.value]?.selectionSet : undefined;
    const found = nested && findField(nested, responseKey, fragments);
    if (found) return found;
  }
  return undefined;
}
