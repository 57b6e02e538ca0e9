import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { graphql, GraphQLScalarType, printSchema, type GraphQLObjectType } from 'graphql';
import { KernelError } from '../../kernel/errors';
import { discoverModules } from '../../module/discovery';
import { defineModule, type LoadedModule, type ModuleManifest } from '../../module/manifest';
import { buildGraphQlSchema } from '../schema-builder';
import type { ResolverMap } from '../resolvers';

const fixturesDir = path.join(__dirname, 'fixtures');
const discovered = discoverModules({ moduleDirs: [fixturesDir], packagesRoot: false });
const locator = { get: () => undefined as never };

/** Fixture modules in load order, as boot would hand them over. */
function fixtures(...names: string[]): LoadedModule[] {
  return names.map((name) => {
    const found = discovered.find((m) => m.manifest.name === name);
    if (!found) throw new Error(`no fixture ${name}`);
    return found;
  });
}

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-schema-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

/** A throwaway module whose SDL files are written on the fly. */
function sdlModule(name: string, files: Record<string, string>, resolvers: ResolverMap = {}, extra: Partial<ModuleManifest> = {}): LoadedModule {
  const dir = fs.mkdtempSync(path.join(tmpRoot, 'mod-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return { manifest: defineModule({ name, version: '1.0.0', graphql: { schema: Object.keys(files), resolvers }, ...extra }), dir, source: 'modules' };
}

function buildError(modules: LoadedModule[]): KernelError {
  try {
    buildGraphQlSchema(modules, locator);
  } catch (err) {
    expect(err).toBeInstanceOf(KernelError);
    return err as KernelError;
  }
  throw new Error('the schema was built');
}

describe('GraphQL schema assembly', () => {
  it('merges two modules: extend type Query/Mutation, extend interface, extend object types, unions', async () => {
    const schema = buildGraphQlSchema(fixtures('Fixture_Catalog', 'Fixture_Reviews'), locator);
    const query = schema.getQueryType()!.getFields();
    expect(Object.keys(query)).toEqual(expect.arrayContaining(['products', 'product', 'node', 'topReview', 'search']));
    expect(Object.keys(schema.getMutationType()!.getFields()).sort()).toEqual(['addReview', 'createProduct']);
    const simple = schema.getType('SimpleProduct') as GraphQLObjectType;
    expect(Object.keys(simple.getFields())).toEqual(['sku', 'name', 'type', 'weight', 'review_count', 'reviews']);
    expect(printSchema(schema)).toContain('union SearchResult = SimpleProduct | Review');

    const result = await graphql({
      schema,
      source: `{
        products(filter: { sku: "mug-1" }) { total_count items { __typename sku review_count ... on SimpleProduct { weight reviews { rating } } } }
        search(text: "mug") { __typename ... on Review { rating } ... on SimpleProduct { sku } }
        ebook: product(sku: "EBOOK-1") { __typename review_count }
      }`,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      products: { total_count: 1, items: [{ __typename: 'SimpleProduct', sku: 'MUG-1', review_count: 1, weight: 0.4, reviews: [{ rating: 5 }] }] },
      search: [{ __typename: 'SimpleProduct', sku: 'MUG-1' }, { __typename: 'Review', rating: 5 }],
      ebook: { __typename: 'VirtualProduct', review_count: 0 },
    });
  });

  it('takes nothing from a module that is not enabled', () => {
    const without = buildGraphQlSchema(fixtures('Fixture_Catalog', 'Fixture_Reviews'), locator);
    expect(without.getQueryType()!.getFields().wishlist).toBeUndefined();
    expect((without.getType('SimpleProduct') as GraphQLObjectType).getFields().in_wishlist).toBeUndefined();

    const withWishlist = buildGraphQlSchema(fixtures('Fixture_Catalog', 'Fixture_Reviews', 'Fixture_Wishlist'), locator);
    expect(withWishlist.getQueryType()!.getFields().wishlist).toBeDefined();
    expect((withWishlist.getType('SimpleProduct') as GraphQLObjectType).getFields().in_wishlist).toBeDefined();
  });

  it('is valid with no module at all: a placeholder query field, no Mutation root', () => {
    const schema = buildGraphQlSchema([], locator);
    expect(Object.keys(schema.getQueryType()!.getFields())).toEqual(['_empty']);
    expect(schema.getMutationType()).toBeUndefined();
    expect(schema.getType('Mutation')).toBeUndefined();
  });

  it('binds custom scalars: input is coerced by the module, bad input is refused', async () => {
    const schema = buildGraphQlSchema(fixtures('Fixture_Catalog'), locator);
    const ok = await graphql({ schema, source: 'query ($s: Sku!) { product(sku: $s) { sku } }', variableValues: { s: 'ebook-1' } });
    expect(ok.data).toEqual({ product: { sku: 'EBOOK-1' } });
    const bad = await graphql({ schema, source: 'query ($s: Sku!) { product(sku: $s) { sku } }', variableValues: { s: 'no spaces allowed' } });
    expect(bad.errors?.[0].message).toContain('is not a valid SKU');
  });

  it('names the module and file:line of an SDL syntax error', () => {
    const err = buildError([sdlModule('Acme_Broken', { 'graphql/broken.graphqls': 'extend type Query {\n  oops(: String\n}' })]);
    expect(err.message).toMatch(/^Module Acme_Broken has a GraphQL syntax error in graphql\/broken\.graphqls:2:\d+/);
  });

  it('names the module whose SDL file is missing', () => {
    const mod = sdlModule('Acme_Missing', {});
    mod.manifest.graphql!.schema = ['graphql/nowhere.graphqls'];
    expect(buildError([mod]).message).toContain('Module Acme_Missing declares the GraphQL schema file graphql/nowhere.graphqls');
  });

  it('refuses a second definition of a type, hinting at extend type', () => {
    const err = buildError([sdlModule('Acme_Redefines', { 'schema.graphqls': 'type Query { hello: String }' })]);
    expect(err.message).toContain('Module Acme_Redefines has an invalid GraphQL schema');
    expect(err.message).toContain('Use `extend type`');
  });

  it('refuses to extend a type no earlier module defines, naming the module', () => {
    const err = buildError([
      sdlModule('Acme_Early', { 'a.graphqls': 'extend type Cart { note: String }' }),
      sdlModule('Acme_Late', { 'b.graphqls': 'type Cart { id: ID }\nextend type Query { cart: Cart }' }),
    ]);
    expect(err.message).toContain('Module Acme_Early has an invalid GraphQL schema (a.graphqls)');
    expect(err.message).toContain('Cannot extend type "Cart" because it is not defined.');
  });

  it('reports type-system errors found after merging with the module and file that caused them', () => {
    const catalog = fixtures('Fixture_Catalog');
    const bad = sdlModule('Acme_Incomplete', { 'graphql/bundle.graphqls': 'type BundleProduct implements ProductInterface {\n  sku: Sku!\n}\nextend type Query { bundle: BundleProduct }' });
    const err = buildError([...catalog, bad]);
    expect(err.code).toBe('GRAPHQL_SCHEMA_INVALID');
    expect(err.message).toContain(
      'Interface field ProductInterface.name expected but BundleProduct does not provide it. [Fixture_Catalog (graphql/catalog.graphqls:11:3), Acme_Incomplete (graphql/bundle.graphqls:1:1)]',
    );
  });

  describe('resolver checks', () => {
    const catalog = fixtures('Fixture_Catalog');
    const resolversOnly = (name: string, resolvers: ResolverMap) => ({
      manifest: defineModule({ name, version: '1.0.0', graphql: { schema: [], resolvers } }),
      dir: tmpRoot,
      source: 'modules' as const,
    });

    it('refuses resolvers for an unknown type, naming the module and the type', () => {
      const err = buildError([...catalog, resolversOnly('Acme_Typo', { Prodcut: { name: () => 'x' } })]);
      expect(err.message).toBe('Module Acme_Typo declares GraphQL resolvers for type "Prodcut", which no enabled module\'s schema defines');
      expect(err.code).toBe('GRAPHQL_RESOLVER_INVALID');
    });

    it('refuses a resolver for an unknown field', () => {
      const err = buildError([...catalog, resolversOnly('Acme_Field', { SimpleProduct: { colour: () => 'red' } })]);
      expect(err.message).toBe('Module Acme_Field declares GraphQL resolvers for field "SimpleProduct.colour", which the schema does not define');
    });

    it('refuses resolvers that would never run: __resolveType on an object type, fields on an interface, an input type', () => {
      expect(buildError([...catalog, resolversOnly('Acme_A', { SimpleProduct: { __resolveType: () => 'X' } })]).message).toContain('__resolveType belongs on interfaces and unions');
      expect(buildError([...catalog, resolversOnly('Acme_B', { ProductInterface: { name: () => 'x' } })]).message).toContain('put field resolvers on the object types');
      expect(buildError([...catalog, resolversOnly('Acme_C', { ProductInput: { sku: () => 'x' } })]).message).toContain('is an input type and takes no resolvers');
    });

    it('refuses a scalar without a GraphQLScalarType and a built-in scalar override', () => {
      expect(buildError([...catalog, resolversOnly('Acme_D', { Sku: { serialize: () => 'x' } as never })]).message).toContain('scalar "Sku": it must be a GraphQLScalarType');
      const fake = new GraphQLScalarType({ name: 'String' });
      expect(buildError([...catalog, resolversOnly('Acme_E', { String: fake })]).message).toContain('the built-in type "String"');
    });

    it('names the module whose resolver factory throws', () => {
      const mod = resolversOnly('Acme_Factory', {});
      mod.manifest.graphql!.resolvers = () => {
        throw new Error('service missing');
      };
      expect(buildError([...catalog, mod]).message).toBe('Module Acme_Factory failed to create its GraphQL resolvers: service missing');
    });

    it('leaves the fields of declared plain data types unbound (read inline by graphql-jit), and binds the default resolver elsewhere', () => {
      const sdl = { 'schema.graphqls': 'type Price { value: Float currency: String } type Page { total: Int } extend type Query { price: Price page: Page }' };
      const mod = sdlModule('Acme_Plain', sdl, { Query: { price: () => ({ value: 1, currency: 'EUR' }), page: () => ({ total: () => 3 }) } }, {});
      const plain = { ...mod, manifest: { ...mod.manifest, graphql: { ...mod.manifest.graphql!, plainDataTypes: ['Price'] } } };
      const schema = buildGraphQlSchema([plain], locator);
      const price = schema.getType('Price') as GraphQLObjectType;
      const page = schema.getType('Page') as GraphQLObjectType;
      expect(Object.values(price.getFields()).map((f) => f.resolve)).toEqual([undefined, undefined]);
      // Page keeps graphql-js semantics: its function-valued property is called.
      expect(page.getFields().total.resolve).toBeDefined();
    });

    it('refuses a plain data type that is not an object type of the schema, naming the module', () => {
      const mod = sdlModule('Acme_Plain', { 'schema.graphqls': 'extend type Query { a: Int } input Filter { a: Int }' });
      const withPlain = (names: string[]) => ({ ...mod, manifest: { ...mod.manifest, graphql: { ...mod.manifest.graphql!, plainDataTypes: names } } });
      expect(buildError([withPlain(['Nope'])]).message).toBe('Module Acme_Plain declares GraphQL plain data type "Nope", which is not an object type of the schema');
      expect(buildError([withPlain(['Filter'])]).message).toContain('"Filter"');
    });

    it('lets a later module replace a field resolver', async () => {
      const schema = buildGraphQlSchema([...catalog, resolversOnly('Acme_Override', { Query: { storeCode: () => 'overridden' } })], locator);
      const result = await graphql({ schema, source: '{ storeCode }' });
      expect(result.data).toEqual({ storeCode: 'overridden' });
    });
  });
});
