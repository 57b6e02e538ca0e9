import { inject, injectable } from 'inversify';
import { Kernel, type Clock, type Database, type EventBus } from '../../../app';
import type { Encryptor } from '../../../app/crypto/encryptor';
import { AuthenticationError, InputError } from '../../../app';
import { SecurityApi, type AuditLog, type RequestActor } from '../../security/api';
import { UserApi, type AdminUserManager } from '../../user/api';
import { TfaInternal } from '../model/tfa-internal-tokens';
import type { TfaUserConfigRepository } from '../model/tfa-user-config-repository';
import { base32Decode, base32Encode } from '../totp/base32';
import { generateTotpSecret, matchTotp } from '../totp/otp';
import { otpauthUri } from '../totp/otpauth-uri';
import type { OtpThrottle } from './otp-throttle';
import { qrCodePngDataUrl } from './qr-code';
import type { TfaSettings } from './tfa-settings';

export const INVALID_CODE = 'Invalid code.';
export const REPLAYED_CODE = 'This code was already used: wait for the next one.';
export const MIN_SECRET_BYTES = 20;

/** What a second-factor check is for, so its failures are audited under the right event. */
export type FactorPurpose = 'login' | 'step_up' | 'activation';
export const FAILURE_EVENT: Record<FactorPurpose, string> = { login: 'admin_login', step_up: 'admin_step_up', activation: 'tfa_provider_activate' };

