import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { KernelError } from '../../kernel/errors';
import type { EnvConfig } from '../../kernel/env';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { compileAddressMatcher } from '../address-matcher';
import { createHttpApp } from '../http-app';
import { createTransportGuard } from '../transport-guard';
import { DefaultTransportPolicy, PLAIN_HTTP_REFUSED, type TransportRequest } from '../transport-policy';
import { mutationLog } from '../../graphql/test/fixtures/catalog/module';

type Mode = EnvConfig['mode'];
const policy = (mode: Mode, trustedProxies: string[] = []) => new DefaultTransportPolicy({ mode, http: { host: '127.0.0.1', port: 0, trustedProxies, bodyLimit: '256kb' } });
const fake = (remoteAddress: string, headers: Record<string, string> = {}, encrypted = false): TransportRequest => ({ socket: { remoteAddress, encrypted }, headers });

describe('TLS-03 transport policy (fake requests)', () => {
  it('accepts TLS connections from anywhere, in both modes', () => {
    for (const mode of ['developer', 'production'] as const) {
      expect(policy(mode).evaluate(fake('203.0.113.9', {}, true))).toEqual({ allowed: true, via: 'tls' });
    }
  });

  it('developer mode: plain HTTP from loopback only (127.0.0.0/8, ::1, IPv4-mapped)', () => {
    const dev = policy('developer');
    for (const address of ['127.0.0.1', '127.12.0.5', '::1', '::ffff:127.0.0.1']) {
      expect(dev.evaluate(fake(address))).toEqual({ allowed: true, via: 'loopback' });
    }
    for (const address of ['10.0.0.5', '192.168.1.10', '203.0.113.9', '::ffff:10.0.0.5', 'fe80::1', '']) {
      expect(dev.evaluate(fake(address))).toEqual({ allowed: false, message: PLAIN_HTTP_REFUSED });
    }
  });

  it('production mode: plain HTTP refused, loopback included', () => {
    const prod = policy('production');
    for (const address of ['127.0.0.1', '::1', '10.0.0.5']) expect(prod.evaluate(fake(address)).allowed).toBe(false);
  });

  it('production mode: X-Forwarded-Proto https is honoured from a trusted proxy (IP or CIDR)', () => {
    const prod = policy('production', ['10.0.0.5', '172.16.0.0/12', '2001:db8::/32']);
    for (const proxy of ['10.0.0.5', '::ffff:10.0.0.5', '172.20.1.1', '2001:db8::7']) {
      expect(prod.evaluate(fake(proxy, { 'x-forwarded-proto': 'https' }))).toEqual({ allowed: true, via: 'trusted-proxy' });
    }
    expect(prod.evaluate(fake('10.0.0.5', { 'x-forwarded-proto': 'HTTPS' })).allowed).toBe(true);
  });

  it('ignores X-Forwarded-Proto from any other address, loopback included', () => {
    const prod = policy('production', ['10.0.0.5']);
    for (const address of ['10.0.0.6', '203.0.113.9', '127.0.0.1']) {
      expect(prod.evaluate(fake(address, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '10.0.0.5' })).allowed).toBe(false);
    }
  });

  it('refuses a trusted proxy reporting http, and believes only the last value of a list', () => {
    const prod = policy('production', ['10.0.0.5']);
    expect(prod.evaluate(fake('10.0.0.5', { 'x-forwarded-proto': 'http' })).allowed).toBe(false);
    expect(prod.evaluate(fake('10.0.0.5')).allowed).toBe(false);
    // The client claimed https, the proxy appended what it actually saw.
    expect(prod.evaluate(fake('10.0.0.5', { 'x-forwarded-proto': 'https, http' })).allowed).toBe(false);
    expect(prod.evaluate(fake('10.0.0.5', { 'x-forwarded-proto': 'http,https' })).allowed).toBe(true);
  });

  it('developer mode: a non-loopback client still needs TLS or a trusted proxy', () => {
    const dev = policy('developer', ['10.0.0.5']);
    expect(dev.evaluate(fake('10.0.0.5', { 'x-forwarded-proto': 'https' })).allowed).toBe(true);
    expect(dev.evaluate(fake('10.0.0.9', { 'x-forwarded-proto': 'https' })).allowed).toBe(false);
  });

  it('refuses a malformed trusted proxy entry at boot instead of ignoring it', () => {
    for (const entry of ['10.0.0.300', '10.0.0.0/33', 'proxy.example.com', '10.0.0.0/8/1']) {
      expect(() => compileAddressMatcher([entry])).toThrow(KernelError);
    }
    expect(() => compileAddressMatcher(['loopback', 'uniquelocal', '::1', 'fd00::/8'])).not.toThrow();
  });
});

