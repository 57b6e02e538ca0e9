import { inject, injectable } from 'inversify';
import { Kernel, type Clock, type Database, type EventBus } from '../../../app';
import { InputError, NoSuchEntityError } from '../../../app';
import { SecurityApi, type AuditLog, type RequestActor } from '../../security/api';
import { UserApi, type AdminTokenService, type AdminUserManager } from '../../user/api';
import type { TfaManager } from '../api/tfa-manager';
import { TFA_PROVIDERS, TFA_PROVIDER_CODES, type TfaProviderCode, type UserProviderStatus } from '../api/tfa-providers';
import { TfaInternal } from '../model/tfa-internal-tokens';
import type { GoogleProvider } from './google-provider';
import type { RecoveryCodes } from './recovery-codes';
import type { TfaSettings } from './tfa-settings';
import type { TfaSignIn } from './tfa-sign-in';
import type { U2fKeyProvider } from './u2fkey-provider';

@injectable()
export class DefaultTfaManager implements TfaManager {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.EventBus) private readonly events: EventBus,
    @inject(Kernel.Clock) private readonly clock: Clock,
    @inject(SecurityApi.AuditLog) private readonly audit: AuditLog,
    @inject(UserApi.AdminUserManager) private readonly users: AdminUserManager,
    @inject(UserApi.AdminTokenService) private readonly tokens: AdminTokenService,
    @inject(TfaInternal.Settings) private readonly settings: TfaSettings,
    @inject(TfaInternal.Google) private readonly google: GoogleProvider,
    @inject(TfaInternal.U2fKey) private readonly u2f: U2fKeyProvider,
    @inject(TfaInternal.RecoveryCodes) private readonly recovery: RecoveryCodes,
    @inject(TfaInternal.SignIn) private readonly signIn: TfaSignIn,
  ) {}

  async userProviders(userId: number): Promise<UserProviderStatus[]> {
    const forced = await this.settings.forcedProviders();
    const out: UserProviderStatus[] = [];
    for (const code of TFA_PROVIDER_CODES) out.push({ code, name: TFA_PROVIDERS[code], allowed: forced.includes(code), active: await this.signIn.isActive(userId, code) });
    return out;
  }

  async isConfigurationRequired(userId: number): Promise<boolean> {
    return this.signIn.configurationRequired(userId);
  }

  async reset(userId: number, provider: string, actor: RequestActor): Promise<void> {
    const code = knownProvider(provider);
    const user = await this.users.get(userId);
    if (!user) throw new NoSuchEntityError(`The admin user with id ${userId} does not exist.`);
    await this.db.transaction(async () => {
      if (code === 'google') await this.google.reset(userId);
      else await this.u2f.reset(userId);
      const stillActive = (await Promise.all(TFA_PROVIDER_CODES.map((c) => this.signIn.isActive(userId, c)))).some(Boolean);
      // Recovery codes back up a second factor; with none left they would be a way around it.
      if (!stillActive) await this.recovery.deleteAll(userId);
      await this.tokens.revokeAllForUser(userId, actor, '2fa_reset');
      await this.audit.record({ actor, event: 'tfa_provider_reset', outcome: 'success', resource: { type: 'admin_user', id: userId }, details: { provider: code, username: user.username, at: this.clock.now().toISOString() } });
      await this.events.dispatch('tfa_provider_reset_after', { user, provider: code, change: 'reset', actor });
    });
  }

  async setGoogleSecret(userId: number, secretBase32: string, actor: RequestActor): Promise<void> {
    await this.google.setSecret(userId, secretBase32, actor);
  }
}

export function knownProvider(provider: string): TfaProviderCode {
  if ((TFA_PROVIDER_CODES as string[]).includes(provider)) return provider as TfaProviderCode;
  throw new InputError(`Unknown provider "${provider}". Known providers: ${TFA_PROVIDER_CODES.join(', ')}.`);
}
