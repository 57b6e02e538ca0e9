import { BoundedCache } from '../../../app';

/**
 * The plaintext of values this process sealed or opened, by associated data and ciphertext, for the few minutes a cart lives:
 * a checkout reads its two addresses and its email on each of its nine calls, and the order copies them, so without it each
 * call decrypted them again (AES-GCM set-up, 3-4% of a checkout's server time). The key is the exact stored ciphertext with
 * its associated data, so a value that was changed, moved to another column or sealed with another key misses and is
 * decrypted (and authenticated) as before. Bounded: about the least recently used entries go first (CLOCK), and an entry is forgotten after `ttlMs`,
 * so personal data is not kept in memory longer than the checkouts that use it.
 */
export class SealedMemo<T> {
  /**
   * The kernel's bounded cache (CLOCK: about the least recently used out first), keyed by the ciphertext alone (unique: a fresh
   * IV each time), the entry holding its associated data: a key joining both was a new string to hash on every lookup.
   */
  private readonly entries: BoundedCache<{ associatedData: string; value: T; at: number }>;

  constructor(
    max = 4096,
    private readonly ttlMs = 10 * 60_000,
    private readonly now: () => number = Date.now,
  ) {
    this.entries = new BoundedCache(max);
  }

  get(associatedData: string, ciphertext: string): T | undefined {
    const entry = this.entries.get(ciphertext);
    if (!entry || entry.associatedData !== associatedData) return undefined;
    if (this.now() - entry.at > this.ttlMs) {
      this.entries.delete(ciphertext);
      return undefined;
    }
    return entry.value;
  }

  set(associatedData: string, ciphertext: string, value: T): void {
    this.entries.set(ciphertext, { associatedData, value, at: this.now() });
  }

  get size(): number {
    return this.entries.size;
  }
}
