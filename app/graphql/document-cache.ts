/**
 * A small LRU keyed by query text. Map keeps insertion order, so re-inserting on a hit makes the first key the least recent.
 * Oversized queries are not kept: they are rare and would crowd out the common ones.
 */
export class DocumentCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(
    private readonly capacity: number,
    private readonly maxKeyLength = 20_000,
  ) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  /** Stores and returns the value (so a miss reads `cache.get(k) ?? cache.set(k, compute(k))`). */
  set(key: string, value: V): V {
    if (key.length > this.maxKeyLength) return value;
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
