import crypto from 'node:crypto';
import type { Database } from '../db/database';
import { placeholders, sqlLimit } from '../db/sql-text';
import { KernelError } from '../kernel/errors';
import type { Logger } from '../log/logger';
import { abortableSleep } from './abortable-sleep';
import { deliverOnce } from './idempotent-delivery';
import { messageLimit, type ConsumeOptions, type ConsumerBinding, type MessageHandler, type QueueMessage, type QueueTransport } from './queue-transport';

/** Magento's MySQL queue: one row per message, one status row per (message, consumer). */
export const QUEUE_MESSAGE_TABLE = 'queue_message';
export const QUEUE_MESSAGE_STATUS_TABLE = 'queue_message_status';

export type QueueMessageStatus = 'new' | 'in_progress' | 'complete' | 'error';

export interface DbQueueOptions {
  /** How long a claim holds a message; a consumer that died mid-message frees it when this runs out. Default 5 min. */
  lockTtlMs?: number;
  /** Deliveries before a failing message is parked with status `error`. Default 5. */
  maxAttempts?: number;
  /** First retry delay, doubled on each further failure (capped at 5 minutes). Default 1 s. */
  retryDelayMs?: number;
  /** How often an idle consumer looks for new messages. Default 1 s. */
  pollIntervalMs?: number;
  /** Messages claimed per round trip. Default 10. */
  batchSize?: number;
}

interface ClaimedRow {
  status_id: number;
  attempts: number;
  consumer: string;
  message_id: string;
  event_name: string;
  payload: string;
  created_at: string;
}

const MAX_RETRY_DELAY_MS = 5 * 60_000;
const MAX_ERROR_LENGTH = 2000;

/**
 * Consumer loops of this process waiting for work, per database, whichever transport instance they use: a publish committed
 * by this process wakes them, instead of leaving them to their poll interval (other processes publish too, hence the poll).
 * An in-process consumer (a server's) then picks up what the relay just moved; an order's confirmation email takes two hops.
 */
const waitingConsumers = new WeakMap<Database, Set<() => void>>();

function waitingFor(db: Database): Set<() => void> {
  let waiting = waitingConsumers.get(db);
  if (!waiting) waitingConsumers.set(db, (waiting = new Set()));
  return waiting;
}

/**
 * The default transport. Claiming is a compare-and-set UPDATE on explicit ids (the claimable condition is re-checked by
 * the UPDATE itself), so two consumers never both win a row, on SQLite (serialized writes) as on MariaDB (row locks),
 * without `SELECT … FOR UPDATE SKIP LOCKED`, which SQLite lacks.
 */
