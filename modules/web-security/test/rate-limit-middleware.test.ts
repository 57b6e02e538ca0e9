import express from 'express';
import { SignJWT } from 'jose';
import request from 'supertest';
import { Kernel } from '../../../app';
import { FakeClock } from '../../../app/kernel/clock';
import { createHttpApp } from '../../../app/http/http-app';
import type { TestApp } from '../../../app/testing/test-app';
import { rateLimitPath, WebSecurityConfigPath } from '../api';
import { executed } from './fixtures/checkout/module';
import { createWebSecurityTestApp } from './web-security-test-app';

const clock = new FakeClock(new Date('2026-03-02T10:00:30Z'));
let app: TestApp;
let web: express.Express;
let ipCounter = 0;
/** Each test its own client address (through the trusted loopback proxy), so counters of one test never reach another. */
const freshIp = () => `203.0.113.${++ipCounter}`;

const gql = (ip: string, query: string, variables?: Record<string, unknown>, token?: string) => {
  const req = request(web).post('/graphql').set('X-Forwarded-For', ip);
  if (token) req.set('Authorization', `Bearer ${token}`);
  return req.send({ query, variables });
};
const login = (ip: string, email: string) => gql(ip, 'mutation($e: String!) { generateCustomerToken(email: $e, password: "wrong") { token } }', { e: email });

beforeAll(async () => {
  app = await createWebSecurityTestApp({
    env: (e) => ({ ...e, http: { ...e.http, trustedProxies: ['loopback'] } }),
    overrides: (bind) => bind(Kernel.Clock).toConstantValue(clock),
  });
  const limits: Array<[string, unknown]> = [
    [rateLimitPath('customer_login', 'per_account'), 3],
    [rateLimitPath('customer_login', 'per_ip'), 5],
    [rateLimitPath('customer_login', 'window'), 60],
    [rateLimitPath('checkout', 'per_account'), 2],
    [rateLimitPath('checkout', 'per_ip'), 4],
    [rateLimitPath('admin_token', 'per_account'), 2],
    [rateLimitPath('admin_token', 'per_ip'), 3],
    [rateLimitPath('coupon', 'per_ip'), 3],
  ];
  for (const [path, value] of limits) await app.config.set(path, value);
  web = createHttpApp(app);
});
afterAll(() => app?.close());

