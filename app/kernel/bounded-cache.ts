/**
 * A map of at most `capacity` entries, for memos on hot paths (parsed GraphQL documents, prepared SQLite statements, opened
 * sealed values). Eviction is CLOCK (second chance), an approximate LRU: a hit only sets a flag, where a true LRU moved the
 * entry to the end of the map on every hit (a delete and an insert). When full, the oldest entry goes unless it was used since
 * it was last passed over, in which case it goes to the end of the line, unused. Keys longer than `maxKeyLength` are not kept.
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, { value: V; used: boolean }>();
  private readonly capacity: number;

  constructor(
    capacity: number,
    private readonly maxKeyLength = Infinity,
  ) {
    this.capacity = Math.max(1, capacity);
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    entry.used = true;
    return entry.value;
  }

  /** Stores and returns the value (so a miss reads `cache.get(k) ?? cache.set(k, compute(k))`). */
  set(key: string, value: V): V {
    if (key.length > this.maxKeyLength) return value;
    const entry = this.entries.get(key);
    if (entry) {
      entry.value = value;
      entry.used = true;
      return value;
    }
    while (this.entries.size >= this.capacity) {
      const [oldest, kept] = this.entries.entries().next().value as [string, { value: V; used: boolean }];
      this.entries.delete(oldest);
      if (kept.used) {
        kept.used = false;
        this.entries.set(oldest, kept);
      }
    }
    this.entries.set(key, { value, used: false });
    return value;
  }

  /** The value for `key`, made by `make(key)` and kept on a miss (nothing is kept when make throws). */
  getOrSet(key: string, make: (key: string) => V): V {
    const entry = this.entries.get(key);
    if (entry) {
      entry.used = true;
      return entry.value;
    }
    return this.set(key, make(key));
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
