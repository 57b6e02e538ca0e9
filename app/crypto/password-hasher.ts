import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (pw: string, salt: Buffer, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>;

/** scrypt (memory-hard) with a per-password 32-byte salt; format `scrypt$N$r$p$salt$hash` so parameters can be raised later. */
export class PasswordHasher {
  constructor(private readonly params = { N: 2 ** 15, r: 8, p: 1 }) {}

  async hash(password: string): Promise<string> {
    const salt = crypto.randomBytes(32);
    const { N, r, p } = this.params;
    const key = await scrypt(password, salt, 32, { N, r, p, maxmem: 128 * N * r * 2 });
    return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const parts = stored.split('$');
    if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
    const [N, r, p] = parts.slice(1, 4).map(Number);
    const expected = Buffer.from(parts[5], 'base64');
    const key = await scrypt(password, Buffer.from(parts[4], 'base64'), expected.length, { N, r, p, maxmem: 128 * N * r * 2 });
    return key.length === expected.length && crypto.timingSafeEqual(key, expected);
  }

  needsRehash(stored: string): boolean {
    return !stored.startsWith(`scrypt$${this.params.N}$${this.params.r}$${this.params.p}$`);
  }
}
