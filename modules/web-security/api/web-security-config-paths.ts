/** Config paths of this module (Magento-style section/group/field). */
export const WebSecurityConfigPath = {
  RateLimitEnabled: 'web_security/rate_limit/enabled',
  /** On: refuse only numbers in the ranges card brands issue (see CardSearchOptions); off: any Luhn-valid 13-19 digits. */
  CardGuardBrandRangesOnly: 'web_security/card_data_guard/brand_ranges_only',
} as const;

/** Rate-limited groups of operations; each has per_ip, per_account, window (seconds) and operations under web_security/rate_limit_<group>/. */
export const RATE_LIMIT_GROUPS = ['customer_login', 'admin_token', 'password_reset', 'coupon', 'checkout', 'order_lookup'] as const;
export type RateLimitGroup = (typeof RATE_LIMIT_GROUPS)[number];

export const rateLimitPath = (group: RateLimitGroup, field: 'per_ip' | 'per_account' | 'window' | 'operations') => `web_security/rate_limit_${group}/${field}`;
