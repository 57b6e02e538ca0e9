/**
 * The plaintext of values this process sealed or opened, by associated data and ciphertext, for the few minutes a cart lives:
 * a checkout reads its two addresses and its email on each of its nine calls, and the order copies them, so without it each
 * call decrypted them again (AES-GCM set-up, 3-4% of a checkout's server time). The key is the exact stored ciphertext with
 * its associated data, so a value that was changed, moved to another column or sealed with another key misses and is
 * decrypted (and authenticated) as before. Bounded: the oldest entries go first, and an entry is forgotten after `ttlMs`,
 * so personal data is not kept in memory longer than the checkouts that use it.
 */
export class SealedMemo<T> {
  private readonly entries = new Map<string, { value: T; at: number }>();

  constructor(
    private readonly max = 4096,
    private readonly ttlMs = 10 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(associatedData: string, ciphertext: string): T | undefined {
    const key = `${associatedData}\n${ciphertext}`;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(associatedData: string, ciphertext: string, value: T): void {
    const key = `${associatedData}\n${ciphertext}`;
    this.entries.delete(key);
    this.entries.set(key, { value, at: this.now() });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
