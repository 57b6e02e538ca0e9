import crypto from 'node:crypto';
import { KernelError } from '../kernel/errors';
import { randomBytesPooled } from './random-pool';

const CIPHER = 'aes256gcm';

/**
 * AES-256-GCM with versioned keys (etc/env.json `crypt.keys`, index = version; the newest encrypts, every version decrypts).
 * Ciphertext format: `<keyVersion>:aes256gcm:<base64(nonce[12] | ciphertext | tag[16])>`, as Magento's `keyVersion:cipher:payload`.
 */
export class Encryptor {
  private keys: Buffer[];
  /** hmac()'s key per purpose, derived from the first key (which never changes: keys are only appended). */
  private readonly hmacKeys = new Map<string, Buffer>();

  /**
   * `reloadKeys`, when given, reads the current key list again (etc/env.json): another process may have appended a key
   * (`encryption:key:change`, a lockdown), and a value it encrypted since must still decrypt here.
   */
  constructor(
    keys: string[],
    private readonly reloadKeys?: () => string[] | undefined,
  ) {
    if (!keys.length) throw new KernelError('No encryption key configured (etc/env.json crypt.keys)', 'CRYPT_NO_KEY');
    this.keys = parseKeys(keys);
  }

  /**
   * Adopts a longer key list (a rotation): the existing keys must be its prefix, since every stored value names its key by
   * index. Returns true when a key was added.
   */
  adoptKeys(keys: string[]): boolean {
    const parsed = parseKeys(keys);
    if (parsed.length <= this.keys.length) return false;
    if (this.keys.some((key, i) => !key.equals(parsed[i]))) {
      throw new KernelError('The new key list does not start with the keys in use: keys may only be appended', 'CRYPT_BAD_KEY');
    }
    this.keys = parsed;
    return true;
  }

  /** Reads the key list again (see the constructor); true when a newer key was found. */
  refreshKeys(): boolean {
    const keys = this.reloadKeys?.();
    return keys ? this.adoptKeys(keys) : false;
  }

  static generateKey(): string {
    return crypto.randomBytes(32).toString('base64');
  }

  get currentVersion(): number {
    return this.keys.length - 1;
  }

  encrypt(plaintext: string, associatedData?: string): string {
    const version = this.currentVersion;
    const nonce = this.nextNonce();
    const cipher = crypto.createCipheriv('aes-256-gcm', this.keys[version], nonce);
    if (associatedData) cipher.setAAD(Buffer.from(associatedData));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${version}:${CIPHER}:${Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64')}`;
  }

  /** A random 96-bit GCM nonce, from the shared pool (randomBytesPooled): a randomBytes call per encryption cost a third of it. */
  private nextNonce(): Buffer {
    return randomBytesPooled(12);
  }

  decrypt(value: string, associatedData?: string): string {
    const match = /^(\d+):aes256gcm:([A-Za-z0-9+/=]+)$/.exec(value);
    if (!match) throw new KernelError('Value is not in the encrypted format', 'CRYPT_FORMAT');
    const key = this.keys[Number(match[1])] ?? (this.refreshKeys() ? this.keys[Number(match[1])] : undefined);
    if (!key) throw new KernelError(`Encryption key version ${match[1]} is not configured`, 'CRYPT_NO_KEY');
    const raw = Buffer.from(match[2], 'base64');
    if (raw.length < 28) throw new KernelError('Encrypted value is truncated', 'CRYPT_FORMAT');
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    if (associatedData) decipher.setAAD(Buffer.from(associatedData));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    try {
      return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
    } catch {
      throw new KernelError('Encrypted value failed authentication (wrong key or tampered data)', 'CRYPT_AUTH');
    }
  }

  isEncrypted(value: string): boolean {
    return /^\d+:aes256gcm:/.test(value);
  }

  /** True when a value was encrypted with an older key and should be re-encrypted after a rotation. */
  needsReencrypt(value: string): boolean {
    const match = /^(\d+):/.exec(value);
    return !!match && Number(match[1]) !== this.currentVersion;
  }

  /** A keyed hash for lookups on encrypted data (blind index) and for storing token fingerprints. */
  hmac(value: string, purpose = 'index'): string {
    let key = this.hmacKeys.get(purpose);
    if (!key) {
      key = crypto.createHmac('sha256', this.keys[0]).update(`comptoir:${purpose}`).digest();
      this.hmacKeys.set(purpose, key);
    }
    return crypto.createHmac('sha256', key).update(value).digest('hex');
  }
}

function parseKeys(keys: string[]): Buffer[] {
  return keys.map((k, i) => {
    const buf = Buffer.from(k, 'base64');
    if (buf.length !== 32) throw new KernelError(`Encryption key version ${i} is not 32 bytes of base64`, 'CRYPT_BAD_KEY');
    return buf;
  });
}
