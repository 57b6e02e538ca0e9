import { Writable } from 'node:stream';
import type express from 'express';
import request from 'supertest';
import { createHttpApp } from '../../../app/http/http-app';
import { createLogger } from '../../../app/log/logger';
import type { TestApp } from '../../../app/testing/test-app';
import { CARD_DATA_REFUSED, WebSecurityConfigPath } from '../api';
import { executed } from './fixtures/checkout/module';
import { createWebSecurityTestApp } from './web-security-test-app';

const logLines: string[] = [];
let app: TestApp;
let web: express.Express;

beforeAll(async () => {
  const destination = new Writable({ write: (chunk, _e, done) => (logLines.push(String(chunk)), done()) });
  app = await createWebSecurityTestApp({ logger: createLogger({ level: 'info', destination: destination as never }) });
  web = createHttpApp(app);
});
afterAll(() => app?.close());

const echo = (text: string) => ({ query: 'mutation($t: String) { fixtureEcho(text: $t) }', variables: { t: text } });

/** Runs a request and checks it was refused by the guard before anything ran; returns the refusal's field. */
async function expectRefused(send: () => request.Test, field: RegExp, graphQl: boolean) {
  const before = executed.length;
  const res = await send();
  expect(res.status).toBe(400);
  const message: string = graphQl ? res.body.errors[0].message : res.body.message;
  expect(message.startsWith(CARD_DATA_REFUSED)).toBe(true);
  expect(message).toMatch(field);
  if (graphQl) expect(res.body.errors[0].extensions).toEqual({ category: 'graphql-input' });
  expect(res.headers['strict-transport-security']).toBeDefined();
  expect(executed.length).toBe(before);
  expect(JSON.stringify(res.body)).not.toMatch(/4111|1111 1111/);
}

describe('PAY-03 card-data guard: refused before any resolver or route runs', () => {
  it('PAY-03 GraphQL variables, spaced, dashed or plain', async () => {
    for (const pan of ['4111 1111 1111 1111', '4111-1111-1111-1111', '4111111111111111', '5555 5555 5555 4444']) {
      await expectRefused(() => request(web).post('/graphql').send(echo(pan)), /variables\.t/, true);
    }
  });

  it('PAY-03 GraphQL inline literals, numbers and unicode escapes', async () => {
    await expectRefused(() => request(web).post('/graphql').send({ query: 'mutation { fixtureEcho(text: "4111 1111 1111 1111") }' }), /\(in query\)/, true);
    await expectRefused(() => request(web).post('/graphql').send({ query: 'mutation { fixtureEcho(text: "n", n: 4111111111111111) }' }), /\(in query\)/, true);
    const escaped = '"\\u0034\\u0031\\u0031\\u0031 1111 1111 1111"';
    await expectRefused(() => request(web).post('/graphql').send({ query: `mutation { fixtureEcho(text: ${escaped}) }` }), /string literal/, true);
    const jsonEscaped = '{"query":"mutation($t: String) { fixtureEcho(text: $t) }","variables":{"t":"\\u0034111111111111111"}}';
    await expectRefused(() => request(web).post('/graphql').set('Content-Type', 'application/json').send(jsonEscaped), /variables\.t/, true);
  });

  it('PAY-03 GraphQL GET query strings', async () => {
    const query = encodeURIComponent('query($t: String) { storeConfig { store_code } }');
    await expectRefused(() => request(web).get(`/graphql?query=${query}&variables=${encodeURIComponent(JSON.stringify({ t: '4111 1111 1111 1111' }))}`), /query string/, true);
  });

  it('PAY-03 REST bodies, nested, in keys and in arrays', async () => {
    await expectRefused(() => request(web).post('/rest/V1/fixture/echo').send({ payment: { additional: [{ number: '4111 1111 1111 1111' }] } }), /body\.payment\.additional\[0\]\.number/, false);
    await expectRefused(() => request(web).post('/rest/V1/fixture/echo').send({ '4111111111111111': true }), /\(key\)/, false);
  });

  it('PAY-03 REST query strings and path parameters', async () => {
    await expectRefused(() => request(web).get('/rest/V1/fixture/items/1?note=4111+1111+1111+1111'), /query string/, false);
    await expectRefused(() => request(web).get('/rest/V1/fixture/items/4111%201111%201111%201111'), /URL path/, false);
  });

  it('PAY-03 headers, cookies included, and closes the connection', async () => {
    const res = await request(web).get('/rest/V1/fixture/items/1').set('X-Card', '4111-1111-1111-1111');
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/header x-card/);
    expect(res.headers.connection).toBe('close');
    await expectRefused(() => request(web).post('/graphql').set('Cookie', 'note=4111111111111111').send(echo('hello')), /header cookie/, true);
  });

  it('PAY-03 logs the refusal with the field and the last 4 digits only', async () => {
    logLines.length = 0;
    await request(web).post('/graphql').send(echo('pay 4111 1111 1111 1111 now'));
    const entries = logLines.map((l) => JSON.parse(l));
    expect(entries).toEqual([expect.objectContaining({ level: 40, msg: 'Request refused: it contained a payment card number', cardDataGuard: { field: 'variables.t', last4: '1111' } })]);
    expect(logLines.join('')).not.toMatch(/4111[\s-]*1111[\s-]*1111/);
  });

  it('PAY-03 lets ordinary numbers through: ids, amounts, dates, phone numbers, Luhn-invalid 16 digits', async () => {
    for (const text of ['order 000000123', '1999.99', '2026-03-02', '+33 6 12 34 56 78', '4111111111111112', 'cart Xq2mA9pK7vR3sT1uW8yZ0bC4dE6fG5hJ']) {
      const res = await request(web).post('/graphql').send(echo(text));
      expect(res.body).toEqual({ data: { fixtureEcho: text } });
    }
    expect((await request(web).get('/rest/V1/fixture/items/000000123?amount=1999')).status).toBe(200);
  });

  it('PAY-03 spares numbers no card brand issues (ms timestamps in cookies, barcodes) unless asked to refuse any Luhn-valid number', async () => {
    const send = (target: express.Express) => request(target).post('/graphql').set('Cookie', '_fbp=fb.1.1700000000004.1116446470').send(echo('ean 3017620422007'));
    expect((await send(web)).body).toEqual({ data: { fixtureEcho: 'ean 3017620422007' } });
    await app.config.set(WebSecurityConfigPath.CardGuardBrandRangesOnly, false);
    try {
      const strict = await send(createHttpApp(app));
      expect(strict.status).toBe(400);
      expect(strict.body.errors[0].message).toMatch(/\(in header cookie\)/);
    } finally {
      await app.config.set(WebSecurityConfigPath.CardGuardBrandRangesOnly, true);
    }
  });
});
