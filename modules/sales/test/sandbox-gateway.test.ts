import request from 'supertest';
import { Kernel } from '../../../app';
import type { TestApp } from '../../../app/testing/test-app';
import { PaymentDeclinedError } from '../api/payment';
import { SalesTable as T } from '../api/sales-tables';
import { SalesInternal } from '../model/sales-internal-tokens';
import { sandboxGatewaySecret } from '../payment/sandbox/sandbox-gateway';
import { createSandboxTokenizer } from '../payment/sandbox/sandbox-tokenizer';
import { startSandboxTokenizer } from '../cli/sandbox-tokenizer.command';
import { createSalesTestApp } from './sales-test-app';

describe('Sandbox gateway', () => {
  let app: TestApp;
  let tokenizer: ReturnType<typeof createSandboxTokenizer>;

  beforeAll(async () => {
    app = await createSalesTestApp();
    tokenizer = createSandboxTokenizer({ secret: sandboxGatewaySecret(app.get(Kernel.Encryptor)) });
  });
  afterAll(() => app?.close());

  const nonce = async (card: Record<string, unknown> = {}) =>
    request(tokenizer).post('/v1/nonces').send({ number: '4111 1111 1111 1111', exp_month: 6, exp_year: 2099, cvv: '123', ...card });

  it('PAY-04 the tokenizer checks test cards and answers a nonce with display data only', async () => {
    const good = await nonce();
    expect(good.status).toBe(201);
    expect(good.body).toEqual({ nonce: expect.stringMatching(/^sbxn_/), details: { brand: 'VI', last4: '1111', exp_month: 6, exp_year: 2099 } });
    expect(good.text).not.toContain('4111111111111111');
    expect(Buffer.from(good.body.nonce.slice(5).split('.')[0], 'base64url').toString()).not.toMatch(/4111111111111111|"123"/);
    const bad = await nonce({ number: '4111111111111112', exp_year: 2020, cvv: '12' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual(['number: not a valid card number', 'exp_year: the card has expired', 'cvv: 3 or 4 digits']);
    expect((await nonce({ number: '5555555555554444' })).body.details.brand).toBe('MC');
  });

  it('PAY-04 authorizes a nonce once, refuses forged ones, and captures or voids within the authorization', async () => {
    const gateway = app.get(SalesInternal.SandboxGateway);
    const token = (await nonce()).body.nonce as string;
    const auth = await gateway.authorize(token, 5000, 'USD', { reference: 'T1', vault: true });
    expect(auth).toMatchObject({ brand: 'VI', last4: '1111', expMonth: 6, expYear: 2099, gatewayToken: expect.stringMatching(/^sbxv_/) });
    await expect(gateway.authorize(token, 5000, 'USD', { reference: 'T2', vault: false })).rejects.toThrow(PaymentDeclinedError);
    await expect(gateway.authorize(`${token.slice(0, -2)}xx`, 5000, 'USD', { reference: 'T3', vault: false })).rejects.toThrow('The payment token is invalid or has expired');
    // The reusable token pays again; it never yields another reusable token.
    const reuse = await gateway.authorize(auth.gatewayToken!, 1000, 'USD', { reference: 'T4', vault: true });
    expect(reuse.gatewayToken).toBeNull();

    const capture = await gateway.capture(auth.transactionId, 3000);
    await expect(gateway.capture(auth.transactionId, 2001)).rejects.toThrow('The capture exceeds the authorized amount.');
    await gateway.capture(auth.transactionId, 2000);
    await expect(gateway.void(auth.transactionId)).rejects.toThrow('A captured authorization cannot be voided.');
    await gateway.void(reuse.transactionId);
    await expect(gateway.capture(reuse.transactionId, 100)).rejects.toThrow('The authorization was voided.');
    const kinds = await app.db.knex(T.sandboxTransaction).whereIn('parent_id', [auth.transactionId, reuse.transactionId]).orderBy('entity_id').pluck('kind');
    expect(kinds).toEqual(['capture', 'capture', 'void']);
    expect(capture).toMatch(/^sbx_/);
  });

  it('offers the card methods in developer mode', async () => {
    const totals = { grandTotal: 1000 } as never;
    const cart = { customerId: 1 } as never;
    expect(app.get(SalesInternal.SandboxGateway).isAvailable()).toBe(true);
    expect(await app.get(SalesInternal.CardMethod).isAvailable(cart, totals, 'default')).toBe(true);
    expect(await app.get(SalesInternal.CardVaultMethod).isAvailable(cart, totals, 'default')).toBe(true);
  });

  it('PAY-04 sales:sandbox:tokenizer serves the tokenizer on its own port, whose nonces the gateway accepts', async () => {
    const { server, url } = await startSandboxTokenizer(app, { port: 0, host: '127.0.0.1' });
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ number: '378282246310005', exp_month: 1, exp_year: 2099, cvv: '1234' }) });
      const body = (await res.json()) as { nonce: string };
      const auth = await app.get(SalesInternal.SandboxGateway).authorize(body.nonce, 700, 'USD', { reference: 'T6', vault: false });
      expect(auth).toMatchObject({ brand: 'AE', last4: '0005' });
    } finally {
      server.close();
    }
  });

  it('PAY-04 an expired nonce is refused', async () => {
    const old = createSandboxTokenizer({ secret: sandboxGatewaySecret(app.get(Kernel.Encryptor)), now: () => Date.now() - 4 * 3_600_000 });
    const stale = await request(old).post('/v1/nonces').send({ number: '4111111111111111', exp_month: 12, exp_year: 2099, cvv: '123' });
    await expect(app.get(SalesInternal.SandboxGateway).authorize(stale.body.nonce, 100, 'USD', { reference: 'T5', vault: false })).rejects.toThrow('The payment token is invalid or has expired');
  });
});

describe('Sandbox gateway in production mode', () => {
  let app: TestApp;

  afterAll(() => app?.close());

  it('is never available, so no card method is offered', async () => {
    app = await createSalesTestApp({ env: (env) => ({ ...env, mode: 'production' }) });
    expect(app.get(SalesInternal.SandboxGateway).isAvailable()).toBe(false);
    const totals = { grandTotal: 1000 } as never;
    const cart = { customerId: 1 } as never;
    expect(await app.get(SalesInternal.CardMethod).isAvailable(cart, totals, 'default')).toBe(false);
    expect(await app.get(SalesInternal.CardVaultMethod).isAvailable(cart, totals, 'default')).toBe(false);
    await expect(startSandboxTokenizer(app, { port: 0, host: '127.0.0.1' })).rejects.toThrow('The sandbox card gateway runs in developer mode only.');
  });
});
