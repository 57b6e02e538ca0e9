import path from 'node:path';
import type express from 'express';
import { getIntrospectionQuery } from 'graphql';
import request from 'supertest';
import { createHttpApp } from '../../http/http-app';
import { envSchema } from '../../kernel/env';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { mutationLog } from './fixtures/catalog/module';

const moduleDirs = [path.join(__dirname, 'fixtures'), path.join(__dirname, '..', '..', 'http', 'test', 'fixtures')];
const modules = ['Fixture_Stores', 'Fixture_Catalog', 'Fixture_Reviews'];

let developer: TestApp;
let production: TestApp;
let devHttp: express.Express;
let prodHttp: express.Express;

beforeAll(async () => {
  developer = await createTestApp({ moduleDirs, modules });
  // Production refuses plain HTTP: these requests come "through" a TLS-terminating proxy on loopback.
  production = await createTestApp({ moduleDirs, modules, env: (e) => ({ ...e, mode: 'production', http: { ...e.http, trustedProxies: ['loopback'] } }) });
  devHttp = createHttpApp(developer);
  prodHttp = createHttpApp(production);
});

afterAll(async () => {
  await developer?.close();
  await production?.close();
});

function post(web: express.Express, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const req = request(web).post('/graphql').set('Content-Type', 'application/json');
  if (web === prodHttp) req.set('X-Forwarded-Proto', 'https');
  for (const [name, value] of Object.entries(headers)) req.set(name, value);
  return req.send(JSON.stringify({ query, variables }));
}

function nestedQuery(depth: number): string {
  let inner = 'id';
  for (let level = 1; level < depth - 1; level++) inner = `child { ${inner} }`;
  return `{ node { ${inner} } }`;
}

