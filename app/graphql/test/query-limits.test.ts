import { getIntrospectionQuery, parse } from 'graphql';
import { checkQueryLimits, DEFAULT_QUERY_LIMITS, measureDocument, type QueryLimits } from '../query-limits';

const limits: QueryLimits = { ...DEFAULT_QUERY_LIMITS, introspection: false };

/** `{ node { child { child … { id } } } }` with `depth` field levels in all. */
function nestedQuery(depth: number): string {
  let inner = 'id';
  for (let level = 1; level < depth - 1; level++) inner = `child { ${inner} }`;
  return `{ node { ${inner} } }`;
}

function cost(query: string) {
  return [...measureDocument(parse(query)).values()][0];
}

describe('API-04 query limits', () => {
  it('measures depth as the nesting of fields', () => {
    expect(cost('{ a }').depth).toBe(1);
    expect(cost('{ a { b { c } } }').depth).toBe(3);
    expect(cost(nestedQuery(20)).depth).toBe(20);
    expect(cost('{ a { ...F } } fragment F on T { b { ... on U { c { d } } } }').depth).toBe(4);
  });

  it('counts every field, a fragment as many times as it is spread', () => {
    expect(cost('{ a b { c } }').complexity).toBe(3);
    expect(cost('{ x { ...F } y { ...F } } fragment F on T { p q r }').complexity).toBe(8);
    expect(cost('{ x { ... on T { p q } } }').complexity).toBe(3);
  });

  it('counts aliases, inside fragments too', () => {
    expect(cost('{ a: x b: x c: x { d: y } }').aliases).toBe(4);
    expect(cost('{ x { ...F } y { ...F } } fragment F on T { one: p two: p }').aliases).toBe(4);
  });

  it('measures a fragment bomb in linear time and refuses it', () => {
    // 40 levels of fragments each spreading the next twice: 2^40 fields once expanded.
    const fragments = Array.from({ length: 40 }, (_, i) => `fragment F${i} on T { a: f { ...F${i + 1} } b: f { ...F${i + 1} } }`).join('\n');
    const query = `{ root { ...F0 } }\n${fragments}\nfragment F40 on T { leaf }`;
    const started = Date.now();
    const errors = checkQueryLimits(parse(query), limits).map((e) => e.message);
    expect(Date.now() - started).toBeLessThan(500);
    expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(/^Max query depth should be 20 but got \d+\.$/), expect.stringMatching(/^Max query complexity should be 300 but got \d+\.$/)]));
  });

  it('survives fragment cycles (graphql-js reports them as validation errors)', () => {
    expect(() => measureDocument(parse('{ a { ...F } } fragment F on T { b { ...G } } fragment G on T { c { ...F } }'))).not.toThrow();
  });

  it('refuses depth 21 and accepts depth 20, with Magento\'s message and category graphql', () => {
    expect(checkQueryLimits(parse(nestedQuery(20)), limits)).toEqual([]);
    const [error] = checkQueryLimits(parse(nestedQuery(21)), limits);
    expect(error.message).toBe('Max query depth should be 20 but got 21.');
    expect(error.extensions.category).toBe('graphql');
  });

  it('refuses complexity 301 and accepts 300', () => {
    const fields = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `f${i}`).join(' ')} }`;
    expect(checkQueryLimits(parse(fields(300)), limits)).toEqual([]);
    expect(checkQueryLimits(parse(fields(301)), limits).map((e) => e.message)).toEqual(['Max query complexity should be 300 but got 301.']);
  });

  it('checks each operation of a document on its own', () => {
    const doc = parse(`query Small { a } query Deep ${nestedQuery(22)}`);
    const errors = checkQueryLimits(doc, limits);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toBe('Max query depth should be 20 but got 22.');
  });

  it('refuses __schema and __type unless introspection is on; __typename is always fine', () => {
    expect(checkQueryLimits(parse('{ __typename a { __typename } }'), limits)).toEqual([]);
    expect(checkQueryLimits(parse('{ a { ...F } } fragment F on T { __type(name: "X") { name } }'), limits).map((e) => e.message)).toEqual([
      'GraphQL introspection is not allowed, but the query contained __schema or __type',
    ]);
    expect(checkQueryLimits(parse('{ __schema { types { name } } }'), { ...limits, introspection: true })).toEqual([]);
  });

  it('lets the standard introspection query through the depth and complexity limits', () => {
    expect(checkQueryLimits(parse(getIntrospectionQuery()), { ...limits, introspection: true })).toEqual([]);
  });
});
