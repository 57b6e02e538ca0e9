import { inject, injectable } from 'inversify';
import { Kernel, type Clock, type ConfigService } from '../../../app';
import type { MailService } from '../../../app/mail/mail-service';
import { AuthenticationError, InputError } from '../../../app';
import { SecurityApi, type AuditLog, type RequestActor } from '../../security/api';
import { UserApi, UserConfigPath, isAdminPrincipal, type AdminCredentialVerifier, type AdminTokenService, type AdminUser, type StepUp } from '../../user/api';
import type { TfaProviderCode } from '../api/tfa-providers';
import { TfaInternal } from '../model/tfa-internal-tokens';
import type { TfaUserConfigRepository } from '../model/tfa-user-config-repository';
import type { ConfigurationTokens } from './configuration-tokens';
import type { GoogleProvider } from './google-provider';
import type { RecoveryCodes } from './recovery-codes';
import type { TfaSettings } from './tfa-settings';
import type { U2fKeyProvider } from './u2fkey-provider';

export const CONFIGURE_MESSAGE = 'You are required to configure personal Two-Factor Authorization in order to login. Please check your email.';
export const USE_PROVIDER_MESSAGE = 'Please use the 2fa provider-specific endpoints to obtain a token.';
/** A mail per minute at most, whatever the number of sign-in attempts. */
const TFAT_MAIL_GAP_MS = 60_000;

export interface StepUpInput {
  password: string;
  otp?: string;
  recoveryCode?: string;
  publicKeyCredentialJson?: string;
}

/**
 * AUTH-03: the only ways to an admin token. Each checks the password first (with the AUTH-02 lockout), then a second factor
 * (throttled, OTP-05), and only then asks the user module to issue the token.
 */
@injectable()
export class TfaSignIn {
  constructor(
    @inject(Kernel.Clock) private readonly clock: Clock,
    @inject(Kernel.Mail) private readonly mail: MailService,
    @inject(Kernel.Config) private readonly config: ConfigService,
    @inject(SecurityApi.AuditLog) private readonly audit: AuditLog,
    @inject(UserApi.CredentialVerifier) private readonly credentials: AdminCredentialVerifier,
    @inject(UserApi.AdminTokenService) private readonly tokens: AdminTokenService,
    @inject(UserApi.StepUp) private readonly stepUps: StepUp,
    @inject(TfaInternal.Settings) private readonly settings: TfaSettings,
    @inject(TfaInternal.UserConfig) private readonly configs: TfaUserConfigRepository,
    @inject(TfaInternal.ConfigTokens) private readonly tfat: ConfigurationTokens,
    @inject(TfaInternal.Google) private readonly google: GoogleProvider,
    @inject(TfaInternal.U2fKey) private readonly u2f: U2fKeyProvider,
    @inject(TfaInternal.RecoveryCodes) private readonly recovery: RecoveryCodes,
  ) {}

  /**
   * POST /V1/integration/admin/token: never a token. After a good password it names the next step; an admin who still has
   * to configure 2FA is mailed a configuration token (Magento's tfat).
   */
  async requestAdminToken(username: string, password: string, actor: RequestActor): Promise<never> {
    const user = await this.credentials.verify(username, password, actor);
    if (await this.configurationRequired(user.id)) {
      if (await this.configs.claimTfatMail(user.id, this.clock.now().getTime(), TFAT_MAIL_GAP_MS)) await this.mailConfigurationToken(user);
      throw new AuthenticationError(CONFIGURE_MESSAGE);
    }
    throw new AuthenticationError(USE_PROVIDER_MESSAGE);
  }

  async withGoogle(username: string, password: string, otp: string, actor: RequestActor): Promise<string> {
    const user = await this.firstFactor(username, password, actor, 'google');
    await this.google.verify(user.id, otp, this.as(actor, user), 'login');
    return (await this.tokens.issue(user.id, { provider: 'google' }, actor)).token;
  }

  async u2fChallenge(username: string, password: string, actor: RequestActor): Promise<string> {
    const user = await this.firstFactor(username, password, actor, 'u2fkey');
    return this.u2f.authenticationOptions(user.id);
  }

