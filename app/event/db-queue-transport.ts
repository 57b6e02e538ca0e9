import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { Database } from '../db/database';
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

  async publish(messages: QueueMessage[]): Promise<void> {
    if (!messages.length) return;
    const now = new Date().toISOString();
    const bodies = new Map<string, QueueMessage>();
    for (const message of messages) bodies.set(message.id, message);
    // Unique keys on queue_message.id and (message_id, consumer) turn a second publish of the same message into a no-op.
    await this.db.knex.transaction(async (trx) => {
      for (const chunk of chunks([...bodies.values()], 100)) {
        await trx(QUEUE_MESSAGE_TABLE)
          .insert(chunk.map((m) => ({ id: m.id, event_name: m.event, payload: JSON.stringify(m.payload ?? null), created_at: m.createdAt })))
          .onConflict('id')
          .ignore();
      }
      for (const chunk of chunks(messages, 100)) {
        await trx(QUEUE_MESSAGE_STATUS_TABLE)
          .insert(chunk.map((m) => ({ message_id: m.id, consumer: m.consumer, status: 'new', attempts: 0, available_at: 0, updated_at: now })))
          .onConflict(['message_id', 'consumer'])
          .ignore();
      }
    });
  }

  async consume(consumers: ConsumerBinding[], handler: MessageHandler, options: ConsumeOptions = {}): Promise<number> {
    const names = [...new Set(consumers.map((c) => c.name))];
    if (!names.length) return 0;
    const limit = messageLimit(options);
    let processed = 0;
    while (!options.signal?.aborted && processed < limit) {
      const token = crypto.randomUUID();
      const batch = await this.claim(names, token, Math.min(this.batchSize, limit - processed));
      if (!batch.length) {
        if (options.stopWhenEmpty) break;
        await abortableSleep(this.pollIntervalMs, options.signal);
        continue;
      }
      let started = 0;
      for (const row of batch) {
        if (options.signal?.aborted || processed >= limit) break;
        started++;
        if (await this.deliver(row, token, handler)) processed++;
      }
      if (started < batch.length) await this.release(token);
    }
    return processed;
  }

  async close(): Promise<void> {
    // The connection belongs to the application's Database, which closes it.
  }

  /** Claims up to `limit` messages for `token`: new ones that are due, and in-progress ones whose claim expired. */
  private async claim(consumers: string[], token: string, limit: number): Promise<ClaimedRow[]> {
    const knex = this.db.knex;
    const now = Date.now();
    const claimable = (qb: Knex.QueryBuilder) =>
      qb
        .whereIn('consumer', consumers)
        .andWhere((q) =>
          q
            .where((n) => n.where('status', 'new').andWhere('available_at', '<=', now))
            .orWhere((p) => p.where('status', 'in_progress').andWhere('locked_until', '<', now)),
        );
    const candidates: Array<{ id: number }> = await knex(QUEUE_MESSAGE_STATUS_TABLE).select('id').modify(claimable).orderBy('id').limit(limit);
    if (!candidates.length) return [];
    await knex(QUEUE_MESSAGE_STATUS_TABLE)
      .whereIn('id', candidates.map((c) => c.id))
      .modify(claimable)
      .update({
        status: 'in_progress',
        locked_by: token,
        locked_until: now + this.lockTtlMs,
        attempts: knex.raw('?? + 1', ['attempts']),
        updated_at: new Date(now).toISOString(),
      });
    const rows: ClaimedRow[] = await knex(`${QUEUE_MESSAGE_STATUS_TABLE} as s`)
      .join(`${QUEUE_MESSAGE_TABLE} as m`, 'm.id', 's.message_id')
      .where('s.locked_by', token)
      .andWhere('s.status', 'in_progress')
      .orderBy('s.id')
      .select('s.id as status_id', 's.attempts', 's.consumer', 's.message_id', 'm.event_name', 'm.payload', 'm.created_at');
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
  private async deliver(row: ClaimedRow, token: string, handler: MessageHandler): Promise<boolean> {
    try {
      const message: QueueMessage = {
        id: row.message_id,
        event: row.event_name,
        payload: JSON.parse(row.payload),
        consumer: row.consumer,
        createdAt: row.created_at,
      };
      await deliverOnce(this.db, message, handler, async (trx) => {
        const done = await trx(QUEUE_MESSAGE_STATUS_TABLE)
          .where({ id: row.status_id, locked_by: token })
          .update({ status: 'complete', locked_by: null, locked_until: null, last_error: null, updated_at: new Date().toISOString() });
        if (!done) {
          throw new KernelError(`Lost the claim on message ${message.id} for ${message.consumer}: its lock expired while the handler ran`, 'QUEUE_CLAIM_LOST');
        }
      });
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
    await this.db.knex(QUEUE_MESSAGE_STATUS_TABLE)
      .where({ id: statusId, locked_by: token })
      .update({ ...changes, locked_by: null, locked_until: null, updated_at: new Date().toISOString() });
  }

  /** Hands back what a stopping consumer claimed but did not start: those claims were not attempts. */
  private async release(token: string): Promise<void> {
    const knex = this.db.knex;
    await knex(QUEUE_MESSAGE_STATUS_TABLE)
      .where({ locked_by: token, status: 'in_progress' })
      .update({ status: 'new', locked_by: null, locked_until: null, attempts: knex.raw('?? - 1', ['attempts']), updated_at: new Date().toISOString() });
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
