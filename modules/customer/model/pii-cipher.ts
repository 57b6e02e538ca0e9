import { inject, injectable } from 'inversify';
import { Kernel } from '../../../app';
import type { Encryptor } from '../../../app/crypto/encryptor';

/**
 * Personal data at rest: AES-256-GCM through the kernel's encryptor, with `table.column` as associated data, so a value copied
 * into another column fails to decrypt instead of being read as something else. Empty values are stored as NULL.
 */
@injectable()
export class PiiCipher {
  constructor(@inject(Kernel.Encryptor) private readonly encryptor: Encryptor) {}

  seal(table: string, column: string, value: string | null | undefined): string | null {
    if (value === null || value === undefined || value === '') return null;
    return this.encryptor.encrypt(value, `${table}.${column}`);
  }

  open(table: string, column: string, stored: string | null | undefined): string | null {
    if (stored === null || stored === undefined) return null;
    return this.encryptor.decrypt(stored, `${table}.${column}`);
  }

  /** The keyed blind index of a normalized email: equal emails give equal indexes, and nothing can be read back from it. */
  emailIndex(normalizedEmail: string): string {
    return this.encryptor.hmac(normalizedEmail, 'customer_email');
  }

  /** A keyed fingerprint for secrets and identifiers we only compare (reset tokens, IPs of reset requests). */
  fingerprint(value: string, purpose: string): string {
    return this.encryptor.hmac(value, purpose);
  }
}
