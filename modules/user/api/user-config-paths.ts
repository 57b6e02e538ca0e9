/** Magento's admin security settings (admin/security/*, webapi/jwtauth/*) plus the step-up window. */
export const UserConfigPath = {
  LockoutFailures: 'admin/security/lockout_failures',
  LockoutThreshold: 'admin/security/lockout_threshold',
  SessionLifetime: 'admin/security/session_lifetime',
  AdminTokenLifetime: 'webapi/jwtauth/admin_expiration',
  StepUpLifetime: 'admin/security/step_up_lifetime',
} as const;