  async withU2fKey(username: string, password: string, publicKeyCredentialJson: string, actor: RequestActor): Promise<string> {
    const user = await this.firstFactor(username, password, actor, 'u2fkey');
    await this.u2f.verify(user.id, publicKeyCredentialJson, this.as(actor, user), 'login');
    return (await this.tokens.issue(user.id, { provider: 'u2fkey' }, actor)).token;
  }

  /** A recovery code stands in for the admin's device (OTP-06), once. */
  async withRecoveryCode(username: string, password: string, code: string, actor: RequestActor): Promise<string> {
    const user = await this.credentials.verify(username, password, actor);
    await this.recovery.consume(user.id, code, this.as(actor, user), 'login');
    return (await this.tokens.issue(user.id, { provider: 'recovery_code' }, actor)).token;
  }

  /** AUTH-05: password and a second factor again, for the caller's own token. */
  async stepUp(principal: unknown, input: StepUpInput, actor: RequestActor): Promise<Date> {
    if (!isAdminPrincipal(principal)) throw new AuthenticationError('An admin token is required.');
    const factors = [input.otp, input.recoveryCode, input.publicKeyCredentialJson].filter((f) => f !== undefined);
    if (factors.length !== 1) throw new InputError('Give your password and exactly one second factor: otp, recovery_code or publicKeyCredentialJson.');
    const user = await this.credentials.verifyUser(principal.id, input.password, actor);
    if (input.otp !== undefined) await this.google.verify(user.id, input.otp, actor, 'step_up');
    else if (input.recoveryCode !== undefined) await this.recovery.consume(user.id, input.recoveryCode, actor, 'step_up');
    else await this.u2f.verify(user.id, input.publicKeyCredentialJson!, actor, 'step_up');
    await this.stepUps.record(principal.tokenId);
    await this.audit.record({ actor, event: 'admin_step_up', outcome: 'success', resource: { type: 'admin_user', id: user.id } });
    return new Date(this.clock.now().getTime() + Number(await this.config.get(UserConfigPath.StepUpLifetime)) * 1000);
  }

  async configurationRequired(userId: number): Promise<boolean> {
    const forced = await this.settings.forcedProviders();
    for (const code of forced) if (!(await this.isActive(userId, code))) return true;
    return false;
  }

  async isActive(userId: number, code: TfaProviderCode): Promise<boolean> {
    return code === 'google' ? this.google.isActive(userId) : this.u2f.isActive(userId);
  }

  private async firstFactor(username: string, password: string, actor: RequestActor, provider: TfaProviderCode): Promise<AdminUser> {
    const user = await this.credentials.verify(username, password, actor);
    if (!(await this.settings.forcedProviders()).includes(provider)) throw new AuthenticationError('Provider is not allowed.');
    if (!(await this.isActive(user.id, provider))) {
      throw new AuthenticationError('This provider is not configured for your account: sign in through POST /rest/V1/integration/admin/token to receive the setup link by mail.');
    }
    return user;
  }

  private as(actor: RequestActor, user: AdminUser): RequestActor {
    return { ...actor, name: actor.name ?? user.username };
  }

  private async mailConfigurationToken(user: AdminUser): Promise<void> {
    const token = await this.tfat.issue(user.id);
    const url = await this.settings.notificationUrl();
    const link = url ? url.replace(':tfat', encodeURIComponent(token)) : undefined;
    await this.mail.queue({
      to: user.email,
      subject: 'Set up two-factor authentication for your admin account',
      text:
        `Hello ${user.firstname},\n\nYour admin account "${user.username}" needs two-factor authentication before it can sign in.\n\n` +
        (link ? `Open ${link}\n\nor use this configuration token:\n\n${token}\n\n` : `Your configuration token (valid one hour):\n\n${token}\n\n`) +
        'Send it as "tfaToken" to POST /rest/V1/tfa/provider/google/configure, then confirm with a first code through POST /rest/V1/tfa/provider/google/activate ' +
        '(or use /rest/V1/tfa/provider/u2fkey/configure and /activate for a security key).\n\nIf you did not try to sign in, someone knows your password: change it and tell another admin.',
    });
    await this.audit.record({ actor: { type: 'system', channel: 'system' }, event: 'tfa_configuration_request', outcome: 'success', resource: { type: 'admin_user', id: user.id } });
  }
}
