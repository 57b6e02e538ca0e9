import { createToken } from '../../../app';
import type { RateLimiter, RateLimitStore } from './rate-limiter';
import type { SecurityScanner } from './security-scan';

export const WebSecurityApi = {
  RateLimiter: createToken<RateLimiter>('WebSecurity.RateLimiter'),
  RateLimitStore: createToken<RateLimitStore>('WebSecurity.RateLimitStore'),
  SecurityScanner: createToken<SecurityScanner>('WebSecurity.SecurityScanner'),
} as const;
