/** An entry in its place in the cache's ring, with its CLOCK bit. */
interface Slot<V> {
  readonly key: string;
  value: V;
  used: boolean;
  readonly place: number;
}

/**
 * A map of at most `capacity` entries, for memos on hot paths (parsed GraphQL documents, prepared SQLite statements, opened
 * sealed values). Eviction is CLOCK (second chance), an approximate LRU: a hit only sets a flag, where a true LRU moved the
 * entry to the end of the map on every hit (a delete and an insert). When full (no place freed by a delete), the entry under
 * the clock hand goes unless it was used since the hand last passed it, in which case it loses its flag and the hand moves on.
 * The entries sit in a ring (an array the hand walks round), so an eviction is O(1) amortized: taking the oldest entry of the
 * Map itself meant iterating from its front past every entry deleted since the Map last compacted (2.5 µs per new entry at
 * 4,096 entries, 8 µs at 10,000). Keys longer than `maxKeyLength` are not kept.
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, Slot<V>>();
  private readonly ring: Array<Slot<V> | undefined> = [];
  /** Places in the ring freed by delete(), taken before the hand evicts anything. */
  private readonly free: number[] = [];
  private hand = 0;
  private readonly capacity: number;

  constructor(
    capacity: number,
    private readonly maxKeyLength = Infinity,
  ) {
    this.capacity = Math.max(1, capacity);
  }

  get(key: string): V | undefined {
    const slot = this.entries.get(key);
    if (!slot) return undefined;
    slot.used = true;
    return slot.value;
  }

  /** Stores and returns the value (so a miss reads `cache.get(k) ?? cache.set(k, compute(k))`). */
  set(key: string, value: V): V {
    if (key.length > this.maxKeyLength) return value;
    const held = this.entries.get(key);
    if (held) {
      held.value = value;
      held.used = true;
      return value;
    }
    let place: number;
    if (this.free.length) place = this.free.pop()!;
    else if (this.ring.length < this.capacity) place = this.ring.length;
    else {
      // The hand stops at the first entry not used since it last passed; used ones lose their flag (a second chance).
      for (;;) {
        const current = this.ring[this.hand]!;
        if (!current.used) break;
        current.used = false;
        this.hand = (this.hand + 1) % this.capacity;
      }
      place = this.hand;
      this.entries.delete(this.ring[place]!.key);
      this.hand = (this.hand + 1) % this.capacity;
    }
    const slot: Slot<V> = { key, value, used: false, place };
    this.ring[place] = slot;
    this.entries.set(key, slot);
    return value;
  }

  /** The value for `key`, made by `make(key)` and kept on a miss (nothing is kept when make throws). */
  getOrSet(key: string, make: (key: string) => V): V {
    const slot = this.entries.get(key);
    if (slot) {
      slot.used = true;
      return slot.value;
    }
    return this.set(key, make(key));
  }

  delete(key: string): boolean {
    const slot = this.entries.get(key);
    if (!slot) return false;
    this.entries.delete(key);
    // Its place is free for the next entry; the hand never stops at an empty place (free places are taken first).
    this.ring[slot.place] = undefined;
    this.free.push(slot.place);
    return true;
  }

  clear(): void {
    this.entries.clear();
    this.ring.length = 0;
    this.free.length = 0;
    this.hand = 0;
  }

  get size(): number {
    return this.entries.size;
  }
}
