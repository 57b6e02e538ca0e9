import { inject, injectable } from 'inversify';
import { Kernel, type Database } from '../../../app';
import { TfaTable } from './tfa-tables';

@injectable()
export class RecoveryCodeRepository {
  constructor(@inject(Kernel.Database) private readonly db: Database) {}

  /** Replaces the whole set: the old codes stop working at once (OTP-06). */
  async replace(userId: number, hashes: string[], now: number): Promise<void> {
    const knex = this.db.conn();
    await knex(TfaTable.recoveryCode).where('user_id', userId).delete();
    await knex(TfaTable.recoveryCode).insert(hashes.map((code_hash) => ({ user_id: userId, code_hash, created_at: now, used_at: null })));
  }

  /** Single use: only the first request to mark the code wins. */
  async consume(userId: number, hash: string, now: number): Promise<boolean> {
    const count = await this.db.conn()(TfaTable.recoveryCode).where({ user_id: userId, code_hash: hash }).whereNull('used_at').update({ used_at: now });
    return count === 1;
  }

  async remaining(userId: number): Promise<number> {
    const row = await this.db.conn()(TfaTable.recoveryCode).where('user_id', userId).whereNull('used_at').count({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }

  async deleteAll(userId: number): Promise<void> {
    await this.db.conn()(TfaTable.recoveryCode).where('user_id', userId).delete();
  }
}
