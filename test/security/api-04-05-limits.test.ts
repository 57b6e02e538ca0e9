import type express from 'express';
import request from 'supertest';
import { createHttpApp } from '../../app/http/http-app';
import type { TestApp } from '../../app/testing/test-app';
import { executed } from '../../modules/web-security/test/fixtures/checkout/module';
import { createSecurityTestApp } from './security-test-app';

/** A production installation behind a trusted loopback proxy, with the security module and Magento-named fixture mutations. */
describe('API-04 API-05 limits through the whole stack (production mode)', () => {
  let app: TestApp;
  let web: express.Express;
  const gql = (body: unknown) => request(web).post('/graphql').set('X-Forwarded-Proto', 'https').send(body as object);

  beforeAll(async () => {
    app = await createSecurityTestApp({
      modules: ['Comptoir_Store', 'Comptoir_WebSecurity', 'Fixture_Checkout'],
      env: (e) => ({ ...e, mode: 'production', http: { ...e.http, trustedProxies: ['loopback'], bodyLimit: '8kb' } }),
    });
    web = createHttpApp(app);
  });
  afterAll(() => app?.close());

  it('API-04 caps aliases (31 refused before execution)', async () => {
    const before = executed.length;
    const aliases = Array.from({ length: 31 }, (_, i) => `e${i}: fixtureEcho(text: "x")`).join(' ');
    const res = await gql({ query: `mutation { ${aliases} }` });
    expect(res.body.errors[0]).toMatchObject({ message: 'Max query aliases should be 30 but got 31.', extensions: { category: 'graphql' } });
    expect(executed.length).toBe(before);
  });

  it('API-04 refuses batched requests', async () => {
    const res = await gql([{ query: '{ storeConfig { store_code } }' }, { query: '{ storeConfig { locale } }' }]);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toBe('Batched requests are not supported: send one GraphQL operation per request.');
  });

  it('API-04 refuses introspection in production; __typename still answers', async () => {
    expect((await gql({ query: '{ __schema { types { name } } }' })).body.errors[0].message).toBe('GraphQL introspection is not allowed, but the query contained __schema or __type');
    expect((await gql({ query: '{ __typename }' })).body).toEqual({ data: { __typename: 'Query' } });
  });

  it('API-04 refuses depth over 20 before execution', async () => {
    expect((await gql({ query: '{ storeConfig { store_code } }' })).body).toEqual({ data: { storeConfig: { store_code: 'default' } } });
    // Limits are checked on the bare document, before validation: the fields need not even exist.
    const nested = 'a { '.repeat(21) + 'b' + ' }'.repeat(21);
    expect((await gql({ query: `{ ${nested} }` })).body.errors[0].message).toMatch(/^Max query depth should be 20 but got 2[12]\.$/);
  });

  it('API-05 answers 415 to unexpected content types (REST and GraphQL), 413 past the body limit', async () => {
    const rest = await request(web).post('/rest/V1/fixture/echo').set('X-Forwarded-Proto', 'https').set('Content-Type', 'application/xml').send('<a/>');
    expect(rest.status).toBe(415);
    expect(rest.body).toEqual({ message: 'Unsupported content type: send the request body as application/json.' });
    const graphQl = await request(web).post('/graphql').set('X-Forwarded-Proto', 'https').set('Content-Type', 'text/plain').send('{ storeConfig { store_code } }');
    expect(graphQl.status).toBe(415);
    const big = await request(web).post('/rest/V1/fixture/echo').set('X-Forwarded-Proto', 'https').send({ note: 'x'.repeat(9000) });
    expect(big.status).toBe(413);
    expect(big.body).toEqual({ message: 'The request body is larger than the 8kb limit.' });
    const bigQuery = await gql({ query: `{ storeConfig { store_code } } # ${'x'.repeat(9000)}` });
    expect(bigQuery.status).toBe(413);
    expect(bigQuery.body.errors[0]).toMatchObject({ message: 'The request body is larger than the 8kb limit.', extensions: { category: 'graphql' } });
  });

  it('PAY-05 API-04 30 aliased login attempts are within the alias cap but over the login limit: refused whole', async () => {
    const before = executed.length;
    const aliases = Array.from({ length: 30 }, (_, i) => `t${i}: generateCustomerToken(email: "victim@example.com", password: "guess${i}") { token }`).join(' ');
    const res = await gql({ query: `mutation { ${aliases} }` });
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
    expect(executed.length).toBe(before);
  });
});