describe('API-05 rate limits on customer login (GraphQL)', () => {
  it('API-05 refuses the 4th login for one account within the window with 429, Retry-After and a clear message, without running it', async () => {
    const ip = freshIp();
    for (let i = 0; i < 3; i++) expect((await login(ip, 'Ana@Example.com')).body).toEqual({ data: { generateCustomerToken: { token: 'fixture-token' } } });
    const before = executed.length;
    const refused = await login(freshIp(), 'ana@example.com'); // another IP, same account (case-insensitive)
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBe(30);
    expect(refused.body).toEqual({ errors: [{ message: 'Too many requests (customer login). Try again in 30 seconds.', extensions: { category: 'graphql-input' } }] });
    expect(executed.length).toBe(before);
    expect(refused.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('API-05 refuses guesses spread over many accounts once the client IP is over its limit', async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) expect((await login(ip, `spray${i}@example.com`)).status).toBe(200);
    expect((await login(ip, 'spray5@example.com')).status).toBe(429);
    expect((await login(freshIp(), 'spray5@example.com')).status).toBe(200);
  });

  it('API-05 lets the account in again once the window has passed (fake clock)', async () => {
    const ip = freshIp();
    for (let i = 0; i < 3; i++) await login(ip, 'later@example.com');
    expect((await login(ip, 'later@example.com')).status).toBe(429);
    clock.advance(60_000);
    expect((await login(ip, 'later@example.com')).status).toBe(200);
  });
});

describe('PAY-05 aliases, fragments and batches count each occurrence', () => {
  it('PAY-05 counts every aliased occurrence: 4 aliased logins in one request are refused as a whole and none runs', async () => {
    const before = executed.length;
    const aliases = [0, 1, 2, 3].map((i) => `a${i}: generateCustomerToken(email: "alias@example.com", password: "p${i}") { token }`).join('\n');
    const res = await gql(freshIp(), `mutation { ${aliases} }`);
    expect(res.status).toBe(429);
    expect(executed.length).toBe(before);
  });

  it('PAY-05 counts fields reached through fragments, once per response key', async () => {
    const ip = freshIp();
    const query = `mutation { ...Login ...Login ... on Mutation { b: generateCustomerToken(email: "frag@example.com", password: "x") { token } } }
      fragment Login on Mutation { a: generateCustomerToken(email: "frag@example.com", password: "x") { token } }`;
    expect((await gql(ip, query)).status).toBe(200); // a + b = 2 hits
    expect((await login(ip, 'frag@example.com')).status).toBe(200); // 3rd
    expect((await login(ip, 'frag@example.com')).status).toBe(429);
  });

  it('API-05 batched requests never get through: they are refused by the GraphQL endpoint', async () => {
    const res = await request(web).post('/graphql').set('X-Forwarded-For', freshIp()).send([{ query: 'mutation { generateCustomerToken(email: "b@example.com", password: "x") { token } }' }]);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/Batched requests are not supported/);
  });

  it('does not count requests without a limited field (storeConfig, other mutations)', async () => {
    const ip = freshIp();
    for (let i = 0; i < 8; i++) {
      expect((await gql(ip, '{ storeConfig { store_code } }')).status).toBe(200);
      expect((await gql(ip, 'mutation { fixtureEcho(text: "generateCustomerTokens") }')).status).toBe(200);
    }
    expect((await login(ip, 'quiet@example.com')).status).toBe(200);
  });
});

describe('PAY-05 anti-carding limits on payment method and placeOrder', () => {
  const pay = (ip: string, cart: string, token?: string) =>
    gql(ip, 'mutation($c: String!) { setPaymentMethodOnCart(input: { cart_id: $c, payment_method: { code: "checkmo" } }) { cart_id } }', { c: cart }, token);
  const place = (ip: string, cart: string, token?: string) => gql(ip, 'mutation($c: String!) { placeOrder(input: { cart_id: $c }) { cart_id } }', { c: cart }, token);

  async function customerToken(customerId: number, secret?: Uint8Array): Promise<string> {
    const key = app.env.auth!.jwtKeys.at(-1)!;
    const now = Math.floor(clock.now().getTime() / 1000);
    return new SignJWT({ uid: customerId, utypid: 3 })
      .setProtectedHeader({ alg: 'HS256', kid: key.kid })
      .setSubject(String(customerId))
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(secret ?? new Uint8Array(Buffer.from(key.secret, 'base64')));
  }

  it('PAY-05 limits a guest per cart: payment-method and placeOrder share the checkout allowance', async () => {
    expect((await pay(freshIp(), 'cart-guest-1')).status).toBe(200);
    expect((await place(freshIp(), 'cart-guest-1')).status).toBe(200);
    const res = await pay(freshIp(), 'cart-guest-1');
    expect(res.status).toBe(429);
    expect(res.body.errors[0].message).toBe('Too many requests (checkout). Try again in 30 seconds.'.replace('30', res.headers['retry-after']));
  });

  it('PAY-05 limits a guest per IP across carts', async () => {
    const ip = freshIp();
    for (let i = 0; i < 4; i++) expect((await pay(ip, `cart-ip-${i}`)).status).toBe(200);
    expect((await pay(ip, 'cart-ip-9')).status).toBe(429);
  });

  it('PAY-05 limits a customer per account across carts and IPs, by the verified token', async () => {
    const token = await customerToken(41);
    expect((await pay(freshIp(), 'c-a', token)).status).toBe(200);
    expect((await pay(freshIp(), 'c-b', await customerToken(41))).status).toBe(200);
    expect((await pay(freshIp(), 'c-c', token)).status).toBe(429);
    expect((await pay(freshIp(), 'c-d', await customerToken(42))).status).toBe(200);
  });

  it("PAY-05 a forged token naming a victim does not spend the victim's allowance", async () => {
    const forged = await customerToken(77, new Uint8Array(32).fill(7));
    for (let i = 0; i < 3; i++) await pay(freshIp(), `f-${i}`, forged);
    expect((await pay(freshIp(), 'victim-cart', await customerToken(77))).status).toBe(200);
  });
});

