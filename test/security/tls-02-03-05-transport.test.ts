import type express from 'express';
import { getNamedType, isScalarType, buildClientSchema, getIntrospectionQuery, type IntrospectionQuery, type GraphQLObjectType } from 'graphql';
import request from 'supertest';
import { Kernel } from '../../app';
import { createHttpApp } from '../../app/http/http-app';
import { startServer, type RunningServer } from '../../app/http/server';
import { PLAIN_HTTP_REFUSED } from '../../app/http/transport-policy';
import type { AdminAuthorizer } from '../../app/http/admin-authorizer';
import type { TestApp } from '../../app/testing/test-app';
import { StoreApi } from '../../modules/store/api';
import { rateLimitPath } from '../../modules/web-security/api';
import { executed } from '../../modules/web-security/test/fixtures/checkout/module';
import { createSecurityTestApp } from './security-test-app';

const modules = ['Comptoir_Store', 'Comptoir_WebSecurity', 'Fixture_Checkout'];
const allowAll: AdminAuthorizer = { authorize: async () => ({ allowed: true }) };

function expectHsts(res: { status: number; headers: Record<string, unknown> }) {
  expect({ status: res.status, hsts: res.headers['strict-transport-security'] }).toEqual({ status: res.status, hsts: 'max-age=31536000; includeSubDomains' });
  expect(res.headers['content-security-policy']).toMatch(/upgrade-insecure-requests/);
  expect(res.headers.location).toBeUndefined();
}

describe('TLS-02 HSTS on every response, whatever answers', () => {
  let app: TestApp;
  let web: express.Express;

  beforeAll(async () => {
    app = await createSecurityTestApp({ modules, env: (e) => ({ ...e, http: { ...e.http, bodyLimit: '2kb' } }) });
    await app.config.set(rateLimitPath('coupon', 'per_ip'), 1);
    web = createHttpApp(app);
  });
  afterAll(() => app?.close());

  it('TLS-02 on REST, GraphQL, errors, 404, 401, 413, 415, card-guard refusals and 429s', async () => {
    const coupon = () => request(web).post('/graphql').send({ query: 'mutation { applyCouponToCart(input: { cart_id: "c", coupon_code: "X" }) { cart_id } }' });
    const answers = [
      await request(web).get('/rest/V1/fixture/items/1'),
      await request(web).get(`/graphql?query=${encodeURIComponent('{ storeConfig { store_code } }')}`),
      await request(web).post('/graphql').send({ query: '{ nope }' }),
      await request(web).get('/nowhere'),
      await request(web).get('/rest/V1/store/storeViews'),
      await request(web).post('/rest/V1/fixture/echo').send({ big: 'x'.repeat(4096) }),
      await request(web).post('/rest/V1/fixture/echo').set('Content-Type', 'text/plain').send('hello'),
      await request(web).post('/graphql').send({ query: 'mutation { fixtureEcho(text: "4111 1111 1111 1111") }' }),
      await coupon(),
      await coupon(),
    ];
    // A GraphQL validation error is 200 with an errors array for application/json clients (GraphQL over HTTP).
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 404, 401, 413, 415, 400, 200, 429]);
    expect(answers[2].body.errors[0].message).toMatch(/Cannot query field/);
    for (const res of answers) expectHsts(res);
  });
});

