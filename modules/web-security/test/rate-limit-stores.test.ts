import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import request from 'supertest';
import { Kernel } from '../../../app';
import { boot } from '../../../app/kernel/boot';
import { FakeClock } from '../../../app/kernel/clock';
import { Encryptor } from '../../../app/crypto/encryptor';
import { createHttpApp } from '../../../app/http/http-app';
import { createLogger } from '../../../app/log/logger';
import type { Application } from '../../../app/kernel/application';
import type { TestApp } from '../../../app/testing/test-app';
import { rateLimitPath, WebSecurityApi } from '../api';
import { FixedWindowRateLimiter } from '../rate-limit/fixed-window-rate-limiter';
import { MemoryRateLimitStore } from '../rate-limit/memory-rate-limit-store';
import { RedisRateLimitStore } from '../rate-limit/redis-rate-limit-store';
import { createWebSecurityTestApp, webSecurityModuleDirs } from './web-security-test-app';

const REDIS_URL = 'redis://127.0.0.1:6379';
const rule = { name: 'test:ip', limit: 3, windowSeconds: 60 };
const encryptor = new Encryptor([Encryptor.generateKey()]);
const quiet = createLogger({ level: 'silent' });

describe('API-05 in-memory rate limiter (one process)', () => {
  it('API-05 allows the limit, refuses beyond it, and starts over in the next window', async () => {
    const clock = new FakeClock(new Date('2026-03-02T10:00:45Z'));
    const limiter = new FixedWindowRateLimiter(new MemoryRateLimitStore(clock), clock, encryptor);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await limiter.hit(rule, 'ip:203.0.113.9'));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3]).toEqual({ allowed: false, count: 4, limit: 3, retryAfterSeconds: 15 });
    expect((await limiter.hit(rule, 'ip:203.0.113.10')).allowed).toBe(true);
    clock.advance(15_000);
    expect(await limiter.hit(rule, 'ip:203.0.113.9')).toMatchObject({ allowed: true, count: 1, retryAfterSeconds: 60 });
  });

  it('API-05 counts a cost of several hits at once (aliases of one request)', async () => {
    const clock = new FakeClock();
    const limiter = new FixedWindowRateLimiter(new MemoryRateLimitStore(clock), clock, encryptor);
    expect(await limiter.hit(rule, 's', 3)).toMatchObject({ allowed: true, count: 3 });
    expect(await limiter.hit(rule, 's', 1)).toMatchObject({ allowed: false, count: 4 });
  });

  it('keeps no subject in clear and sweeps expired counters', async () => {
    const clock = new FakeClock();
    const store = new MemoryRateLimitStore(clock);
    const seen: string[] = [];
    const spy = { kind: 'memory' as const, increment: (key: string, cost: number, ttl: number) => (seen.push(key), store.increment(key, cost, ttl)), close: () => store.close() };
    await new FixedWindowRateLimiter(spy, clock, encryptor).hit(rule, 'account:ana@example.com');
    expect(seen[0]).not.toMatch(/ana|example/);
    for (let i = 0; i < 10_000; i++) await store.increment(`k${i}`, 1, 1000);
    clock.advance(2000);
    await store.increment('fresh', 1, 1000);
    // Left: the limiter's own counter (its window is not over) and the fresh one.
    expect(store.size).toBe(2);
  });
});

describe('API-05 Redis rate limiter (shared by processes)', () => {
  const stores: RedisRateLimitStore[] = [];
  const redisStore = (url = REDIS_URL, logger = quiet) => {
    const clock = new FakeClock();
    const store = new RedisRateLimitStore(url, new MemoryRateLimitStore(clock), logger);
    stores.push(store);
    return store;
  };
  afterAll(async () => {
    for (const store of stores) await store.close();
  });

  it('API-05 two limiters on two connections share one counter, atomically under concurrency', async () => {
    const clock = new FakeClock();
    const key = Encryptor.generateKey();
    const a = new FixedWindowRateLimiter(redisStore(), clock, new Encryptor([key]));
    const b = new FixedWindowRateLimiter(redisStore(), clock, new Encryptor([key]));
    const wide = { name: 'test:concurrent', limit: 30, windowSeconds: 60 };
    const decisions = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).hit(wide, 'ip:198.51.100.7')));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(30);
    expect(decisions.map((d) => d.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('API-05 sets the counter to expire with its window', async () => {
    const store = redisStore();
    const key = `ttl-test-${Date.now()}`;
    expect(await store.increment(key, 2, 5000)).toBe(2);
    expect(await store.increment(key, 1, 5000)).toBe(3);
    const probe = new Redis(REDIS_URL);
    try {
      const ttl = await probe.pttl(`comptoir:rl:${key}`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(5000);
    } finally {
      probe.disconnect();
    }
  });

  it('API-05 falls back to counting in this process when Redis is unreachable, and says so at error level', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: new Writable({ write: (c, _e, done) => (lines.push(String(c)), done()) }) as never });
    const clock = new FakeClock();
    const limiter = new FixedWindowRateLimiter(redisStore('redis://127.0.0.1:1', logger), clock, encryptor);
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await limiter.hit(rule, 'ip:192.0.2.1'));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
    const errors = lines.map((l) => JSON.parse(l)).filter((e) => e.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0].msg).toMatch(/Redis is unreachable/);
  });
});

describe('PAY-05 limits hold across server processes sharing Redis', () => {
  let first: TestApp;
  let second: Application;

  beforeAll(async () => {
    first = await createWebSecurityTestApp({ env: (e) => ({ ...e, redis: { url: REDIS_URL } }) });
    await first.config.set(rateLimitPath('checkout', 'per_ip'), 4);
    // A second application on the same installation (same database, keys and Redis): what a second server process is.
    second = await boot({ root: first.root, env: first.env, moduleDirs: webSecurityModuleDirs, packagesRoot: false, modules: first.modules.slice(1).map((m) => m.manifest.name) });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('PAY-05 two applications share the per-IP checkout allowance through Redis', async () => {
    expect(first.get(WebSecurityApi.RateLimitStore).kind).toBe('redis');
    const webs = [createHttpApp(first), createHttpApp(second)];
    const pay = (i: number) =>
      request(webs[i % 2]).post('/graphql').send({ query: `mutation { setPaymentMethodOnCart(input: { cart_id: "shared-${i}", payment_method: { code: "checkmo" } }) { cart_id } }` });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await pay(i)).status);
    // Four in all, whichever process answered: each alone would have allowed four.
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    expect(second.get(Kernel.Env).redis?.url).toBe(REDIS_URL);
  });
});
