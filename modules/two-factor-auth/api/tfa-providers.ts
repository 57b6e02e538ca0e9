/** Magento's provider codes; Comptoir implements google (TOTP) and u2fkey (WebAuthn). */
export const TFA_PROVIDERS = {
  google: 'Google Authenticator',
  u2fkey: 'U2F (WebAuthn security key or passkey)',
} as const;

export type TfaProviderCode = keyof typeof TFA_PROVIDERS;
export const TFA_PROVIDER_CODES = Object.keys(TFA_PROVIDERS) as TfaProviderCode[];

export interface UserProviderStatus {
  code: TfaProviderCode;
  name: string;
  /** Among twofactorauth/general/force_providers: the admin must configure it. */
  allowed: boolean;
  active: boolean;
}
