import { KernelError } from '../../../app/kernel/errors';
import type { EnvConfig } from '../../../app/kernel/env';

import { webcrypto } from 'node:crypto';

export interface JwtKey {
  kid: string;
  secret: Uint8Array;
  /** Imported once: jose would otherwise import the raw key again on every verification. */
  cryptoKey: Promise<webcrypto.CryptoKey>;
}

/** etc/env.json auth.jwtKeys: the last key signs, every key verifies (rotation without logging everyone out). */
export class JwtKeyRing {
  private readonly keys: JwtKey[];

  constructor(env: EnvConfig) {
    const configured = env.auth?.jwtKeys ?? [];
    if (!configured.length) throw new KernelError('No JWT signing key is configured (etc/env.json auth.jwtKeys): run setup:install', 'AUTH_NO_KEY');
    this.keys = configured.map((k) => {
      const secret = Buffer.from(k.secret, 'base64');
      if (secret.length < 32) throw new KernelError(`JWT key "${k.kid}" is shorter than 256 bits`, 'AUTH_BAD_KEY');
      const raw = new Uint8Array(secret);
      return { kid: k.kid, secret: raw, cryptoKey: importHmacKey(raw) };
    });
  }

  get signing(): JwtKey {
    return this.keys[this.keys.length - 1];
  }

  find(kid: string | undefined): JwtKey | undefined {
    return kid === undefined ? undefined : this.keys.find((k) => k.kid === kid);
  }
}

function importHmacKey(raw: Uint8Array): Promise<webcrypto.CryptoKey> {
  const key = webcrypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  key.catch(() => undefined);
  return key;
}
