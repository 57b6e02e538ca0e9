import fs from 'node:fs';
import path from 'node:path';
import {
  GraphQLError,
  GraphQLSchema,
  Kind,
  Source,
  buildASTSchema,
  defaultFieldResolver,
  isObjectType,
  extendSchema,
  getLocation,
  parse,
  validateSchema,
  type DefinitionNode,
  type DocumentNode,
} from 'graphql';
import type { ServiceLocator } from '../di/service-locator';
import { KernelError } from '../kernel/errors';
import type { LoadedModule } from '../module/manifest';
import { bindResolvers } from './resolver-binder';

/**
 * The roots every module extends (they start empty: GraphQL allows that in SDL, and the builder fixes them up at the end), plus
 * the types Magento_GraphQl itself defines for every module to share, so that two modules paging results do not both define them.
 */
export const KERNEL_BASE_SDL = `type Query

type Mutation

"Provides navigation for the query response."
type SearchResultPageInfo {
  "The specific page to return."
  current_page: Int
  "The maximum number of items to return per page of results."
  page_size: Int
  "The total number of pages in the response."
  total_pages: Int
}
`;
const KERNEL_SOURCE_NAME = 'kernel base schema';

// A schema needs at least one query field; this one exists only while no enabled module contributes any.
const EMPTY_QUERY_SDL = `extend type Query {
  "Placeholder: no enabled module contributes a query field."
  _empty: Boolean
}`;

/** Which module contributed a source, to name it in errors found once every module is merged. */
type SourceOwners = Map<string, { module: string; file: string }>;

/**
 * Assembles the storefront schema: the kernel's roots, then each enabled module's SDL files in load order (a module may
 * `extend` only types defined by itself or by modules loaded before it, i.e. its sequence), then each module's resolvers.
 * Every problem is a KernelError naming the module, raised at boot rather than on the first request.
 */
export function buildGraphQlSchema(modules: LoadedModule[], locator: ServiceLocator): GraphQLSchema {
  const owners: SourceOwners = new Map();
  let schema = buildASTSchema(parse(new Source(KERNEL_BASE_SDL, KERNEL_SOURCE_NAME)));
  for (const mod of modules) {
    const files = mod.manifest.graphql?.schema ?? [];
    if (!files.length) continue;
    const document = readModuleSdl(mod, files, owners);
    try {
      schema = extendSchema(schema, document);
    } catch (err) {
      throw new KernelError(
        `Module ${mod.manifest.name} has an invalid GraphQL schema (${files.join(', ')}): ${withHint((err as Error).message)}`,
        'GRAPHQL_SCHEMA_INVALID',
      );
    }
  }
  schema = settleRootTypes(schema);
  bindResolvers(schema, modules, locator);
  useDefaultResolverExplicitly(schema, plainDataTypes(schema, modules));
  const errors = validateSchema(schema);
  if (errors.length) {
    throw new KernelError(`The GraphQL schema is invalid:\n${errors.map((e) => `  - ${describe(e, owners)}`).join('\n')}`, 'GRAPHQL_SCHEMA_INVALID');
  }
  return schema;
}

function readModuleSdl(mod: LoadedModule, files: string[], owners: SourceOwners): DocumentNode {
  const definitions: DefinitionNode[] = [];
  for (const file of files) {
    const full = path.resolve(mod.dir, file);
    let text: string;
    try {
      text = fs.readFileSync(full, 'utf8');
    } catch {
      throw new KernelError(`Module ${mod.manifest.name} declares the GraphQL schema file ${file}, which cannot be read (${full})`, 'GRAPHQL_SCHEMA_INVALID');
    }
    owners.set(full, { module: mod.manifest.name, file });
    try {
      definitions.push(...parse(new Source(text, full)).definitions);
    } catch (err) {
      const where = err instanceof GraphQLError && err.locations?.[0] ? `:${err.locations[0].line}:${err.locations[0].column}` : '';
      throw new KernelError(`Module ${mod.manifest.name} has a GraphQL syntax error in ${file}${where}: ${(err as Error).message}`, 'GRAPHQL_SCHEMA_INVALID');
    }
  }
  return { kind: Kind.DOCUMENT, definitions };
}

/** A root with no field is invalid: Query gets a placeholder, Mutation is dropped (there is nothing to mutate yet). */
function settleRootTypes(schema: GraphQLSchema): GraphQLSchema {
  let settled = schema;
  if (!Object.keys(settled.getQueryType()!.getFields()).length) {
    settled = extendSchema(settled, parse(new Source(EMPTY_QUERY_SDL, KERNEL_SOURCE_NAME)));
  }
  const mutation = settled.getMutationType();
  if (mutation && !Object.keys(mutation.getFields()).length) {
    const config = settled.toConfig();
    settled = new GraphQLSchema({ ...config, mutation: undefined, types: config.types.filter((t) => t !== mutation) });
  }
  return settled;
}

function withHint(message: string): string {
  if (/There can be only one type named|already exists in the schema/.test(message)) {
    return `${message} Use \`extend type\` to add fields to a type another module (or the kernel, for Query and Mutation) defines.`;
  }
  if (/Cannot extend type .* because it is not defined/.test(message)) {
    return `${message} The module defining it must be enabled and listed in this module's sequence.`;
  }
  return message;
}

/** An error of the merged schema, with every module (and file:line) it involves: often two, e.g. an interface and its implementor. */
function describe(error: GraphQLError, owners: SourceOwners): string {
  const places: string[] = [];
  for (const node of error.nodes ?? []) {
    const owner = node.loc ? owners.get(node.loc.source.name) : undefined;
    if (!owner || !node.loc) continue;
    const { line, column } = getLocation(node.loc.source, node.loc.start);
    const place = `${owner.module} (${owner.file}:${line}:${column})`;
    if (!places.includes(place)) places.push(place);
  }
  return places.length ? `${error.message} [${places.join(', ')}]` : error.message;
}

/**
 * graphql-js's default resolver calls a function-valued property (`{ items: () => load() }`); the compiled executor (graphql-jit)
 * reads properties only. Binding the default resolver explicitly keeps graphql-js semantics for every module whatever the executor,
 * except on the types a module declared plain data (`graphql.plainDataTypes`), whose fields graphql-jit then reads inline.
 */
function useDefaultResolverExplicitly(schema: GraphQLSchema, plain: ReadonlySet<string>): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || plain.has(type.name)) continue;
    for (const field of Object.values(type.getFields())) field.resolve ??= defaultFieldResolver;
  }
}

/** The types modules declared plain data; each must be an object type of the schema. */
function plainDataTypes(schema: GraphQLSchema, modules: LoadedModule[]): Set<string> {
  const plain = new Set<string>();
  for (const mod of modules) {
    for (const name of mod.manifest.graphql?.plainDataTypes ?? []) {
      if (!isObjectType(schema.getType(name))) {
        throw new KernelError(`Module ${mod.manifest.name} declares GraphQL plain data type "${name}", which is not an object type of the schema`, 'GRAPHQL_SCHEMA_INVALID');
      }
      plain.add(name);
    }
  }
  return plain;
}
