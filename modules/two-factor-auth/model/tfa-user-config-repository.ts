import { inject, injectable } from 'inversify';
import { Kernel, type Database } from '../../../app';
import { TfaTable } from './tfa-tables';

export interface TfaUserConfigRow {
  user_id: number;
  google_secret: string | null;
  google_active: number | boolean;
  google_last_step: number | string | null;
  u2fkey_active: number | boolean;
  otp_failures: number;
  otp_lock_expires_at: number | string | null;
  tfat_sent_at: number | string | null;
  updated_at: number | string;
}

/** tfa_user_config, one row per admin. Writes that race (replay, throttle) are conditional updates or row-locked. */
@injectable()
export class TfaUserConfigRepository {
  constructor(@inject(Kernel.Database) private readonly db: Database) {}

  async get(userId: number): Promise<TfaUserConfigRow | undefined> {
    return this.db.conn()(TfaTable.userConfig).where('user_id', userId).first();
  }

  /** The row, created empty when missing, locked for update in the current transaction. */
  async lock(userId: number, now: number): Promise<TfaUserConfigRow> {
    const knex = this.db.conn();
    await knex(TfaTable.userConfig).insert({ user_id: userId, updated_at: now }).onConflict('user_id').ignore();
    return knex(TfaTable.userConfig).where('user_id', userId).forUpdate().first();
  }

  async update(userId: number, patch: Partial<TfaUserConfigRow>, now: number): Promise<void> {
    await this.db.conn()(TfaTable.userConfig).where('user_id', userId).update({ ...patch, updated_at: now });
  }

  /**
   * OTP-04: records `step` as the last accepted one only if it is newer than the stored one; false means the code (or an older
   * one) was already used. Atomic, so two requests racing with the same code can't both pass.
   */
  async acceptGoogleStep(userId: number, step: number, now: number): Promise<boolean> {
    const count = await this.db
      .conn()(TfaTable.userConfig)
      .where('user_id', userId)
      .andWhere((q) => q.whereNull('google_last_step').orWhere('google_last_step', '<', step))
      .update({ google_last_step: step, updated_at: now });
    return count === 1;
  }

  /** Marks a configuration mail as sent unless one went out less than `minGapMs` ago; false when it is too soon. */
  async claimTfatMail(userId: number, now: number, minGapMs: number): Promise<boolean> {
    const knex = this.db.conn();
    await knex(TfaTable.userConfig).insert({ user_id: userId, updated_at: now }).onConflict('user_id').ignore();
    const count = await knex(TfaTable.userConfig)
      .where('user_id', userId)
      .andWhere((q) => q.whereNull('tfat_sent_at').orWhere('tfat_sent_at', '<=', now - minGapMs))
      .update({ tfat_sent_at: now, updated_at: now });
    return count === 1;
  }
}