/** The TOTP provider (Magento's `google`): secrets encrypted at rest with the admin's id as associated data. */
@injectable()
export class GoogleProvider {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.EventBus) private readonly events: EventBus,
    @inject(Kernel.Encryptor) private readonly encryptor: Encryptor,
    @inject(Kernel.Clock) private readonly clock: Clock,
    @inject(SecurityApi.AuditLog) private readonly audit: AuditLog,
    @inject(UserApi.AdminUserManager) private readonly users: AdminUserManager,
    @inject(TfaInternal.UserConfig) private readonly configs: TfaUserConfigRepository,
    @inject(TfaInternal.Throttle) private readonly throttle: OtpThrottle,
    @inject(TfaInternal.Settings) private readonly settings: TfaSettings,
  ) {}

  async isActive(userId: number): Promise<boolean> {
    return Boolean(Number((await this.configs.get(userId))?.google_active ?? 0));
  }

  /** A pending secret (kept until activation, so a second call shows the same one), its otpauth:// URI and QR code. */
  async configure(userId: number): Promise<{ secret: string; uri: string; qrCodeUrl: string }> {
    const user = await this.requireUser(userId);
    const secret = await this.db.transaction(async () => {
      const now = this.clock.now().getTime();
      const row = await this.configs.lock(userId, now);
      if (Number(row.google_active)) throw new InputError('Provider is already configured.');
      if (row.google_secret) return this.decrypt(userId, row.google_secret);
      const fresh = generateTotpSecret();
      await this.configs.update(userId, { google_secret: this.encrypt(userId, fresh), google_last_step: null }, now);
      return fresh;
    });
    const uri = otpauthUri(await this.settings.issuer(), user.username, base32Encode(secret));
    return { secret: base32Encode(secret), uri, qrCodeUrl: await qrCodePngDataUrl(uri) };
  }

  /** Confirms enrollment with a first valid code. */
  async activate(userId: number, otp: string, actor: RequestActor): Promise<void> {
    const row = await this.configs.get(userId);
    if (row && Number(row.google_active)) throw new InputError('Provider is already configured.');
    if (!row?.google_secret) throw new InputError('Google Authenticator is not being configured: call POST /rest/V1/tfa/provider/google/configure first.');
    await this.verifyCode(userId, otp, actor, 'activation', row.google_secret);
    await this.markActive(userId, 'activated', actor);
  }

  /** OTP-03/04/05: throttled, one step of skew either way, each step accepted once. */
  async verify(userId: number, otp: string, actor: RequestActor, purpose: FactorPurpose): Promise<void> {
    const row = await this.configs.get(userId);
    if (!row?.google_secret || !Number(row.google_active)) throw new AuthenticationError('Google Authenticator is not configured for this account.');
    await this.verifyCode(userId, otp, actor, purpose, row.google_secret);
  }

  /** security:tfa:google:set-secret. */
  async setSecret(userId: number, secretBase32: string, actor: RequestActor): Promise<void> {
    const secret = base32Decode(secretBase32);
    if (!secret || secret.length < MIN_SECRET_BYTES) throw new InputError('The secret must be base32 (A-Z, 2-7) and at least 160 bits long (32 characters).');
    await this.requireUser(userId);
    await this.db.transaction(async () => {
      const now = this.clock.now().getTime();
      await this.configs.lock(userId, now);
      await this.configs.update(userId, { google_secret: this.encrypt(userId, secret), google_active: true, google_last_step: null }, now);
      await this.announce(userId, 'secret_set', actor);
    });
  }

  async reset(userId: number): Promise<void> {
    const now = this.clock.now().getTime();
    await this.configs.lock(userId, now);
    await this.configs.update(userId, { google_secret: null, google_active: false, google_last_step: null }, now);
  }

  private async verifyCode(userId: number, otp: string, actor: RequestActor, purpose: FactorPurpose, sealed: string): Promise<void> {
    await this.throttle.assertNotLocked(userId);
    const now = this.clock.now().getTime();
    const step = matchTotp(this.decrypt(userId, sealed), String(otp ?? '').trim(), now / 1000, await this.settings.leewaySeconds());
    if (step === null) return this.fail(userId, actor, purpose, 'invalid_code', INVALID_CODE);
    if (!(await this.configs.acceptGoogleStep(userId, step, now))) {
      await this.audit.record({ actor, event: 'tfa_otp_replay', outcome: 'failure', resource: { type: 'admin_user', id: userId }, details: { provider: 'google', purpose } });
      return this.fail(userId, actor, purpose, 'replayed_code', REPLAYED_CODE);
    }
    await this.throttle.reset(userId);
  }

  private async fail(userId: number, actor: RequestActor, purpose: FactorPurpose, reason: string, message: string): Promise<never> {
    await this.throttle.recordFailure(userId, actor);
    await this.audit.record({ actor, event: FAILURE_EVENT[purpose], outcome: 'failure', resource: { type: 'admin_user', id: userId }, details: { step: 'google', reason } });
    throw new AuthenticationError(message);
  }

  private async markActive(userId: number, change: 'activated' | 'secret_set', actor: RequestActor): Promise<void> {
    await this.db.transaction(async () => {
      await this.configs.update(userId, { google_active: true }, this.clock.now().getTime());
      await this.announce(userId, change, actor);
    });
  }

  private async announce(userId: number, change: 'activated' | 'secret_set', actor: RequestActor): Promise<void> {
    const user = await this.requireUser(userId);
    await this.audit.record({ actor, event: change === 'activated' ? 'tfa_provider_activate' : 'tfa_google_set_secret', outcome: 'success', resource: { type: 'admin_user', id: userId }, details: { provider: 'google', username: user.username } });
    await this.events.dispatch('tfa_provider_activate_after', { user, provider: 'google', change, actor });
  }

  private async requireUser(userId: number) {
    const user = await this.users.get(userId);
    if (!user) throw new InputError(`The admin user with id ${userId} does not exist.`);
    return user;
  }

  private encrypt(userId: number, secret: Buffer): string {
    return this.encryptor.encrypt(secret.toString('base64'), `tfa:google:${userId}`);
  }

  private decrypt(userId: number, sealed: string): Buffer {
    return Buffer.from(this.encryptor.decrypt(sealed, `tfa:google:${userId}`), 'base64');
  }
}
