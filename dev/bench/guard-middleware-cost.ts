import fs from 'node:fs';
import type { Request, RequestHandler, Response } from 'express';
import { moduleMiddleware } from '../../app/http/middleware-pipeline';
import { rateLimitPath, RATE_LIMIT_GROUPS } from '../../modules/web-security/api';
import { bootGuardTarget } from './guard-target';

export interface MiddlewareCost {
  name: string;
  nsPerRequest: number;
}

/** A request as the HTTP app hands it to module middleware (body already read), just enough for the guard and the limiter. */
function fakeRequest(method: string, url: string, body: unknown, headers: Record<string, string>): Request {
  const [path, search = ''] = url.split('?');
  const query = Object.fromEntries(new URLSearchParams(search));
  return { method, originalUrl: url, url, path, query, body, headers, ip: '127.0.0.1', socket: { remoteAddress: '127.0.0.1' }, is: () => false } as unknown as Request;
}

const HEADERS = {
  host: '127.0.0.1:8080',
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  accept: 'application/json',
  'content-type': 'application/json',
  store: 'default',
  authorization: 'Bearer eyJhbGciOiJIUzI1NiIsImtpZCI6ImFiYyJ9.eyJ1aWQiOjQyLCJ1dHlwaWQiOjMsImV4cCI6MTc2MDAwMDAwMH0.c2lnbmF0dXJlc2lnbmF0dXJl',
};

/**
 * The guard's and the limiter's own cost, without the network: the module's middleware (both guard stages and the limiter)
 * called directly on (a) the storeConfig GET of the HTTP benchmark and (b) a checkout call (setPaymentMethodOnCart, a
 * ~1 kB variables body) which the limiter parses and counts (limits raised so it is never refused).
 */
export async function measureGuardMiddleware(iterations = 50_000): Promise<MiddlewareCost[]> {
  const { app, root } = await bootGuardTarget(true);
  try {
    for (const group of RATE_LIMIT_GROUPS) await app.config.set(rateLimitPath(group, 'per_ip'), 1_000_000);
    for (const group of RATE_LIMIT_GROUPS) await app.config.set(rateLimitPath(group, 'per_account'), 1_000_000);
    const chain: RequestHandler[] = [...moduleMiddleware(app, 'front'), ...moduleMiddleware(app, 'api')];
    const res = { setHeader: () => undefined, status: () => res, json: () => res } as unknown as Response;
    const run = (req: Request) =>
      new Promise<void>((resolve, reject) => {
        let i = 0;
        const next = (err?: unknown) => {
          if (err) return reject(err);
          if (i === chain.length) return resolve();
          void chain[i++](req, res, next);
        };
        next();
      });
    const storeConfig = fakeRequest('GET', '/graphql?query=' + encodeURIComponent('{ storeConfig { store_code store_name locale base_currency_code timezone } }'), undefined, HEADERS);
    const checkoutBody = JSON.stringify({
      query: 'mutation Pay($cart: String!, $method: PaymentMethodInput!) { setPaymentMethodOnCart(input: { cart_id: $cart, payment_method: $method }) { cart { id selected_payment_method { code title } } } }',
      variables: { cart: 'Xq2mA9pK7vR3sT1uW8yZ0bC4dE6fG5hJ', method: { code: 'braintree', braintree: { payment_method_nonce: 'tokencc_bc_xyz_abc_123_456_789', is_active_payment_token_enabler: false, device_data: '{"device_session_id":"a1b2c3d4e5f6","fraud_merchant_id":"600000"}' } }, note: 'Leave at the door, second floor, code 4729 (thanks!)'.repeat(8) },
    });
    const checkout = () => fakeRequest('POST', '/graphql', checkoutBody, { ...HEADERS, 'content-length': String(checkoutBody.length) });
    const results: MiddlewareCost[] = [];
    for (const [name, make] of [['storeConfig GET', () => storeConfig], ['checkout POST (~1 kB, limited)', checkout]] as const) {
      for (let i = 0; i < 2000; i++) await run(make()); // warm-up
      const started = process.hrtime.bigint();
      for (let i = 0; i < iterations; i++) await run(make());
      results.push({ name, nsPerRequest: Number(process.hrtime.bigint() - started) / iterations });
    }
    return results;
  } finally {
    await app.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}
