import { inject, injectable } from 'inversify';
import type { Knex } from 'knex';
import { Kernel, type Database } from '../../../app';
import type { AdminUser } from '../api/admin-user';
import { ROLE_TYPE_USER, UserTable } from './user-tables';

/** An admin_user row with the secret columns: stays inside this module. */
export interface AdminUserRow {
  user_id: number;
  firstname: string;
  lastname: string;
  email: string;
  username: string;
  password: string;
  created_at: number | string;
  updated_at: number | string;
  last_login_at: number | string | null;
  lognum: number;
  is_active: number | boolean;
  failures_num: number;
  first_failure_at: number | string | null;
  lock_expires_at: number | string | null;
  role_id?: number | null;
  role_name?: string | null;
}

export const ms = (value: number | string | null | undefined): number | null => (value === null || value === undefined ? null : Number(value));

export function toAdminUser(row: AdminUserRow): AdminUser {
  const lock = ms(row.lock_expires_at);
  const lastLogin = ms(row.last_login_at);
  return {
    id: Number(row.user_id),
    username: row.username,
    firstname: row.firstname,
    lastname: row.lastname,
    email: row.email,
    isActive: Boolean(Number(row.is_active)),
    lockExpiresAt: lock === null ? null : new Date(lock),
    roleId: row.role_id === null || row.role_id === undefined ? null : Number(row.role_id),
    roleName: row.role_name ?? null,
    createdAt: new Date(Number(row.created_at)),
    lastLoginAt: lastLogin === null ? null : new Date(lastLogin),
  };
}

/** admin_user, admin_passwords and the user's membership row in authorization_role; always through conn(). */
@injectable()
export class AdminUserRepository {
  constructor(@inject(Kernel.Database) private readonly db: Database) {}

  /** Users with their role (membership row → role row), as Magento joins them. */
  private select(knex: Knex = this.db.conn()): Knex.QueryBuilder {
    return knex(`${UserTable.user} as u`)
      .leftJoin(`${UserTable.role} as m`, function () {
        this.on('m.user_id', '=', 'u.user_id').andOn('m.role_type', '=', knex.raw('?', [ROLE_TYPE_USER]));
      })
      .leftJoin(`${UserTable.role} as g`, 'g.role_id', 'm.parent_id')
      .select('u.*', 'g.role_id as role_id', 'g.role_name as role_name');
  }

  async findById(id: number): Promise<AdminUserRow | undefined> {
    return this.select().where('u.user_id', id).first();
  }

  async findByUsername(username: string): Promise<AdminUserRow | undefined> {
    return this.select().where('u.username', username).first();
  }

  async existsWithUsernameOrEmail(username: string, email: string): Promise<boolean> {
    const row = await this.db.conn()(UserTable.user).where('username', username).orWhere('email', email).first('user_id');
    return !!row;
  }

  async list(): Promise<AdminUserRow[]> {
    return this.select().orderBy('u.user_id', 'asc');
  }

  /** Active admins other than `exceptId`: the recipients of security alerts. */
  async activeAdmins(exceptId: number | null): Promise<Array<{ user_id: number; email: string; username: string }>> {
    const query = this.db.conn()(UserTable.user).where('is_active', true).select('user_id', 'email', 'username').orderBy('user_id');
    if (exceptId !== null) query.whereNot('user_id', exceptId);
    return query;
  }

  /** The row, locked for update inside the current transaction (MariaDB); SQLite serializes writers anyway. */
  async lockRow(id: number): Promise<AdminUserRow | undefined> {
    return this.db.conn()(UserTable.user).where('user_id', id).forUpdate().first();
  }

  async insert(row: Omit<AdminUserRow, 'user_id' | 'role_id' | 'role_name'>): Promise<number> {
    const [id] = await this.db.conn()(UserTable.user).insert(row);
    return Number(id);
  }

  async update(id: number, patch: Partial<AdminUserRow>): Promise<void> {
    await this.db.conn()(UserTable.user).where('user_id', id).update(patch);
  }

  async assignRole(userId: number, roleId: number, username: string): Promise<void> {
    const knex = this.db.conn();
    await knex(UserTable.role).where({ user_id: userId, role_type: ROLE_TYPE_USER }).delete();
    await knex(UserTable.role).insert({ parent_id: roleId, tree_level: 2, sort_order: 0, role_type: ROLE_TYPE_USER, user_id: userId, user_type: '2', role_name: username });
  }

  /** The most recent password hashes, newest first (AUTH-01 history). */
  async recentPasswordHashes(userId: number, count: number): Promise<string[]> {
    const rows = await this.db.conn()(UserTable.passwords).where('user_id', userId).orderBy([{ column: 'last_updated', order: 'desc' }, { column: 'password_id', order: 'desc' }]).limit(count).select('password_hash');
    return rows.map((r: { password_hash: string }) => r.password_hash);
  }

  /** Records a new password and forgets all but the `keep` most recent ones. */
  async pushPasswordHistory(userId: number, hash: string, at: number, keep: number): Promise<void> {
    const knex = this.db.conn();
    await knex(UserTable.passwords).insert({ user_id: userId, password_hash: hash, last_updated: at });
    const kept = await knex(UserTable.passwords).where('user_id', userId).orderBy([{ column: 'last_updated', order: 'desc' }, { column: 'password_id', order: 'desc' }]).limit(keep).select('password_id');
    await knex(UserTable.passwords).where('user_id', userId).whereNotIn('password_id', kept.map((r: { password_id: number }) => r.password_id)).delete();
  }
}
