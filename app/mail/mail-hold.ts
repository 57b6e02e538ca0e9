import type { Database } from '../db/database';
import type { Migration } from '../module/manifest';

export const MailHoldTable = {
  /** One row (id 1): whether outgoing mail is held, why and since when. */
  switch: 'mail_hold_switch',
  /** Messages the consumer received while mail was held, still sealed, in arrival order. */
  held: 'mail_held',
} as const;

export interface MailHoldState {
  held: boolean;
  reason: string | null;
  since: string | null;
}

interface SwitchRow {
  held: number | boolean;
  reason: string | null;
  since: string | null;
}

/**
 * The pause switch on outgoing mail (IR-01: during a lockdown, mail carrying customer data must not leave). The switch lives
 * in the database, so every process's mail consumer obeys it on its very next message; a held message is parked, still
 * encrypted, in mail_held, and goes back to the queue when the switch is released: held, never lost (at least once, as any
 * sending: see park).
 */
export class MailHold {
  constructor(private readonly db: Database) {}

  /**
   * The switch as the current transaction (or the pool, outside one) sees it. The mail consumer reads it before every message:
   * written-out SQL through db.select, straight on SQLite's connection.
   */
  async state(): Promise<MailHoldState> {
    const [row] = await this.db.select<SwitchRow>(`SELECT held, reason, since FROM ${MailHoldTable.switch} WHERE id = ?`, [1]);
    return { held: !!row && !!Number(row.held), reason: row?.reason ?? null, since: row?.since ?? null };
  }

  async hold(reason: string, now = new Date()): Promise<void> {
    await this.db.conn()(MailHoldTable.switch).where({ id: 1 }).update({ held: 1, reason: reason.slice(0, 255), since: now.toISOString() });
  }

  /** Releases the switch and hands each parked message to `requeue` (in the same transaction), oldest first; returns how many. */
  async release(requeue: (sealed: string) => Promise<void>): Promise<number> {
    return this.db.transaction(async (trx) => {
      await trx(MailHoldTable.switch).where({ id: 1 }).update({ held: 0, reason: null, since: null });
      const rows = (await trx(MailHoldTable.held).select('id', 'sealed').orderBy('id', 'asc')) as Array<{ id: number; sealed: string }>;
      for (const row of rows) await requeue(row.sealed);
      if (rows.length) await trx(MailHoldTable.held).whereIn('id', rows.map((r) => r.id)).delete();
      return rows.length;
    });
  }

  /**
   * Parks a message. The sending consumer runs outside a transaction (it waits on the mail server), so a crash between the
   * park and its delivery record parks the message again when it is redelivered: at-least-once, as sending is.
   */
  async park(sealed: string): Promise<void> {
    await this.db.insert(MailHoldTable.held, { sealed, held_at: new Date().toISOString() });
  }

  async count(): Promise<number> {
    const row = (await this.db.conn()(MailHoldTable.held).count({ n: '*' }).first()) as { n: number | string } | undefined;
    return Number(row?.n ?? 0);
  }
}

export const mailHoldMigrations: Migration[] = [
  {
    name: '0007_mail_hold',
    up: async (knex) => {
      await knex.schema.createTable(MailHoldTable.switch, (t) => {
        t.integer('id').unsigned().primary();
        t.boolean('held').notNullable().defaultTo(false);
        t.string('reason', 255).nullable();
        t.string('since', 32).nullable();
      });
      await knex(MailHoldTable.switch).insert({ id: 1, held: false, reason: null, since: null });
      await knex.schema.createTable(MailHoldTable.held, (t) => {
        t.increments('id').primary();
        t.text('sealed').notNullable();
        t.string('held_at', 32).notNullable();
      });
    },
    down: async (knex) => {
      await knex.schema.dropTableIfExists(MailHoldTable.held);
      await knex.schema.dropTableIfExists(MailHoldTable.switch);
    },
  },
];
