import { buildSchema, defaultFieldResolver, parse, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
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

  it('refuses exactly the variables graphql-js refuses, with graphql-js messages, and runs the others', async () => {
    const typed = schemaWithDefaults(
      `enum E { A B }
       input In { a: Int!, b: [String!], c: E, d: In2 }
       input In2 { x: Float }
       type Query { f(i: Int, fl: Float, s: String, b: Boolean, id: ID, e: E, inp: In, l: [Int!]!, nn: String!): String }`,
      { f: () => 'ran' },
    );
    const document = parse('query Q($i: Int, $fl: Float, $s: String, $b: Boolean, $id: ID, $e: E, $inp: In, $l: [Int!]!, $nn: String!) { f(i: $i, fl: $fl, s: $s, b: $b, id: $id, e: $e, inp: $inp, l: $l, nn: $nn) }');
    const definitions = (document.definitions[0] as OperationDefinitionNode).variableDefinitions!;
    const cases: Array<Record<string, unknown>> = [
      {}, { i: 2 ** 31 }, { i: 1.5 }, { i: '1' }, { i: true }, { i: -0 }, { i: 1e10 }, { fl: '1.5' }, { fl: NaN }, { fl: Infinity }, { fl: 1 },
      { s: 1 }, { s: {} }, { s: null }, { b: 1 }, { b: 'true' }, { id: 1.5 }, { id: true }, { id: {} }, { id: 12 }, { e: 'C' }, { e: 1 }, { e: 'A' },
      { inp: { a: 1, z: 2 } }, { inp: {} }, { inp: { a: null } }, { inp: { a: 1, b: [null] } }, { inp: { a: 1, b: 'one' } }, { inp: { a: 1, b: [1] } },
      { inp: { a: 1, c: 'X' } }, { inp: { a: 1, d: { x: 'y' } } }, { inp: { a: 1, d: 5 } }, { inp: { a: 1, d: { x: 1, y: 2 } } }, { inp: 'str' }, { inp: [] },
      { l: null }, { l: [null] }, { l: 5 }, { l: ['a'] }, { l: [2 ** 31] }, { nn: null },
    ];
    let refused = 0;
    for (const values of cases) {
      const variableValues = { l: [1], nn: 'x', ...values };
      const expected = getVariableValues(typed, definitions, variableValues, { maxErrors: 50 });
      const result = await execute({ schema: typed, document, operationName: 'Q', variableValues });
      if (expected.errors) {
        refused++;
        expect(result).toEqual({ errors: expected.errors });
      } else {
        expect(result).toEqual({ data: { f: 'ran' } });
      }
    }
    expect(refused).toBeGreaterThan(20);
  });
});
