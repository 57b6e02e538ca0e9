import { inject, injectable } from 'inversify';
import { Kernel, type Clock } from '../../../app';
import type { Encryptor } from '../../../app/crypto/encryptor';
import type { RateLimitDecision, RateLimiter, RateLimitRule, RateLimitStore } from '../api/rate-limiter';
import { WebSecurityApi } from '../api/tokens';

/**
 * Fixed windows aligned on the clock: the counter of a subject for window n lives under a key naming n, so every process (and
 * Redis) agrees on it without coordination, and it expires by itself. A burst at a window edge can reach twice the limit;
 * that is the price of one atomic increment per hit, and still bounds guesses to a small, known number.
 */
@injectable()
export class FixedWindowRateLimiter implements RateLimiter {
  constructor(
    @inject(WebSecurityApi.RateLimitStore) private readonly store: RateLimitStore,
    @inject(Kernel.Clock) private readonly clock: Clock,
    @inject(Kernel.Encryptor) private readonly encryptor: Encryptor,
  ) {}

  async hit(rule: RateLimitRule, subject: string, cost = 1): Promise<RateLimitDecision> {
    const windowMs = rule.windowSeconds * 1000;
    const now = this.clock.now().getTime();
    const window = Math.floor(now / windowMs);
    const resetsIn = (window + 1) * windowMs - now;
    // Keyed hash: the store never holds an email or an IP address, and keys of one installation mean nothing elsewhere.
    const key = `${rule.name}:${rule.windowSeconds}:${window}:${this.encryptor.hmac(subject, 'rate-limit')}`;
    const count = await this.store.increment(key, cost, resetsIn);
    return { allowed: count <= rule.limit, count, limit: rule.limit, retryAfterSeconds: Math.max(1, Math.ceil(resetsIn / 1000)) };
  }
}