describe('API-05 admin token and two-factor routes (REST)', () => {
  const adminToken = (ip: string, username: string) =>
    request(web).post('/rest/V1/integration/admin/token').set('X-Forwarded-For', ip).send({ username, password: 'wrong' });

  it('API-05 refuses the 3rd admin token request for one user name with 429 {message} and Retry-After', async () => {
    expect((await adminToken(freshIp(), 'admin')).status).toBe(200);
    expect((await adminToken(freshIp(), 'admin')).status).toBe(200);
    const before = executed.length;
    const res = await adminToken(freshIp(), 'admin');
    expect(res.status).toBe(429);
    expect(res.body).toEqual({ message: expect.stringMatching(/^Too many requests \(admin token\)\. Try again in \d+ seconds?\.$/) });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(executed.length).toBe(before);
  });

  it('API-05 limits two-factor attempts per IP (store-scoped paths too)', async () => {
    const ip = freshIp();
    let n = 0;
    const tfa = () => request(web).post('/rest/default/V1/tfa/provider/google/authenticate').set('X-Forwarded-For', ip).send({ tfaToken: `t${++n}`, otp: '000000' });
    for (let i = 0; i < 3; i++) expect((await tfa()).status).toBe(200);
    expect((await tfa()).status).toBe(429);
  });

  it('PAY-05 limits REST order placement per guest cart (the path segment)', async () => {
    const order = () => request(web).put('/rest/V1/guest-carts/masked-cart-xyz/order').set('X-Forwarded-For', freshIp());
    expect((await order()).status).toBe(200);
    expect((await order()).status).toBe(200);
    expect((await order()).status).toBe(429);
  });
});

describe('API-05 rate limit settings', () => {
  it('API-05 are on by default, and web_security/rate_limit/enabled = 0 switches them off', async () => {
    expect(await app.config.get(WebSecurityConfigPath.RateLimitEnabled)).toBe(true);
    await app.config.set(WebSecurityConfigPath.RateLimitEnabled, '0');
    try {
      const off = createHttpApp(app);
      const ip = freshIp();
      for (let i = 0; i < 6; i++) expect((await request(off).post('/graphql').set('X-Forwarded-For', ip).send({ query: 'mutation { generateCustomerToken(email: "off@example.com", password: "x") { token } }' })).status).toBe(200);
    } finally {
      await app.config.set(WebSecurityConfigPath.RateLimitEnabled, '1');
    }
  });

  it('API-05 applies to any operation listed in the config, by GraphQL field name or REST route', async () => {
    await app.config.set(rateLimitPath('coupon', 'operations'), 'fixtureEcho,GET /V1/fixture/items/*');
    try {
      const custom = createHttpApp(app);
      const ip = freshIp();
      const echo = () => request(custom).post('/graphql').set('X-Forwarded-For', ip).send({ query: 'mutation { fixtureEcho(text: "hi") }' });
      for (let i = 0; i < 3; i++) expect((await echo()).status).toBe(200);
      expect((await echo()).status).toBe(429);
      const item = () => request(custom).get('/rest/V1/fixture/items/7').set('X-Forwarded-For', freshIp());
      expect((await item()).status).toBe(200);
    } finally {
      await app.config.delete(rateLimitPath('coupon', 'operations'));
    }
  });

  it('refuses operation lists that are neither field names nor REST routes', async () => {
    await expect(app.config.set(rateLimitPath('coupon', 'operations'), 'DROP TABLE x')).rejects.toThrow(/neither a GraphQL field name/);
  });
});
