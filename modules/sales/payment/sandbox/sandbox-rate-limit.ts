import type { RequestHandler } from 'express';

export interface SandboxRateLimit {
  /** Requests a client IP may make per window. */
  limit: number;
  windowSeconds: number;
}

/** PAY-05 on by default: 30 tokenizations a minute per IP is plenty for a developer, and slows a carding script to a crawl. */
export const SANDBOX_RATE_LIMIT_DEFAULT: SandboxRateLimit = { limit: 30, windowSeconds: 60 };

/** Counters of past windows are swept once the map holds this many, so a flood of distinct IPs cannot grow memory without bound. */
const SWEEP_AT = 10_000;

/**
 * Fixed windows aligned on the clock, per client IP, in this process's memory. The sandbox tokenizer is one developer-mode
 * process with no database of its own (it is the gateway's stand-in, not part of Comptoir's cluster), so memory is the right
 * store here; the web-security module's limiter, shared through Redis, guards Comptoir's own endpoints.
 */
export class SandboxRateLimiter {
  private readonly counters = new Map<string, { window: number; count: number }>();

  constructor(
    private readonly rule: SandboxRateLimit,
    private readonly now: () => number = Date.now,
  ) {
    if (!Number.isInteger(rule.limit) || rule.limit < 1) throw new Error('The sandbox rate limit must be a whole number of requests, 1 or more.');
    if (!Number.isInteger(rule.windowSeconds) || rule.windowSeconds < 1) throw new Error('The sandbox rate limit window must be a whole number of seconds, 1 or more.');
  }

  hit(subject: string): { allowed: boolean; count: number; retryAfterSeconds: number } {
    const windowMs = this.rule.windowSeconds * 1000;
    const now = this.now();
    const window = Math.floor(now / windowMs);
    let counter = this.counters.get(subject);
    if (!counter || counter.window !== window) {
      if (this.counters.size >= SWEEP_AT) this.sweep(window);
      counter = { window, count: 0 };
      this.counters.set(subject, counter);
    }
    counter.count += 1;
    return { allowed: counter.count <= this.rule.limit, count: counter.count, retryAfterSeconds: Math.max(1, Math.ceil(((window + 1) * windowMs - now) / 1000)) };
  }

  private sweep(current: number): void {
    for (const [subject, counter] of this.counters) if (counter.window !== current) this.counters.delete(subject);
  }
}

/** Counts every request per client IP (valid or not: a carding script mostly sends numbers that fail) and answers 429 beyond the limit. */
export function sandboxRateLimitMiddleware(limiter: SandboxRateLimiter): RequestHandler {
  return (req, res, next) => {
    // No proxy is trusted: req.ip is the socket's peer, which a client cannot choose with X-Forwarded-For.
    const decision = limiter.hit(req.ip ?? req.socket.remoteAddress ?? 'unknown');
    if (decision.allowed) return next();
    const seconds = decision.retryAfterSeconds;
    res.setHeader('Retry-After', String(seconds));
    res.status(429).json({ message: `Too many card tokenization requests. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.` });
  };
}
