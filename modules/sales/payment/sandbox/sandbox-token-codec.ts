import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a sandbox nonce or vault token carries: display data and the test outcome, never the card number or CVV. */
export interface SandboxCard {
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  /** The test card asked for a decline. */
  decline: boolean;
}

export const NONCE_PREFIX = 'sbxn_';
export const VAULT_PREFIX = 'sbxv_';
/** A nonce is good for 3 hours, as Braintree's. */
export const NONCE_TTL_MS = 3 * 3_600_000;

interface Payload {
  id: string;
  card: SandboxCard;
  issuedAt: number;
}

/**
 * Sandbox nonces and vault tokens are signed payloads, so the tokenizer (a separate app, standing in for the gateway's
 * domain) and the gateway adapter share nothing but a secret. The adapter keeps the one-time rule in its own ledger.
 */
export class SandboxTokenCodec {
  constructor(private readonly secret: string) {
    if (secret.length < 32) throw new Error('The sandbox gateway secret must be at least 32 characters');
  }

  issue(prefix: string, card: SandboxCard, issuedAt: number): string {
    const body = Buffer.from(JSON.stringify({ id: randomBytes(12).toString('hex'), card, issuedAt } satisfies Payload)).toString('base64url');
    return `${prefix}${body}.${this.sign(prefix + body)}`;
  }

  /** The payload of a token this secret signed with that prefix, or null. */
  read(prefix: string, token: string): Payload | null {
    if (typeof token !== 'string' || token.length > 2048 || !token.startsWith(prefix)) return null;
    const dot = token.lastIndexOf('.');
    if (dot < 0) return null;
    const signed = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(this.sign(signed));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      return JSON.parse(Buffer.from(signed.slice(prefix.length), 'base64url').toString('utf8')) as Payload;
    } catch {
      return null;
    }
  }

  private sign(value: string): string {
    return createHmac('sha256', this.secret).update(value).digest('base64url');
  }
}
