import { jwtVerify } from 'jose';
import { isIP } from 'node:net';
import { normalizeAddress } from '../../../app/http/address-matcher';
import type { EnvConfig } from '../../../app/kernel/env';

/** Argument or body fields naming the account a credential call targets, in order of preference. */
const CREDENTIAL_FIELDS = ['email', 'username', 'customerEmail', 'customer_email', 'tfaToken'];
/** Fields naming a guest cart (PAY-05: guests are limited per cart as well as per IP). */
const CART_FIELDS = ['cart_id', 'cartId', 'masked_cart_id'];

/** The first string value under one of `names`, searched breadth-first in nested inputs (`input: { cart_id }`). */
export function findField(value: unknown, names: readonly string[], depth = 4): string | undefined {
  let level: unknown[] = [value];
  for (let d = 0; d <= depth && level.length; d++) {
    const next: unknown[] = [];
    for (const item of level) {
      if (!item || typeof item !== 'object') continue;
      const record = item as Record<string, unknown>;
      for (const name of names) {
        const found = record[name];
        if (typeof found === 'string' && found.trim()) return found.trim();
      }
      next.push(...(Array.isArray(item) ? item : Object.values(record)));
    }
    level = next;
  }
  return undefined;
}

/**
 * Who the account dimension counts: the account targeted by a credential (login, reset), else the authenticated principal
 * of a verified token, else the guest cart. A token's claims count only once its signature checks out: an unverified `sub`
 * would let anyone spend a victim's allowance. Any other token counts by its own fingerprint.
 */
export class AccountSubjectResolver {
  private readonly keys: Map<string, Uint8Array>;

  constructor(env: EnvConfig) {
    this.keys = new Map((env.auth?.jwtKeys ?? []).map((k) => [k.kid, new Uint8Array(Buffer.from(k.secret, 'base64'))]));
  }

  async resolve(input: unknown, bearerToken: string | undefined, cartInPath?: string): Promise<string | undefined> {
    const credential = findField(input, CREDENTIAL_FIELDS);
    if (credential) return `account:${credential.toLowerCase()}`;
    if (bearerToken) return this.tokenSubject(bearerToken);
    const cart = findField(input, CART_FIELDS) ?? cartInPath;
    return cart ? `cart:${cart}` : undefined;
  }

  private async tokenSubject(token: string): Promise<string> {
    try {
      const { payload } = await jwtVerify(
        token,
        (header) => {
          const key = header.kid ? this.keys.get(header.kid) : undefined;
          if (!key) throw new Error('unknown key');
          return key;
        },
        { algorithms: ['HS256'] },
      );
      const claims = payload as Record<string, unknown>;
      const id = claims.uid ?? payload.sub;
      if (id !== undefined) return `principal:${String(claims.utypid ?? 'user')}:${String(id)}`;
    } catch {
      // Expired, forged or opaque: counted by the token itself.
    }
    return `token:${token}`;
  }
}

/** The client address a limit counts: IPv6 clients by their /64, since one host usually owns a whole /64. */
export function ipSubject(address: string | undefined): string {
  const plain = normalizeAddress(address);
  if (isIP(plain) !== 6) return `ip:${plain}`;
  return `ip6:${expandIpv6(plain).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(address: string): string[] {
  const [head, tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  return [...left, ...Array(tail !== undefined ? Math.max(0, missing) : 0).fill('0'), ...right].map((part) => part.toLowerCase().replace(/^0+(?=.)/, ''));
}
