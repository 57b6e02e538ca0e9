import { Redis } from 'ioredis';
import type { Logger } from '../../../app';
import type { RateLimitStore } from '../api/rate-limiter';

/** INCRBY and set the expiry on creation, atomically: two processes never both believe they created the counter. */
const INCREMENT_SCRIPT = `
local count = redis.call('INCRBY', KEYS[1], ARGV[1])
if count == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return count`;

const KEY_PREFIX = 'comptoir:rl:';
/** How often (at most) an unreachable Redis is reported, so an outage does not flood the log. */
const REPORT_EVERY_MS = 60_000;

/**
 * Counters in Redis, shared by every process of the shop. If Redis cannot answer, limits fall back to this process's memory
 * (still limiting, per process) instead of failing every login and checkout, and the outage is logged at error level.
 */
export class RedisRateLimitStore implements RateLimitStore {
  readonly kind = 'redis';
  private readonly client: Redis;
  private lastReport = 0;
  private connecting: Promise<void> | undefined;

  constructor(
    url: string,
    private readonly fallback: RateLimitStore,
    private readonly logger: Logger,
  ) {
    this.client = new Redis(url, {
      lazyConnect: true,
      // While Redis is away, commands fail at once (and the fallback counts) instead of waiting in a queue.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 1000,
      commandTimeout: 1000,
      // Dropping a connection whose socket already died waits this long for a 'close' that never comes.
      disconnectTimeout: 100,
    });
    this.client.on('error', (err) => this.report(err));
    // The connection must not keep a CLI command (or a test) alive on its own; servers stay up through their listening socket.
    this.client.on('connect', () => (this.client as unknown as { stream?: { unref?: () => void } }).stream?.unref?.());
    this.client.defineCommand('comptoirRateLimitIncrement', { numberOfKeys: 1, lua: INCREMENT_SCRIPT });
  }

  async increment(key: string, cost: number, ttlMs: number): Promise<number> {
    try {
      await this.ready();
      const run = (this.client as unknown as { comptoirRateLimitIncrement(key: string, cost: number, ttl: number): Promise<number> }).comptoirRateLimitIncrement;
      return Number(await run.call(this.client, KEY_PREFIX + key, cost, Math.max(1, Math.ceil(ttlMs))));
    } catch (err) {
      this.report(err as Error);
      return this.fallback.increment(key, cost, ttlMs);
    }
  }

  private ready(): Promise<void> {
    if (this.client.status === 'ready') return Promise.resolve();
    if (this.client.status === 'wait') {
      this.connecting = this.client.connect().catch((err: Error) => {
        this.connecting = undefined;
        throw err;
      });
    }
    return this.connecting ?? Promise.reject(new Error(`Redis connection is ${this.client.status}`));
  }

  async close(): Promise<void> {
    await this.fallback.close();
    // A connection that is not ready (never used, reconnecting to an absent Redis) is dropped, not politely quit.
    if (this.client.status !== 'ready') {
      this.client.disconnect();
      return;
    }
    await this.client.quit().catch(() => this.client.disconnect());
  }

  private report(err: Error): void {
    const now = Date.now();
    if (now - this.lastReport < REPORT_EVERY_MS) return;
    this.lastReport = now;
    this.logger.error({ err: { message: err.message } }, 'Rate limits: Redis is unreachable; counting in this process only until it answers again');
  }
}
