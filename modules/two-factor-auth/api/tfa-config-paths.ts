/** Magento_TwoFactorAuth's settings, plus the issuer name shown in authenticator apps. */
export const TfaConfigPath = {
  ForceProviders: 'twofactorauth/general/force_providers',
  Retry: 'twofactorauth/general/twofactorauth_retry',
  LockExpire: 'twofactorauth/general/auth_lock_expire',
  WebapiNotificationUrl: 'twofactorauth/general/webapi_notification_url',
  GoogleLeeway: 'twofactorauth/google/leeway',
  GoogleIssuer: 'twofactorauth/google/issuer',
  U2fDomain: 'twofactorauth/u2fkey/webapi_challenge_domain',
} as const;