describe('TLS-03 plain-HTTP API calls: refused, never redirected, loopback only in developer mode, proxies by address', () => {
  const servers: RunningServer[] = [];
  const apps: TestApp[] = [];
  async function serve(env: Parameters<typeof createSecurityTestApp>[0]): Promise<RunningServer> {
    const app = await createSecurityTestApp({ modules, ...env });
    apps.push(app);
    const running = await startServer(app, { host: '127.0.0.1', port: 0 });
    servers.push(running);
    return running;
  }
  afterAll(async () => {
    for (const s of servers) await s.close();
    for (const a of apps) await a.close();
  });

  const mutation = JSON.stringify({ query: 'mutation { fixtureEcho(text: "over plain http") }' });
  const post = (server: RunningServer, headers: Record<string, string> = {}) =>
    fetch(`${server.url}graphql`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/json', ...headers }, body: mutation });

  it('TLS-03 production: a plain-HTTP GraphQL mutation and a REST call are refused with 403, not redirected, never run', async () => {
    const production = await serve({ env: (e) => ({ ...e, mode: 'production' }) });
    const before = executed.length;
    const gql = await post(production, { 'x-forwarded-proto': 'https' });
    expect(gql.status).toBe(403);
    expect(gql.headers.get('location')).toBeNull();
    expect(await gql.json()).toEqual({ errors: [{ message: PLAIN_HTTP_REFUSED, extensions: { category: 'graphql' } }] });
    const rest = await fetch(`${production.url}rest/V1/fixture/items/1`, { redirect: 'manual' });
    expect(rest.status).toBe(403);
    expect(rest.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(executed.length).toBe(before);
  });

  it('TLS-03 production behind a configured proxy: X-Forwarded-Proto https is believed from it, http is not', async () => {
    const proxied = await serve({ env: (e) => ({ ...e, mode: 'production', http: { ...e.http, trustedProxies: ['127.0.0.1'] } }) });
    expect((await post(proxied, { 'x-forwarded-proto': 'https' })).status).toBe(200);
    expect((await post(proxied, { 'x-forwarded-proto': 'http' })).status).toBe(403);
    expect((await post(proxied)).status).toBe(403);
  });

  it('TLS-03 developer mode: loopback plain HTTP is served', async () => {
    const developer = await serve({});
    expect(await (await post(developer)).json()).toEqual({ data: { fixtureEcho: 'over plain http' } });
  });
});

describe('TLS-05 every URL the system emits is https, in every store view', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createSecurityTestApp({ modules, overrides: (bind) => bind(Kernel.AdminAuthorizer).toConstantValue(allowAll) });
    const stores = app.get(StoreApi.StoreManager);
    await stores.createStoreView({ code: 'fr', name: 'Français', settings: { locale: 'fr_FR', baseUrl: 'https://shop.example/fr/', secureBaseUrl: 'https://shop.example/fr/', secureBaseMediaUrl: 'https://cdn.example/fr/' } });
    await stores.createStoreView({ code: 'de', name: 'Deutsch', settings: { locale: 'de_DE' } });
  });
  afterAll(() => app?.close());

  /** Every string in a JSON value that is a URL (scheme://…). */
  function urlsIn(value: unknown, out: string[] = []): string[] {
    if (typeof value === 'string' && /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) out.push(value);
    else if (value && typeof value === 'object') for (const item of Object.values(value)) urlsIn(item, out);
    return out;
  }

  it('TLS-05 walks storeConfig (every scalar field, from the running schema) for every store view: only https URLs', async () => {
    const web = createHttpApp(app);
    const introspection = await request(web).post('/graphql').send({ query: getIntrospectionQuery() });
    const schema = buildClientSchema(introspection.body.data as IntrospectionQuery);
    const storeConfig = schema.getType('StoreConfig') as GraphQLObjectType;
    const fields = Object.values(storeConfig.getFields()).filter((f) => isScalarType(getNamedType(f.type)) && !f.args.length).map((f) => f.name);
    const views = await app.get(StoreApi.StoreRepository).listStoreViews();
    expect(views.map((v) => v.code).sort()).toEqual(['de', 'default', 'fr']);
    const urls: string[] = [];
    for (const view of views) {
      const res = await request(web).post('/graphql').set('Store', view.code).send({ query: `{ storeConfig { ${fields.join(' ')} } availableStores { ${fields.join(' ')} } }` });
      expect(res.body.errors).toBeUndefined();
      urls.push(...urlsIn(res.body.data));
    }
    expect(urls.length).toBeGreaterThanOrEqual(3 * 8 * 2);
    expect(urls.filter((u) => !u.startsWith('https://'))).toEqual([]);
    expect(urls).toContain('https://cdn.example/fr/');
  });

  it('TLS-05 the admin REST store configs are https too', async () => {
    const res = await request(createHttpApp(app)).get('/rest/V1/store/storeConfigs');
    expect(res.status).toBe(200);
    const urls = urlsIn(res.body);
    expect(urls.length).toBe(3 * 8);
    expect(urls.filter((u) => !u.startsWith('https://'))).toEqual([]);
  });
});
