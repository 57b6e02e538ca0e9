import { inject, injectable } from 'inversify';
import { Kernel, type Database } from '../../../app';
import { ROLE_TYPE_USER, UserTable } from './user-tables';

export interface TokenSessionRow {
  token_id: string;
  user_id: number;
  expires_at: number | string;
  last_used_at: number | string;
  revoked_at: number | string | null;
  is_active: number | boolean;
  lock_expires_at: number | string | null;
  username: string;
  role_id: number | null;
}

/** admin_token rows: one per issued admin JWT. */
@injectable()
export class AdminTokenRepository {
  constructor(@inject(Kernel.Database) private readonly db: Database) {}

  async insert(row: { token_id: string; user_id: number; issued_at: number; expires_at: number; last_used_at: number; provider: string; ip: string | null }): Promise<void> {
    await this.db.conn()(UserTable.token).insert({ ...row, revoked_at: null, stepped_up_at: null });
  }

  /** Everything a request needs in one indexed read: the token row, its user's state and role. */
  async session(tokenId: string): Promise<TokenSessionRow | undefined> {
    const knex = this.db.conn();
    return knex(`${UserTable.token} as t`)
      .join(`${UserTable.user} as u`, 'u.user_id', 't.user_id')
      .leftJoin(`${UserTable.role} as m`, function () {
        this.on('m.user_id', '=', 't.user_id').andOn('m.role_type', '=', knex.raw('?', [ROLE_TYPE_USER]));
      })
      .where('t.token_id', tokenId)
      .first('t.token_id', 't.user_id', 't.expires_at', 't.last_used_at', 't.revoked_at', 'u.is_active', 'u.lock_expires_at', 'u.username', 'm.parent_id as role_id');
  }

  /** Moves last_used_at forward only (two processes touching at once can't move it back). */
  async touch(tokenId: string, at: number): Promise<void> {
    await this.db.conn()(UserTable.token).where('token_id', tokenId).where('last_used_at', '<', at).update({ last_used_at: at });
  }

  async revoke(tokenId: string, at: number): Promise<number> {
    return this.db.conn()(UserTable.token).where('token_id', tokenId).whereNull('revoked_at').update({ revoked_at: at });
  }

  async revokeAllForUser(userId: number, at: number): Promise<number> {
    return this.db.conn()(UserTable.token).where('user_id', userId).whereNull('revoked_at').update({ revoked_at: at });
  }

  async revokeAll(at: number): Promise<number> {
    return this.db.conn()(UserTable.token).whereNull('revoked_at').update({ revoked_at: at });
  }

  async steppedUpAt(tokenId: string): Promise<number | null> {
    const row = await this.db.conn()(UserTable.token).where('token_id', tokenId).whereNull('revoked_at').first('stepped_up_at');
    return row?.stepped_up_at === null || row?.stepped_up_at === undefined ? null : Number(row.stepped_up_at);
  }

  async recordStepUp(tokenId: string, at: number): Promise<number> {
    return this.db.conn()(UserTable.token).where('token_id', tokenId).whereNull('revoked_at').update({ stepped_up_at: at });
  }
}
