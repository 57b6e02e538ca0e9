export const TfaTable = {
  /** Magento's table name; one row per admin, created on first need. */
  userConfig: 'tfa_user_config',
  recoveryCode: 'tfa_recovery_code',
  webauthnCredential: 'tfa_webauthn_credential',
  webauthnChallenge: 'tfa_webauthn_challenge',
} as const;
