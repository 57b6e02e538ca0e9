/** Comptoir_WebSecurity's public surface: the rate limiter (for modules that want their own limits) and the security scan. */
export { WebSecurityApi } from './tokens';
export type { RateLimiter, RateLimitRule, RateLimitDecision, RateLimitStore } from './rate-limiter';
export type { SecurityFinding, SecurityScanReport, SecurityScanner, SecurityScanOptions, Severity } from './security-scan';
export { SEVERITIES } from './security-scan';
export { WebSecurityConfigPath, RATE_LIMIT_GROUPS, rateLimitPath, type RateLimitGroup } from './web-security-config-paths';
export { CARD_DATA_REFUSED } from './card-data-messages';
