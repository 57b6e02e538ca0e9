import request from 'supertest';
import { Kernel } from '../../../app';
import type { TestApp } from '../../../app/testing/test-app';
import { startSandboxTokenizer } from '../cli/sandbox-tokenizer.command';
import { sandboxGatewaySecret } from '../payment/sandbox/sandbox-gateway';
import { SandboxRateLimiter } from '../payment/sandbox/sandbox-rate-limit';
import { createSandboxTokenizer } from '../payment/sandbox/sandbox-tokenizer';
import { createSalesTestApp } from './sales-test-app';

const CARD = { number: '4111 1111 1111 1111', exp_month: 6, exp_year: 2099, cvv: '123' };

describe('Sandbox tokenizer rate limit (PAY-05)', () => {
  let app: TestApp;
  let secret: string;

  beforeAll(async () => {
    app = await createSalesTestApp();
    secret = sandboxGatewaySecret(app.get(Kernel.Encryptor));
  });
  afterAll(() => app?.close());

  it('PAY-05 is on by default: the 31st tokenization of a minute from one IP gets 429 with Retry-After and a JSON message', async () => {
    // 10 seconds into a minute: the window ends in 50 seconds.
    let clock = Date.UTC(2030, 0, 1, 12, 0, 10);
    const tokenizer = createSandboxTokenizer({ secret, now: () => clock });
    // Refused cards count too: a carding script mostly sends numbers that fail.
    for (let i = 0; i < 30; i++) expect((await request(tokenizer).post('/v1/nonces').send(i % 2 ? CARD : { ...CARD, number: '4111111111111112' })).status).toBe(i % 2 ? 201 : 422);
    const refused = await request(tokenizer).post('/v1/nonces').send(CARD);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/json/);
    expect(refused.headers['retry-after']).toBe('50');
    // The hosted fields' page (another origin) can read the answer.
    expect(refused.headers['access-control-allow-origin']).toBe('*');
    expect(refused.body).toEqual({ message: 'Too many card tokenization requests. Try again in 50 seconds.' });
    // A forwarded-for header is not trusted: it cannot buy a fresh counter.
    expect((await request(tokenizer).post('/v1/nonces').set('X-Forwarded-For', '203.0.113.9').send(CARD)).status).toBe(429);
    // CORS preflights are not counted, nor refused.
    expect((await request(tokenizer).options('/v1/nonces')).status).toBe(204);
    clock = Date.UTC(2030, 0, 1, 12, 1, 0);
    expect((await request(tokenizer).post('/v1/nonces').send(CARD)).status).toBe(201);
  });

  it('PAY-05 counts each client IP in its own fixed window', () => {
    let clock = Date.UTC(2030, 0, 1, 12, 0, 59, 500);
    const limiter = new SandboxRateLimiter({ limit: 2, windowSeconds: 60 }, () => clock);
    expect([limiter.hit('198.51.100.1'), limiter.hit('198.51.100.1'), limiter.hit('198.51.100.1')].map((d) => d.allowed)).toEqual([true, true, false]);
    expect(limiter.hit('198.51.100.1').retryAfterSeconds).toBe(1);
    expect(limiter.hit('198.51.100.2')).toMatchObject({ allowed: true, count: 1 });
    clock += 1000;
    expect(limiter.hit('198.51.100.1')).toMatchObject({ allowed: true, count: 1, retryAfterSeconds: 60 });
    expect(() => new SandboxRateLimiter({ limit: 0, windowSeconds: 60 })).toThrow('The sandbox rate limit must be a whole number of requests, 1 or more.');
  });

  it('PAY-05 sales:sandbox:tokenizer takes its limit per minute from --rate-limit', async () => {
    const { server, url } = await startSandboxTokenizer(app, { port: 0, host: '127.0.0.1', rateLimit: 2 });
    try {
      const answers = [];
      // Six posts within a minute touch at most two windows, so at most four pass: the first two always do.
      for (let i = 0; i < 6; i++) {
        const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(CARD) });
        answers.push({ status: res.status, body: await res.json() });
      }
      expect(answers.slice(0, 2).map((a) => a.status)).toEqual([201, 201]);
      const refused = answers.filter((a) => a.status === 429);
      expect(refused.length).toBeGreaterThanOrEqual(2);
      for (const a of refused) expect(a.body).toEqual({ message: expect.stringMatching(/^Too many card tokenization requests\. Try again in \d+ seconds?\.$/) });
    } finally {
      server.close();
    }
  });
});
