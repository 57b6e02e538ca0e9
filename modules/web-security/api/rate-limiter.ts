/** A limit: at most `limit` hits per subject in each window of `windowSeconds` (fixed windows, aligned on the clock). */
export interface RateLimitRule {
  /** Names the counter family, e.g. `customer_login:ip`; counters of different rules never mix. */
  name: string;
  limit: number;
  windowSeconds: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** Hits counted for this subject in the current window, this one included. */
  count: number;
  limit: number;
  /** Seconds until the window resets (what Retry-After says when refused). */
  retryAfterSeconds: number;
}

/**
 * Counts hits and says whether a subject is still within a rule. Subjects are hashed before they reach the store, so neither
 * Redis nor memory holds an email address or an IP address in clear.
 */
export interface RateLimiter {
  hit(rule: RateLimitRule, subject: string, cost?: number): Promise<RateLimitDecision>;
}

/**
 * Where counters live: process memory (one process), or Redis so that every process of a shop shares them (DESIGN: nothing
 * shared may live only in one process's memory once more than one runs).
 */
export interface RateLimitStore {
  readonly kind: 'memory' | 'redis';
  /** Adds `cost` to the counter `key` (created with a time to live of `ttlMs`); returns the counter's new value. */
  increment(key: string, cost: number, ttlMs: number): Promise<number>;
  close(): Promise<void>;
}
