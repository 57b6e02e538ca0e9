import { inject, injectable } from 'inversify';
import { Kernel, type Database } from '../../../app';
import { TfaTable } from './tfa-tables';

export interface WebauthnCredentialRow {
  id: number;
  user_id: number;
  credential_id: string;
  public_key: string;
  counter: number | string;
  transports: string | null;
}

export type ChallengePurpose = 'register' | 'authenticate';

/** Registered authenticators and the pending challenges (kept in the database so any process can finish a ceremony). */
@injectable()
export class WebauthnRepository {
  constructor(@inject(Kernel.Database) private readonly db: Database) {}

  async credentials(userId: number): Promise<WebauthnCredentialRow[]> {
    return this.db.conn()(TfaTable.webauthnCredential).where('user_id', userId).orderBy('id');
  }

  async addCredential(row: { user_id: number; credential_id: string; public_key: string; counter: number; transports: string | null; created_at: number }): Promise<void> {
    await this.db.conn()(TfaTable.webauthnCredential).insert({ ...row, last_used_at: null });
  }

  /** Moves the signature counter forward only (a cloned authenticator replays an old counter). */
  async advanceCounter(id: number, from: number, to: number, now: number): Promise<boolean> {
    const count = await this.db.conn()(TfaTable.webauthnCredential).where({ id, counter: from }).update({ counter: to, last_used_at: now });
    return count === 1;
  }

  async deleteCredentials(userId: number): Promise<void> {
    await this.db.conn()(TfaTable.webauthnCredential).where('user_id', userId).delete();
  }

  async saveChallenge(userId: number, purpose: ChallengePurpose, challenge: string, expiresAt: number): Promise<void> {
    const knex = this.db.conn();
    await knex(TfaTable.webauthnChallenge).where({ user_id: userId, purpose }).delete();
    await knex(TfaTable.webauthnChallenge).insert({ user_id: userId, purpose, challenge, expires_at: expiresAt });
  }

  /** The pending challenge, removed so it can serve one ceremony only; undefined when absent or expired. */
  async takeChallenge(userId: number, purpose: ChallengePurpose, now: number): Promise<string | undefined> {
    const knex = this.db.conn();
    const row = await knex(TfaTable.webauthnChallenge).where({ user_id: userId, purpose }).first();
    if (!row) return undefined;
    const deleted = await knex(TfaTable.webauthnChallenge).where({ user_id: userId, purpose, challenge: row.challenge }).delete();
    return deleted === 1 && Number(row.expires_at) > now ? row.challenge : undefined;
  }
}