describe('GraphQL endpoint', () => {
  it('serves the schema merged from the enabled modules', async () => {
    const res = await post(devHttp, '{ products(filter: { sku: "MUG-1" }) { items { sku review_count ... on SimpleProduct { reviews { rating } } } } topReview { text } }');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { products: { items: [{ sku: 'MUG-1', review_count: 1, reviews: [{ rating: 5 }] }] }, topReview: { text: 'Holds coffee' } } });
  });

  it('has no field of a module that is not enabled (Fixture_Wishlist is on disk, disabled)', async () => {
    const res = await post(devHttp, '{ wishlist }');
    expect(res.status).toBe(200);
    expect(res.body.errors[0]).toMatchObject({ message: 'Cannot query field "wishlist" on type "Query".', extensions: { category: 'graphql' } });
  });

  describe('error categories', () => {
    it.each([
      ['INPUT', 'graphql-input', 'Required parameter "sku" is missing'],
      ['AUTHORIZATION', 'graphql-authorization', "The current customer isn't authorized."],
      ['AUTHENTICATION', 'graphql-authentication', 'The account sign-in was incorrect.'],
      ['NO_SUCH_ENTITY', 'graphql-no-such-entity', "The product that was requested doesn't exist."],
      ['ALREADY_EXISTS', 'graphql-already-exists', 'A product with the same SKU already exists.'],
      ['KERNEL_NOT_FOUND', 'graphql-no-such-entity', 'No such cart'],
      ['GRAPHQL_ERROR', 'graphql-input', 'Deliberate GraphQL error'],
    ])('%s → %s, HTTP 200 with data null', async (kind, category, message) => {
      const res = await post(prodHttp, `{ fail(kind: ${kind}) }`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ data: { fail: null }, errors: [{ message, locations: [{ line: 1, column: 3 }], path: ['fail'], extensions: { category } }] });
    });

    it('reports syntax and validation errors with category graphql', async () => {
      const syntax = await post(prodHttp, '{ products(');
      expect(syntax.status).toBe(200);
      expect(syntax.body.errors[0]).toMatchObject({ message: expect.stringMatching(/^Syntax Error/), extensions: { category: 'graphql' } });
      const validation = await post(prodHttp, '{ product(sku: 12) { nope } }');
      expect(validation.body.errors.every((e: { extensions: { category: string } }) => e.extensions.category === 'graphql')).toBe(true);
    });

    it('reports variable coercion failures (a custom scalar refusing input) as request errors', async () => {
      const res = await post(prodHttp, 'query ($s: Sku!) { product(sku: $s) { sku } }', { s: 'not a sku!' });
      expect(res.status).toBe(200);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors[0].message).toContain('is not a valid SKU');
      expect(res.body.errors[0].extensions.category).toBe('graphql');
    });
  });

  describe('internal errors', () => {
    it.each(['INTERNAL', 'KERNEL_INTERNAL'])('%s: masked as "Internal server error" in production, nothing leaked', async (kind) => {
      const res = await post(prodHttp, `{ fail(kind: ${kind}) }`);
      expect(res.status).toBe(200);
      expect(res.body.errors).toEqual([{ message: 'Internal server error', locations: [{ line: 1, column: 3 }], path: ['fail'], extensions: { category: 'internal' } }]);
      expect(res.text).not.toMatch(/SQLSTATE|password|s3cr3t|env\.json|at .*\.ts/);
    });

    it('shows the real message and stack under extensions.debug in developer mode', async () => {
      const res = await post(devHttp, '{ fail(kind: INTERNAL) }');
      const [error] = res.body.errors;
      expect(error.message).toBe('Internal server error');
      expect(error.extensions.category).toBe('internal');
      expect(error.extensions.debug.message).toContain('SQLSTATE[42S02]');
      expect(error.extensions.debug.stack).toContain('module.ts');
    });
  });

  describe('API-04 limits before execution', () => {
    it('refuses depth 21 with category graphql, runs depth 20', async () => {
      const ok = await post(prodHttp, nestedQuery(20));
      expect(ok.body.errors).toBeUndefined();
      const refused = await post(prodHttp, nestedQuery(21));
      expect(refused.status).toBe(200);
      expect(refused.body).toEqual({ errors: [{ message: 'Max query depth should be 20 but got 21.', locations: [{ line: 1, column: 1 }], extensions: { category: 'graphql' } }] });
    });

    it('refuses complexity over 300, counting fragments each time they are spread', async () => {
      const fragment = `fragment P on ProductInterface { ${Array.from({ length: 50 }, () => 'sku').join(' ')} }`;
      const spreads = (n: number) => Array.from({ length: n }, (_, i) => `p${i}: product(sku: "MUG-1") { ...P }`).join(' ');
      // 5 × (1 + 50) = 255 fields, fine; 6 × 51 = 306, refused.
      expect((await post(prodHttp, `{ ${spreads(5)} } ${fragment}`)).body.errors).toBeUndefined();
      const refused = await post(prodHttp, `{ ${spreads(6)} } ${fragment}`);
      expect(refused.body.errors.map((e: { message: string }) => e.message)).toContain('Max query complexity should be 300 but got 306.');
      expect(refused.body.data).toBeUndefined();
    });

    it('caps aliases', async () => {
      const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: storeCode`).join(' ')} }`;
      expect((await post(prodHttp, aliases(30))).body.errors).toBeUndefined();
      expect((await post(prodHttp, aliases(31))).body.errors[0]).toMatchObject({ message: 'Max query aliases should be 30 but got 31.', extensions: { category: 'graphql' } });
    });

    it('caps the tokens the parser reads', async () => {
      const huge = `{ ${Array.from({ length: 11_000 }, () => 'storeCode').join(' ')} }`;
      const res = await post(prodHttp, huge);
      expect(res.body.errors[0]).toMatchObject({ message: expect.stringMatching(/^Syntax Error: Document contains more tha[nt] 10000 tokens/), extensions: { category: 'graphql' } });
    });

    it('refuses batched (array) requests', async () => {
      const res = await request(prodHttp)
        .post('/graphql')
        .set('X-Forwarded-Proto', 'https')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify([{ query: '{ storeCode }' }, { query: '{ storeCode }' }]));
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toEqual({ message: 'Batched requests are not supported: send one GraphQL operation per request.', extensions: { category: 'graphql' } });
    });

    it('answers 413 with a JSON error when the body exceeds env.http.bodyLimit', async () => {
      const res = await post(prodHttp, `{ storeCode } # ${'x'.repeat(300 * 1024)}`);
      expect(res.status).toBe(413);
      expect(res.body).toEqual({ errors: [{ message: 'The request body is larger than the 256kb limit.', extensions: { category: 'graphql' } }] });
    });
  });

  describe('API-04 limits from etc/env.json graphql', () => {
    let tuned: TestApp | undefined;
    afterAll(() => tuned?.close());

    it('takes maxDepth, maxComplexity, maxAliases and introspection from the environment, and refuses an unknown key', async () => {
      tuned = await createTestApp({
        moduleDirs,
        modules,
        env: (e) => ({ ...e, mode: 'production', http: { ...e.http, trustedProxies: ['loopback'] }, graphql: { maxDepth: 5, maxComplexity: 40, maxAliases: 2, introspection: true } }),
      });
      const web = createHttpApp(tuned);
      const send = (query: string) => request(web).post('/graphql').set('Content-Type', 'application/json').set('X-Forwarded-Proto', 'https').send(JSON.stringify({ query }));
      expect((await send(nestedQuery(5))).body.errors).toBeUndefined();
      expect((await send(nestedQuery(6))).body.errors[0].message).toBe('Max query depth should be 5 but got 6.');
      expect((await send(`{ ${Array.from({ length: 41 }, () => 'storeCode').join(' ')} }`)).body.errors[0].message).toBe('Max query complexity should be 40 but got 41.');
      expect((await send('{ a: storeCode b: storeCode c: storeCode }')).body.errors[0].message).toBe('Max query aliases should be 2 but got 3.');
      // The operator turned introspection on in production.
      expect((await send('{ __type(name: "Query") { name } }')).body).toEqual({ data: { __type: { name: 'Query' } } });
      expect(envSchema.safeParse({ ...tuned.env, graphql: { maxDepth: 1 } }).success).toBe(false);
      expect(envSchema.safeParse({ ...tuned.env, graphql: { maxDepht: 5 } }).success).toBe(false);
    });
  });

  describe('API-04 introspection', () => {
    it('is allowed in developer mode, the standard introspection query included', async () => {
      const res = await post(devHttp, getIntrospectionQuery());
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.__schema.queryType.name).toBe('Query');
    });

    it('is refused in production mode; __typename still works', async () => {
      for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Query") { name } }']) {
        const res = await post(prodHttp, query);
        expect(res.body).toMatchObject({ errors: [{ message: 'GraphQL introspection is not allowed, but the query contained __schema or __type', extensions: { category: 'graphql' } }] });
      }
      expect((await post(prodHttp, '{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
    });
  });

  describe('Store header', () => {
    it('uses the default store view without a header, the named one with it', async () => {
      expect((await post(prodHttp, '{ storeCode }')).body).toEqual({ data: { storeCode: 'default' } });
      expect((await post(prodHttp, '{ storeCode }', undefined, { Store: 'fr_fr' })).body).toEqual({ data: { storeCode: 'fr_fr' } });
    });

    it.each(['nope', 'closed'])('refuses an unknown or inactive store (%s): graphql-input, HTTP 200', async (code) => {
      const res = await post(prodHttp, '{ storeCode }', undefined, { Store: code });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ errors: [{ message: 'Requested store is not found', extensions: { category: 'graphql-input' } }] });
    });
  });

  it('hands the bearer token to resolvers', async () => {
    expect((await post(prodHttp, '{ bearerToken }', undefined, { Authorization: 'Bearer abc.DEF-123' })).body).toEqual({ data: { bearerToken: 'abc.DEF-123' } });
    expect((await post(prodHttp, '{ bearerToken }', undefined, { Authorization: 'Basic dXNlcjpwYXNz' })).body).toEqual({ data: { bearerToken: null } });
  });

  describe('methods', () => {
    it('runs a query sent by GET', async () => {
      const res = await request(prodHttp).get('/graphql').set('X-Forwarded-Proto', 'https').set('Store', 'fr_fr').query({ query: '{ storeCode }' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ data: { storeCode: 'fr_fr' } });
    });

    it('refuses a mutation sent by GET (405) without running it, runs it by POST', async () => {
      const before = mutationLog.length;
      const res = await request(prodHttp)
        .get('/graphql')
        .set('X-Forwarded-Proto', 'https')
        .query({ query: 'mutation { createProduct(input: { sku: "GET-1", name: "x" }) { sku } }' });
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('POST');
      expect(mutationLog.length).toBe(before);
      const posted = await post(prodHttp, 'mutation { createProduct(input: { sku: "post-1", name: "x" }) { sku } }');
      expect(posted.body).toEqual({ data: { createProduct: { sku: 'POST-1' } } });
      expect(mutationLog).toContain('POST-1');
    });

    it('answers 415 to a POST that is not application/json', async () => {
      const res = await request(prodHttp).post('/graphql').set('X-Forwarded-Proto', 'https').set('Content-Type', 'text/plain').send('{ storeCode }');
      expect(res.status).toBe(415);
    });
  });

  it('TLS-02 API-05 sends the security headers on GraphQL answers', async () => {
    const res = await post(prodHttp, '{ storeCode }');
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('types and serializes answers the same whichever path wrote them (plain data, or data with errors)', async () => {
    const query = '{ products(filter: { sku: "MUG-1" }) { items { sku review_count } } }';
    const cases: Array<[string | undefined, string]> = [
      [undefined, 'application/json; charset=utf-8'],
      ['application/json', 'application/json; charset=utf-8'],
      ['application/graphql-response+json', 'application/graphql-response+json; charset=utf-8'],
      ['text/html, application/graphql-response+json;charset=utf-8, application/json', 'application/graphql-response+json; charset=utf-8'],
      ['*/*', 'application/json; charset=utf-8'],
    ];
    for (const [accept, type] of cases) {
      const res = await post(devHttp, query, undefined, accept ? { Accept: accept } : {});
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(type);
      expect(res.text).toBe(JSON.stringify({ data: { products: { items: [{ sku: 'MUG-1', review_count: 1 }] } } }));
    }
    const unacceptable = await post(devHttp, query, undefined, { Accept: 'text/html' });
    expect(unacceptable.status).toBe(406);
    // With an error the result goes through graphql-http's own serialization and the error formatter.
    const failing = await post(devHttp, '{ product(sku: "") { sku } }', undefined, { Accept: 'application/graphql-response+json' });
    expect(failing.headers['content-type']).toBe('application/graphql-response+json; charset=utf-8');
    expect(failing.body.errors[0].extensions.category).toBe('graphql-input');
  });
});
