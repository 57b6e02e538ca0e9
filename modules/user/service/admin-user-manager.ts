import { UserInternal } from '../model/user-internal-tokens';
import { inject, injectable } from 'inversify';
import { z } from 'zod';
import { Kernel, type Clock, type Database, type EventBus } from '../../../app';
import type { PasswordHasher } from '../../../app/crypto/password-hasher';
import { AlreadyExistsError, InputError, NoSuchEntityError } from '../../../app';
import { SecurityApi, type AuditLog, type RequestActor } from '../../security/api';
import { DEFAULT_ADMIN_ROLE, type AclService } from '../api/acl';
import type { AdminTokenService } from '../api/admin-token';
import type { AdminUser, AdminUserManager, CreateAdminUserInput } from '../api/admin-user';
import { UserApi } from '../api/tokens';
import { AdminUserRepository, toAdminUser } from '../model/admin-user-repository';
import { emailSchema, nameSchema, usernameSchema } from './admin-input-schemas';
import { ADMIN_PASSWORD_HISTORY, adminPasswordProblems, describePasswordProblems } from './password-policy';
import { isDuplicateKeyError as isUniqueViolation } from '../../../app/event/duplicate-key';

const createSchema = z.object({
  username: usernameSchema,
  firstname: nameSchema('first name'),
  lastname: nameSchema('last name'),
  email: emailSchema,
  password: z.string(),
  role: z.string().optional(),
  isActive: z.boolean().optional(),
});

@injectable()
export class DefaultAdminUserManager implements AdminUserManager {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.EventBus) private readonly events: EventBus,
    @inject(Kernel.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(Kernel.Clock) private readonly clock: Clock,
    @inject(SecurityApi.AuditLog) private readonly audit: AuditLog,
    @inject(UserApi.Acl) private readonly acl: AclService,
    @inject(UserApi.AdminTokenService) private readonly tokens: AdminTokenService,
    @inject(UserInternal.Users) private readonly users: AdminUserRepository,
  ) {}

  async create(input: CreateAdminUserInput, actor: RequestActor): Promise<AdminUser> {
    const parsed = createSchema.safeParse(input);
    const problems = parsed.success ? [] : parsed.error.issues.map((i) => i.message);
    const passwordProblems = adminPasswordProblems(String(input.password ?? ''));
    if (passwordProblems.length) problems.push(describePasswordProblems(passwordProblems));
    if (problems.length || !parsed.success) throw new InputError(`Cannot create the admin user: ${problems.join('; ')}`);
    const data = parsed.data;
    const role = await this.acl.getRole(data.role ?? DEFAULT_ADMIN_ROLE);
    if (!role) throw new InputError(`Cannot create the admin user: the role "${data.role}" does not exist.`);
    if (await this.users.existsWithUsernameOrEmail(data.username, data.email)) throw new AlreadyExistsError('A user with the same user name or email already exists.');
    // Hashing is slow on purpose: done before the transaction so no lock is held meanwhile.
    const hash = await this.hasher.hash(data.password);
    const now = this.clock.now().getTime();
    try {
      return await this.db.transaction(async () => {
        const id = await this.users.insert({
          firstname: data.firstname,
          lastname: data.lastname,
          email: data.email,
          username: data.username,
          password: hash,
          created_at: now,
          updated_at: now,
          last_login_at: null,
          lognum: 0,
          is_active: data.isActive ?? true,
          failures_num: 0,
          first_failure_at: null,
          lock_expires_at: null,
        });
        await this.users.assignRole(id, role.id, data.username);
        await this.users.pushPasswordHistory(id, hash, now, ADMIN_PASSWORD_HISTORY);
        const user = toAdminUser((await this.users.findById(id))!);
        await this.audit.record({ actor, event: 'admin_user_create', outcome: 'success', resource: { type: 'admin_user', id }, details: { username: user.username, email: user.email, role: role.name } });
        await this.events.dispatch('admin_user_create_after', { user, actor });
        return user;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AlreadyExistsError('A user with the same user name or email already exists.');
      throw err;
    }
  }

  async unlock(userId: number, actor: RequestActor): Promise<AdminUser> {
    return this.db.transaction(async () => {
      const row = await this.users.lockRow(userId);
      if (!row) throw new NoSuchEntityError(`The admin user with id ${userId} does not exist.`);
      await this.users.update(userId, { failures_num: 0, first_failure_at: null, lock_expires_at: null });
      const user = toAdminUser((await this.users.findById(userId))!);
      const wasLocked = row.lock_expires_at !== null && Number(row.lock_expires_at) > this.clock.now().getTime();
      await this.audit.record({ actor, event: 'admin_user_unlock', outcome: 'success', resource: { type: 'admin_user', id: userId }, details: { username: user.username, wasLocked } });
      await this.events.dispatch('admin_user_unlock_after', { user, actor });
      return user;
    });
  }

  async changePassword(userId: number, newPassword: string, actor: RequestActor): Promise<void> {
    const row = await this.users.findById(userId);
    if (!row) throw new NoSuchEntityError(`The admin user with id ${userId} does not exist.`);
    const problems = adminPasswordProblems(newPassword);
    if (problems.length) throw new InputError(describePasswordProblems(problems));
    for (const previous of await this.users.recentPasswordHashes(userId, ADMIN_PASSWORD_HISTORY)) {
      if (await this.hasher.verify(newPassword, previous)) {
        throw new InputError(`The password was used recently: choose one different from your last ${ADMIN_PASSWORD_HISTORY} passwords.`);
      }
    }
    const hash = await this.hasher.hash(newPassword);
    const now = this.clock.now().getTime();
    await this.db.transaction(async () => {
      await this.users.update(userId, { password: hash, updated_at: now });
      await this.users.pushPasswordHistory(userId, hash, now, ADMIN_PASSWORD_HISTORY);
      await this.tokens.revokeAllForUser(userId, actor, 'password_change');
      const user = toAdminUser((await this.users.findById(userId))!);
      await this.audit.record({ actor, event: 'admin_password_change', outcome: 'success', resource: { type: 'admin_user', id: userId }, details: { username: user.username } });
      await this.events.dispatch('admin_user_password_change_after', { user, actor });
    });
  }

  async get(userId: number): Promise<AdminUser | undefined> {
    const row = await this.users.findById(userId);
    return row && toAdminUser(row);
  }

  async getByUsername(username: string): Promise<AdminUser | undefined> {
    const row = await this.users.findByUsername(username);
    return row && toAdminUser(row);
  }

  async list(): Promise<AdminUser[]> {
    return (await this.users.list()).map(toAdminUser);
  }
}
