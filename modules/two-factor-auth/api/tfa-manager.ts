import type { RequestActor } from '../../security/api';
import type { UserProviderStatus } from './tfa-providers';

/** What other modules and tools may do with an admin's 2FA: read its state, reset a provider, set a TOTP secret. */
export interface TfaManager {
  userProviders(userId: number): Promise<UserProviderStatus[]>;
  /** True while some forced provider is not active for the admin: they must configure it before signing in. */
  isConfigurationRequired(userId: number): Promise<boolean>;
  /** Forgets the provider's configuration and revokes the admin's tokens; audited, alerted. */
  reset(userId: number, provider: string, actor: RequestActor): Promise<void>;
  /** security:tfa:google:set-secret: a base32 secret of at least 160 bits, active at once. */
  setGoogleSecret(userId: number, secretBase32: string, actor: RequestActor): Promise<void>;
}
