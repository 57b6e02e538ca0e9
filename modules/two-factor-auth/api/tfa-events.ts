import type { RequestActor } from '../../security/api';
import type { AdminUser } from '../../user/api';

export interface TfaProviderEvent {
  user: AdminUser;
  provider: string;
  /** activated through the REST enrollment, set by security:tfa:google:set-secret, or reset. */
  change: 'activated' | 'secret_set' | 'reset';
  actor: RequestActor;
}

export interface TfaRecoveryCodesEvent {
  user: AdminUser;
  actor: RequestActor;
}

declare module '../../../app/event/event-map' {
  interface EventMap {
    tfa_provider_activate_after: TfaProviderEvent;
    tfa_provider_reset_after: TfaProviderEvent;
    tfa_recovery_codes_generate_after: TfaRecoveryCodesEvent;
  }
}
