import express, { type Express } from 'express';
import { SANDBOX_RATE_LIMIT_DEFAULT, SandboxRateLimiter, sandboxRateLimitMiddleware, type SandboxRateLimit } from './sandbox-rate-limit';
import { NONCE_PREFIX, SandboxTokenCodec } from './sandbox-token-codec';

/** Test cards that the sandbox declines, whatever the amount (Braintree's "processor declined" card). */
export const SANDBOX_DECLINED_CARD = '4000000000000002';

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** Magento's cc_type codes. */
export function cardBrand(digits: string): string | null {
  if (/^4/.test(digits)) return 'VI';
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(digits)) return 'MC';
  if (/^3[47]/.test(digits)) return 'AE';
  if (/^(6011|65|64[4-9])/.test(digits)) return 'DI';
  if (/^35(2[89]|[3-8])/.test(digits)) return 'JCB';
  return null;
}

/**
 * The sandbox gateway's hosted-fields endpoint (PAY-04): it runs as its own small app on its own port — the gateway's domain,
 * not the Comptoir server — takes test card data and answers a one-time nonce. The CVV is checked for shape and dropped;
 * nothing is stored here. `now` lets tests control nonce ages and rate-limit windows. PAY-05: each client IP may post `rateLimit`
 * requests per window (30 a minute by default), then gets 429 with Retry-After and a JSON message.
 */
export function createSandboxTokenizer(options: { secret: string; now?: () => number; rateLimit?: Partial<SandboxRateLimit> }): Express {
  const codec = new SandboxTokenCodec(options.secret);
  const now = options.now ?? Date.now;
  const limiter = new SandboxRateLimiter({ ...SANDBOX_RATE_LIMIT_DEFAULT, ...options.rateLimit }, now);
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    // Hosted fields post from the shopper's browser, whatever the storefront's origin.
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type');
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.options('/v1/nonces', (_req, res) => res.sendStatus(204));
  app.post('/v1/nonces', sandboxRateLimitMiddleware(limiter), express.json({ limit: '4kb' }), (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const number = String(body.number ?? '').replace(/[\s-]/g, '');
    const month = Number(body.exp_month);
    const year = Number(body.exp_year);
    const cvv = String(body.cvv ?? '');
    const brand = cardBrand(number);
    const errors: string[] = [];
    if (!/^\d{13,19}$/.test(number) || !luhnValid(number) || !brand) errors.push('number: not a valid card number');
    if (!Number.isInteger(month) || month < 1 || month > 12) errors.push('exp_month: 1 to 12');
    const current = new Date(now());
    if (!Number.isInteger(year) || year < current.getUTCFullYear() || (year === current.getUTCFullYear() && month < current.getUTCMonth() + 1)) errors.push('exp_year: the card has expired');
    if (!/^\d{3,4}$/.test(cvv)) errors.push('cvv: 3 or 4 digits');
    if (errors.length) return void res.status(422).json({ errors });
    const card = { brand: brand!, last4: number.slice(-4), expMonth: month, expYear: year, decline: number === SANDBOX_DECLINED_CARD };
    res.status(201).json({ nonce: codec.issue(NONCE_PREFIX, card, now()), details: { brand: card.brand, last4: card.last4, exp_month: month, exp_year: year } });
  });
  return app;
}
