import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { createHttpApp } from '../http-app';
import { createSecurityHeaders, recordHeaders, replayedHeaders } from '../security-headers';
import { createTestApp, type TestApp } from '../../testing/test-app';

let production: TestApp;
let web: express.Express;

beforeAll(async () => {
  production = await createTestApp({
    moduleDirs: [path.join(__dirname, 'fixtures')],
    modules: ['Fixture_Stores', 'Fixture_Rest'],
    env: (e) => ({ ...e, mode: 'production', http: { ...e.http, trustedProxies: ['loopback'], bodyLimit: '1kb' } }),
  });
  web = createHttpApp(production);
});

afterAll(() => production?.close());

function expectSecurityHeaders(res: request.Response) {
  expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  const csp = res.headers['content-security-policy'];
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain('upgrade-insecure-requests');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['x-powered-by']).toBeUndefined();
}

describe('TLS-02 TLS-05 API-05 security headers on every response', () => {
  it('on a successful answer', async () => {
    const res = await request(web).get('/rest/V1/fixture/ping').set('X-Forwarded-Proto', 'https');
    expect(res.status).toBe(200);
    expectSecurityHeaders(res);
  });

  it('on a transport refusal (TLS-03), a 404, a 401, a 413 and a 500', async () => {
    const answers = [
      await request(web).get('/rest/V1/fixture/ping'),
      await request(web).get('/nowhere').set('X-Forwarded-Proto', 'https'),
      await request(web).post('/rest/V1/fixture/admin/things').set('X-Forwarded-Proto', 'https').send({ name: 'x' }),
      await request(web).post('/rest/V1/fixture/things').set('X-Forwarded-Proto', 'https').send({ name: 'x'.repeat(2048) }),
      await request(web).get('/rest/V1/fixture/things/boom').set('X-Forwarded-Proto', 'https'),
    ];
    expect(answers.map((r) => r.status)).toEqual([403, 404, 401, 413, 500]);
    for (const res of answers) expectSecurityHeaders(res);
  });

  it('applies env.http.bodyLimit (here 1kb) to GraphQL bodies too', async () => {
    const res = await request(web)
      .post('/graphql')
      .set('X-Forwarded-Proto', 'https')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ query: `{ __typename } # ${'x'.repeat(2048)}` }));
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ errors: [{ message: 'The request body is larger than the 1kb limit.', extensions: { category: 'graphql' } }] });
    expectSecurityHeaders(res);
  });
});

describe('security headers recorded once from helmet', () => {
  it('API-05 sends exactly the headers helmet sets when it runs per request, with the same values', async () => {
    const options = { strictTransportSecurity: { maxAge: 60 }, referrerPolicy: { policy: 'no-referrer' as const } };
    const perRequest = express().use(helmet(options)).get('/', (_req, res) => void res.end());
    const recorded = express()
      .use((_req, res, next) => {
        res.setHeader('X-Powered-By', 'test');
        next();
      })
      .use(replayedHeaders(helmet(options)))
      .get('/', (_req, res) => void res.end());
    const [a, b] = [await request(perRequest).get('/'), await request(recorded).get('/')];
    const pick = (res: request.Response) => Object.fromEntries(Object.entries(res.headers).filter(([name]) => !['date', 'connection', 'keep-alive', 'content-length'].includes(name)));
    expect(Object.keys(pick(a)).length).toBeGreaterThan(8);
    expect(pick(b)).toEqual(pick(a));
    expect(b.headers['x-powered-by']).toBeUndefined();
  });

  it('refuses a middleware that does not finish synchronously, or fails', () => {
    expect(() => recordHeaders(() => undefined)).toThrow(/did not finish synchronously/);
    expect(() => recordHeaders((_req, _res, next) => next(new Error('nope')))).toThrow('nope');
  });

  it('the kernel middleware is built from it', async () => {
    const res = await request(express().use(createSecurityHeaders()).get('/', (_req, res) => void res.end())).get('/');
    expectSecurityHeaders(res);
  });
});