export class DbQueueTransport implements QueueTransport {
  readonly name = 'db' as const;
  private readonly lockTtlMs: number;
  private readonly maxAttempts: number;
  private readonly retryDelayMs: number;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    options: DbQueueOptions = {},
  ) {
    this.lockTtlMs = options.lockTtlMs ?? 5 * 60_000;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 5);
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.batchSize = Math.max(1, options.batchSize ?? 10);
  }

  readonly inDatabase = true;

  /**
   * Both inserts in one transaction, the Database's: its statements run straight on the SQLite connection it holds, whereas
   * inside a transaction opened with knex directly (which the Database does not track) they would wait for that very
   * connection. Called inside a transaction (the relay publishes in the one that marks its rows published), the inserts join
   * it, and the caller's rollback undoes them.
   */
  async publish(messages: QueueMessage[]): Promise<void> {
    if (!messages.length) return;
    const now = new Date().toISOString();
    const bodies = new Map<string, QueueMessage>();
    for (const message of messages) bodies.set(message.id, message);
    // Unique keys on queue_message.id and (message_id, consumer) turn a second publish of the same message into a no-op.
    const insert = async () => {
      for (const chunk of chunks([...bodies.values()], 100)) {
        await this.insertIgnoringDuplicates(
          QUEUE_MESSAGE_TABLE,
          ['id', 'event_name', 'payload', 'created_at'],
          ['id'],
          chunk.map((m) => [m.id, m.event, JSON.stringify(m.payload ?? null), m.createdAt]),
        );
      }
      for (const chunk of chunks(messages, 100)) {
        await this.insertIgnoringDuplicates(
          QUEUE_MESSAGE_STATUS_TABLE,
          ['message_id', 'consumer', 'status', 'attempts', 'available_at', 'updated_at'],
          ['message_id', 'consumer'],
          chunk.map((m) => [m.id, m.consumer, 'new', 0, 0, now]),
        );
      }
    };
    if (this.db.inTransaction()) await insert();
    else await this.db.transaction(insert);
    // Consumer loops of this process waiting for work take it as soon as it is committed, not at their next poll.
    this.db.afterCommit(() => {
      for (const wake of [...waitingFor(this.db)]) wake();
    });
  }

  /**
   * A multi-row INSERT that skips rows whose key already exists, as knex's `onConflict(key).ignore()` wrote it: SQLite's
   * `ON CONFLICT (key) DO NOTHING`, MySQL's `INSERT IGNORE` (the dialects have no common syntax for it).
   */
  private async insertIgnoringDuplicates(table: string, columns: string[], key: string[], rows: unknown[][]): Promise<void> {
    const values = rows.map((row) => `(${placeholders(row.length)})`).join(', ');
    const sql =
      this.db.client === 'sqlite'
        ? `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values} ON CONFLICT (${key.join(', ')}) DO NOTHING`
        : `INSERT IGNORE INTO ${table} (${columns.join(', ')}) VALUES ${values}`;
    await this.db.execute(sql, rows.flat());
  }

  async consume(consumers: ConsumerBinding[], handler: MessageHandler, options: ConsumeOptions = {}): Promise<number> {
    const names = [...new Set(consumers.map((c) => c.name))];
    if (!names.length) return 0;
    const outsideTransaction = new Set(consumers.filter((c) => c.transaction === false).map((c) => c.name));
    const limit = messageLimit(options);
    let processed = 0;
    while (!options.signal?.aborted && processed < limit) {
      const token = crypto.randomUUID();
      const batch = await this.claim(names, token, Math.min(this.batchSize, limit - processed));
      if (!batch.length) {
        if (options.stopWhenEmpty) break;
        await abortableSleep(this.pollIntervalMs, options.signal, waitingFor(this.db));
        continue;
      }
      let started = 0;
      for (const row of batch) {
        if (options.signal?.aborted || processed >= limit) break;
        started++;
        if (await this.deliver(row, token, handler, !outsideTransaction.has(row.consumer))) processed++;
      }
      if (started < batch.length) await this.release(token);
    }
    return processed;
  }

  async close(): Promise<void> {
    // The connection belongs to the application's Database, which closes it.
  }

  /**
   * Claims up to `limit` messages for `token`: new ones that are due, and in-progress ones whose claim expired. Written-out
   * SQL through the Database's helpers (straight on SQLite's connection when it is idle), as every delivery starts here. The
   * consumer loop runs outside any transaction: each statement commits by itself, so a claim is visible to other consumers
   * at once.
   */
  private async claim(consumers: string[], token: string, limit: number): Promise<ClaimedRow[]> {
    const now = Date.now();
    const inConsumers = `consumer IN (${placeholders(consumers.length)})`;
    const due = 'status = ? AND available_at <= ?';
    const expired = 'status = ? AND locked_until < ?';
    const claimable = `${inConsumers} AND ((${due}) OR (${expired}))`;
    const claimableBindings = [...consumers, 'new', now, 'in_progress', now];
    // Two index seeks (consumer, status, available_at) rather than the OR above: with it the planner could use the index
    // for the consumer only and read every message the consumers ever had (64 µs at 1,700 rows, growing with the table).
    const candidates = await this.db.select<{ id: number }>(
      `SELECT id FROM ${QUEUE_MESSAGE_STATUS_TABLE} WHERE ${inConsumers} AND ${due} ` +
        `UNION ALL SELECT id FROM ${QUEUE_MESSAGE_STATUS_TABLE} WHERE ${inConsumers} AND ${expired} ORDER BY id ${sqlLimit(limit)}`,
      [...consumers, 'new', now, ...consumers, 'in_progress', now],
    );
    if (!candidates.length) return [];
    const ids = candidates.map((c) => c.id);
    const claimed = await this.db.execute(
      `UPDATE ${QUEUE_MESSAGE_STATUS_TABLE} SET status = ?, locked_by = ?, locked_until = ?, attempts = attempts + 1, updated_at = ? ` +
        `WHERE id IN (${placeholders(ids.length)}) AND ${claimable}`,
      ['in_progress', token, now + this.lockTtlMs, new Date(now).toISOString(), ...ids, ...claimableBindings],
    );
    // Another consumer claimed them all in between: no row carries this fresh token.
    if (!claimed.changes) return [];
    const rows = await this.db.select<ClaimedRow>(
      `SELECT s.id AS status_id, s.attempts, s.consumer, s.message_id, m.event_name, m.payload, m.created_at ` +
        `FROM ${QUEUE_MESSAGE_STATUS_TABLE} s JOIN ${QUEUE_MESSAGE_TABLE} m ON m.id = s.message_id ` +
        `WHERE s.locked_by = ? AND s.status = ? ORDER BY s.id`,
      [token, 'in_progress'],
    );
    const deliverable: ClaimedRow[] = [];
    for (const row of rows) {
      // A claim counts as an attempt, so a message whose handler kills the process every time stops being retried too.
      if (Number(row.attempts) > this.maxAttempts) {
        await this.settle(row.status_id, token, { status: 'error', last_error: `Gave up after ${this.maxAttempts} attempts: the consumer stopped before finishing (lock expired)` });
        this.logger.error({ consumer: row.consumer, messageId: row.message_id }, 'queue message parked in error: its claim kept expiring');
      } else deliverable.push(row);
    }
    return deliverable;
  }

  /** Runs one message; returns true when it was processed (or found already processed). */
  private async deliver(row: ClaimedRow, token: string, handler: MessageHandler, transaction: boolean): Promise<boolean> {
    try {
      const message: QueueMessage = {
        id: row.message_id,
        event: row.event_name,
        payload: JSON.parse(row.payload),
        consumer: row.consumer,
        createdAt: row.created_at,
      };
      // `finish` runs in deliverOnce's transaction (the Database's), which the update joins.
      const finish = async () => {
        const done = await this.db.update(
          QUEUE_MESSAGE_STATUS_TABLE,
          { status: 'complete', locked_by: null, locked_until: null, last_error: null, updated_at: new Date().toISOString() },
          { id: row.status_id, locked_by: token },
        );
        if (!done) {
          throw new KernelError(`Lost the claim on message ${message.id} for ${message.consumer}: its lock expired while the handler ran`, 'QUEUE_CLAIM_LOST');
        }
      };
      await deliverOnce(this.db, message, handler, finish, { transaction });
      return true;
    } catch (err) {
      await this.fail(row, token, err);
      return false;
    }
  }

  private async fail(row: ClaimedRow, token: string, err: unknown): Promise<void> {
    const attempts = Number(row.attempts);
    const error = errorText(err);
    if ((err as KernelError).code === 'QUEUE_CLAIM_LOST') {
      // Whoever holds the claim now delivers it; the idempotency record keeps that to one effect.
      this.logger.warn({ consumer: row.consumer, messageId: row.message_id }, error);
      return;
    }
    if (attempts >= this.maxAttempts) {
      await this.settle(row.status_id, token, { status: 'error', last_error: error });
      this.logger.error({ err, consumer: row.consumer, messageId: row.message_id, attempts }, 'queue message failed for good');
      return;
    }
    const delay = Math.min(this.retryDelayMs * 2 ** (attempts - 1), MAX_RETRY_DELAY_MS);
    await this.settle(row.status_id, token, { status: 'new', available_at: Date.now() + delay, last_error: error });
    this.logger.warn({ err, consumer: row.consumer, messageId: row.message_id, attempts, retryInMs: delay }, 'queue message failed, will retry');
  }

  private async settle(statusId: number, token: string, changes: { status: QueueMessageStatus; last_error: string; available_at?: number }): Promise<void> {
    await this.db.update(QUEUE_MESSAGE_STATUS_TABLE, { ...changes, locked_by: null, locked_until: null, updated_at: new Date().toISOString() }, { id: statusId, locked_by: token });
  }

  /** Hands back what a stopping consumer claimed but did not start: those claims were not attempts. */
  private async release(token: string): Promise<void> {
    await this.db.execute(
      `UPDATE ${QUEUE_MESSAGE_STATUS_TABLE} SET status = ?, locked_by = NULL, locked_until = NULL, attempts = attempts - 1, updated_at = ? ` +
        `WHERE locked_by = ? AND status = ?`,
      ['new', new Date().toISOString(), token, 'in_progress'],
    );
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function errorText(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.length > MAX_ERROR_LENGTH ? text.slice(0, MAX_ERROR_LENGTH) : text;
}
