import { buildSchema, defaultFieldResolver, parse, type GraphQLSchema } from 'graphql';
import { createCompiledExecutor } from '../compiled-executor';

function schemaWithDefaults(sdl: string, resolvers: Record<string, (...a: any[]) => unknown>): GraphQLSchema {
  const schema = buildSchema(sdl);
  const query = schema.getQueryType()!;
  for (const [name, resolve] of Object.entries(resolvers)) query.getFields()[name].resolve = resolve;
  for (const type of Object.values(schema.getTypeMap())) {
    if ('getFields' in type && !type.name.startsWith('__')) for (const f of Object.values((type as any).getFields() as Record<string, any>)) f.resolve ??= defaultFieldResolver;
  }
  return schema;
}

describe('compiled executor (graphql-jit) keeps graphql-js semantics', () => {
  const schema = schemaWithDefaults('type Page { items: [Int] total: Int } type Query { page: Page boom: String sku(s: String!): String }', {
    page: () => ({ items: () => [1, 2, 3], total: 3 }),
    boom: () => {
      throw new Error('exploded');
    },
    sku: (_: unknown, args: { s: string }) => args.s,
  });
  const execute = createCompiledExecutor();

  it('calls function-valued properties like the default resolver does', async () => {
    const result = await execute({ schema, document: parse('{ page { items total } }') });
    expect(result).toEqual({ data: { page: { items: [1, 2, 3], total: 3 } } });
  });

  it('gives field errors their AST nodes (locations) and original error', async () => {
    const result = await execute({ schema, document: parse('{\n  boom }') });
    expect(result.errors?.[0].locations).toEqual([{ line: 2, column: 3 }]);
    expect(result.errors?.[0].nodes?.length).toBe(1);
    expect(result.errors?.[0].originalError?.message).toBe('exploded');
  });

  it('coerces variables with graphql-js messages', async () => {
    const result = await execute({ schema, document: parse('query ($s: String!) { sku(s: $s) }'), variableValues: {} });
    expect(result.errors?.[0].message).toBe('Variable "$s" of required type "String!" was not provided.');
    expect(await execute({ schema, document: parse('query ($s: String!) { sku(s: $s) }'), variableValues: { s: 'ABC' } })).toEqual({ data: { sku: 'ABC' } });
  });
});
