import type { Clock } from '../../../app';
import type { RateLimitStore } from '../api/rate-limiter';

/** Expired counters are swept once the map holds this many, so a flood of distinct subjects cannot grow memory without bound. */
const SWEEP_AT = 10_000;

/** Counters in this process's memory: right for one process; with several, each would allow the limit on its own. */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly kind = 'memory';
  private readonly counters = new Map<string, { count: number; expiresAt: number }>();

  constructor(private readonly clock: Clock) {}

  async increment(key: string, cost: number, ttlMs: number): Promise<number> {
    const now = this.clock.now().getTime();
    const current = this.counters.get(key);
    if (current && current.expiresAt > now) {
      current.count += cost;
      return current.count;
    }
    if (this.counters.size >= SWEEP_AT) this.sweep(now);
    this.counters.set(key, { count: cost, expiresAt: now + ttlMs });
    return cost;
  }

  /** Counters currently held (tests, diagnostics). */
  get size(): number {
    return this.counters.size;
  }

  async close(): Promise<void> {
    this.counters.clear();
  }

  private sweep(now: number): void {
    for (const [key, counter] of this.counters) if (counter.expiresAt <= now) this.counters.delete(key);
  }
}