describe('TLS-03 transport guard middleware', () => {
  it('answers a refusal with 403 JSON, never a redirect, closing the connection', async () => {
    const web = express();
    web.use(createTransportGuard(policy('production')));
    web.use((_req, res) => res.json({ processed: true }));
    const res = await request(web).post('/rest/V1/anything').send({ card: 'x' });
    expect(res.status).toBe(403);
    expect(res.headers.location).toBeUndefined();
    expect(res.headers.connection).toBe('close');
    expect(res.body).toEqual({ message: PLAIN_HTTP_REFUSED });
  });

  describe('in the HTTP app', () => {
    const moduleDirs = [path.join(__dirname, 'fixtures'), path.join(__dirname, '..', '..', 'graphql', 'test', 'fixtures')];
    const modules = ['Fixture_Stores', 'Fixture_Rest', 'Fixture_Catalog'];
    let production: TestApp;
    let behindProxy: TestApp;
    let developer: TestApp;

    beforeAll(async () => {
      production = await createTestApp({ moduleDirs, modules, env: (e) => ({ ...e, mode: 'production' }) });
      behindProxy = await createTestApp({ moduleDirs, modules, env: (e) => ({ ...e, mode: 'production', http: { ...e.http, trustedProxies: ['127.0.0.1'] } }) });
      developer = await createTestApp({ moduleDirs, modules });
    });

    afterAll(async () => {
      await production?.close();
      await behindProxy?.close();
      await developer?.close();
    });

    it('developer mode: loopback plain HTTP is served', async () => {
      const web = createHttpApp(developer);
      expect((await request(web).get('/rest/V1/fixture/ping')).status).toBe(200);
      expect((await request(web).post('/graphql').send({ query: '{ storeCode }' })).body).toEqual({ data: { storeCode: 'default' } });
    });

    it('production: plain HTTP GraphQL and REST calls are refused and never processed', async () => {
      const web = createHttpApp(production);
      const before = mutationLog.length;
      const gql = await request(web).post('/graphql').send({ query: 'mutation { createProduct(input: { sku: "LEAK-1", name: "x" }) { sku } }' });
      expect(gql.status).toBe(403);
      expect(gql.body).toEqual({ errors: [{ message: PLAIN_HTTP_REFUSED, extensions: { category: 'graphql' } }] });
      expect(mutationLog.length).toBe(before);
      const rest = await request(web).get('/rest/V1/fixture/ping');
      expect(rest.status).toBe(403);
      expect(rest.body).toEqual({ message: PLAIN_HTTP_REFUSED });
    });

    it('production: X-Forwarded-Proto from an address that is not a trusted proxy changes nothing', async () => {
      const res = await request(createHttpApp(production)).get('/rest/V1/fixture/ping').set('X-Forwarded-Proto', 'https');
      expect(res.status).toBe(403);
    });

    it('production: X-Forwarded-Proto https from the trusted proxy is served; http is refused', async () => {
      const web = createHttpApp(behindProxy);
      expect((await request(web).get('/rest/V1/fixture/ping').set('X-Forwarded-Proto', 'https')).status).toBe(200);
      expect((await request(web).get('/rest/V1/fixture/ping').set('X-Forwarded-Proto', 'http')).status).toBe(403);
    });

    it("sets express's trust proxy to exactly the configured list: the client IP comes from X-Forwarded-For only via it", async () => {
      expect(createHttpApp(behindProxy).get('trust proxy')).toEqual(['127.0.0.1']);
      expect(createHttpApp(production).get('trust proxy')).toBe(false);
      const viaProxy = await request(createHttpApp(behindProxy)).get('/rest/V1/fixture/ping').set('X-Forwarded-Proto', 'https').set('X-Forwarded-For', '203.0.113.7');
      expect(viaProxy.body.ip).toBe('203.0.113.7');
      const direct = await request(createHttpApp(developer)).get('/rest/V1/fixture/ping').set('X-Forwarded-For', '203.0.113.7');
      expect(direct.body.ip).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    });

    it('refuses to build with a malformed trusted proxy entry', async () => {
      const broken = Object.create(production, { env: { value: { ...production.env, http: { ...production.env.http, trustedProxies: ['10.0.0.0/99'] } } } });
      expect(() => createHttpApp(broken)).toThrow(/Invalid address "10\.0\.0\.0\/99" in http\.trustedProxies/);
    });
  });
});
