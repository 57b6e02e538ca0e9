import { inject, injectable } from 'inversify';
import { Kernel, type Clock, type Database } from '../../../app';
import { AuthenticationError } from '../../../app';
import { SecurityApi, type AuditLog, type RequestActor } from '../../security/api';
import { TfaInternal } from '../model/tfa-internal-tokens';
import type { TfaUserConfigRepository } from '../model/tfa-user-config-repository';
import type { TfaSettings } from './tfa-settings';

/**
 * OTP-05: every wrong second factor (code, recovery code, security key) counts; at twofactorauth/general/twofactorauth_retry
 * (10) the admin's second factor is locked for auth_lock_expire (300 s). The count lives in the database, so it holds across
 * processes, and is taken under a row lock so concurrent guesses can't slip past it.
 */
@injectable()
export class OtpThrottle {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.Clock) private readonly clock: Clock,
    @inject(SecurityApi.AuditLog) private readonly audit: AuditLog,
    @inject(TfaInternal.UserConfig) private readonly configs: TfaUserConfigRepository,
    @inject(TfaInternal.Settings) private readonly settings: TfaSettings,
  ) {}

  async assertNotLocked(userId: number): Promise<void> {
    const row = await this.configs.get(userId);
    const until = row?.otp_lock_expires_at === null || row?.otp_lock_expires_at === undefined ? 0 : Number(row.otp_lock_expires_at);
    const left = until - this.clock.now().getTime();
    if (left > 0) throw new AuthenticationError(`Too many failed two-factor authentication attempts: try again in ${Math.ceil(left / 1000)} seconds.`);
  }

  async recordFailure(userId: number, actor: RequestActor): Promise<void> {
    const retry = await this.settings.retry();
    const lockMs = await this.settings.lockExpireMs();
    await this.db.transaction(async () => {
      const now = this.clock.now().getTime();
      const row = await this.configs.lock(userId, now);
      const failures = Number(row.otp_failures) + 1;
      if (failures < retry) {
        await this.configs.update(userId, { otp_failures: failures }, now);
        return;
      }
      await this.configs.update(userId, { otp_failures: 0, otp_lock_expires_at: now + lockMs }, now);
      await this.audit.record({ actor, event: 'tfa_lock', outcome: 'success', resource: { type: 'admin_user', id: userId }, details: { failures, lockedUntil: new Date(now + lockMs).toISOString() } });
    });
  }

  async reset(userId: number): Promise<void> {
    const row = await this.configs.get(userId);
    if (row && (Number(row.otp_failures) > 0 || row.otp_lock_expires_at !== null)) {
      await this.configs.update(userId, { otp_failures: 0, otp_lock_expires_at: null }, this.clock.now().getTime());
    }
  }
}
