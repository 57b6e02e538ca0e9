import { UserInternal } from '../model/user-internal-tokens';
import { inject, injectable } from 'inversify';
import { Kernel, type Clock, type Database, type EventBus } from '../../../app';
import type { PasswordHasher } from '../../../app/crypto/password-hasher';
import { AuthenticationError } from '../../../app';
import { SecurityApi, type AuditLog, type RequestActor } from '../../security/api';
import type { AdminTokenService } from '../api/admin-token';
import { INVALID_CREDENTIALS_MESSAGE, type AdminCredentialVerifier, type AdminUser } from '../api/admin-user';
import { UserApi } from '../api/tokens';
import { AdminUserRepository, ms, toAdminUser, type AdminUserRow } from '../model/admin-user-repository';
import { UserSettings } from './user-settings';

/**
 * The first factor, with Magento's lockout (AUTH-02): failures within admin/security/lockout_threshold minutes of the first
 * one are counted; reaching admin/security/lockout_failures locks the account for the threshold and revokes its tokens.
 * Every refusal reads the same, whatever the reason, and takes about as long (a hash is checked even for unknown users).
 */
@injectable()
export class DefaultAdminCredentialVerifier implements AdminCredentialVerifier {
  private dummyHash: Promise<string> | undefined;

  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.EventBus) private readonly events: EventBus,
    @inject(Kernel.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(Kernel.Clock) private readonly clock: Clock,
    @inject(SecurityApi.AuditLog) private readonly audit: AuditLog,
    @inject(UserApi.AdminTokenService) private readonly tokens: AdminTokenService,
    @inject(UserInternal.Users) private readonly users: AdminUserRepository,
    @inject(UserInternal.Settings) private readonly settings: UserSettings,
  ) {}

  async verify(username: string, password: string, actor: RequestActor): Promise<AdminUser> {
    const row = typeof username === 'string' && username ? await this.users.findByUsername(username) : undefined;
    return this.check(row, String(username ?? ''), password, actor);
  }

  async verifyUser(userId: number, password: string, actor: RequestActor): Promise<AdminUser> {
    const row = await this.users.findById(userId);
    return this.check(row, row?.username ?? String(userId), password, actor);
  }

  private async check(row: AdminUserRow | undefined, username: string, password: string, actor: RequestActor): Promise<AdminUser> {
    const who: RequestActor = { ...actor, name: actor.name ?? username };
    if (!row) {
      await this.hasher.verify(String(password ?? ''), await this.dummy());
      return this.refuse(who, null, 'unknown_user');
    }
    const now = this.clock.now().getTime();
    const lockedUntil = ms(row.lock_expires_at);
    if (lockedUntil !== null && lockedUntil > now) {
      await this.hasher.verify(String(password ?? ''), await this.dummy());
      return this.refuse(who, row.user_id, 'locked');
    }
    const ok = typeof password === 'string' && password.length > 0 && (await this.hasher.verify(password, row.password));
    if (!ok) {
      await this.recordFailure(Number(row.user_id), who);
      return this.refuse(who, row.user_id, 'bad_password');
    }
    if (!Number(row.is_active)) return this.refuse(who, row.user_id, 'inactive');
    if (Number(row.failures_num) > 0 || lockedUntil !== null) {
      await this.users.update(Number(row.user_id), { failures_num: 0, first_failure_at: null, lock_expires_at: null });
    }
    return toAdminUser({ ...row, failures_num: 0, first_failure_at: null, lock_expires_at: null });
  }

  private async refuse(actor: RequestActor, userId: number | null, reason: string): Promise<never> {
    await this.audit.record({ actor, event: 'admin_login', outcome: 'failure', resource: userId === null ? null : { type: 'admin_user', id: userId }, details: { step: 'password', reason } });
    throw new AuthenticationError(INVALID_CREDENTIALS_MESSAGE);
  }

  /** Counted under a row lock, so concurrent wrong guesses can't slip past the limit. */
  private async recordFailure(userId: number, actor: RequestActor): Promise<void> {
    const maxFailures = await this.settings.lockoutFailures();
    const threshold = await this.settings.lockoutThresholdMs();
    await this.db.transaction(async () => {
      const row = await this.users.lockRow(userId);
      if (!row) return;
      const now = this.clock.now().getTime();
      const first = ms(row.first_failure_at);
      const windowOver = first === null || now - first > threshold;
      const failures = windowOver ? 1 : Number(row.failures_num) + 1;
      const patch: Partial<AdminUserRow> = { failures_num: failures, first_failure_at: windowOver ? now : first };
      const locks = failures >= maxFailures;
      if (locks) patch.lock_expires_at = now + threshold;
      await this.users.update(userId, patch);
      if (!locks) return;
      const user = toAdminUser((await this.users.findById(userId))!);
      await this.tokens.revokeAllForUser(userId, { type: 'system', channel: 'system' }, 'lockout');
      await this.audit.record({ actor, event: 'admin_user_lock', outcome: 'success', resource: { type: 'admin_user', id: userId }, details: { username: user.username, failures, lockedUntil: new Date(now + threshold).toISOString() } });
      await this.events.dispatch('admin_user_lock_after', { user, actor });
    });
  }

  private dummy(): Promise<string> {
    return (this.dummyHash ??= this.hasher.hash('not-a-real-password-0'));
  }
}
