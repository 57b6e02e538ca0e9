import type { Clock, Logger } from '../../../app';
import type { EnvConfig } from '../../../app/kernel/env';
import type { RateLimitStore } from '../api/rate-limiter';
import { MemoryRateLimitStore } from './memory-rate-limit-store';
import { RedisRateLimitStore } from './redis-rate-limit-store';

/** Redis when etc/env.json `redis.url` is set (several processes share the counters), process memory otherwise. */
export function createRateLimitStore(env: EnvConfig, clock: Clock, logger: Logger): RateLimitStore {
  const memory = new MemoryRateLimitStore(clock);
  return env.redis?.url ? new RedisRateLimitStore(env.redis.url, memory, logger) : memory;
}
