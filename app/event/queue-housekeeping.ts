import type { Knex } from 'knex';
import { QUEUE_MESSAGE_STATUS_TABLE, QUEUE_MESSAGE_TABLE } from './db-queue-transport';
import { OUTBOX_TABLE } from './event-bus';
import { PROCESSED_TABLE } from './idempotent-delivery';

export interface QueueCleanResult {
  /** Outbox rows published before the cutoff. */
  outbox: number;
  /** Database-queue messages created before the cutoff and completed by every consumer (failed ones are kept for inspection). */
  messages: number;
  /** Consumers' processed-message records older than the cutoff. */
  processed: number;
}

const BATCH = 500;

/**
 * Deletes what the queue no longer needs, older than `olderThan`: published outbox rows, database-queue messages every consumer
 * completed (messages with a failed or pending delivery stay), and the processed-message records that make consumers idempotent.
 * A processed record only matters while its message can still be redelivered (minutes: a lock or ack timeout), so a retention of
 * days keeps exactly-once effects. Deletes in small batches, each its own statement, so a large backlog never holds long locks.
 */
export async function cleanQueueTables(
  knex: Knex,
  olderThan: Date,
  onProgress?: (part: keyof QueueCleanResult, deleted: number, total: number) => void,
): Promise<QueueCleanResult> {
  const cutoff = olderThan.toISOString();
  const result: QueueCleanResult = { outbox: 0, messages: 0, processed: 0 };

  const oldOutbox = () => knex(OUTBOX_TABLE).whereNotNull('published_at').andWhere('published_at', '<', cutoff);
  const outboxTotal = await count(oldOutbox());
  result.outbox = await inBatches(
    () => oldOutbox().limit(BATCH).pluck('id'),
    (ids) => knex(OUTBOX_TABLE).whereIn('id', ids).whereNotNull('published_at').delete(),
    (n) => onProgress?.('outbox', n, outboxTotal),
  );

  // Messages every consumer completed, created before the cutoff.
  const oldMessages = (conn: Knex = knex) =>
    conn({ m: QUEUE_MESSAGE_TABLE })
      .where('m.created_at', '<', cutoff)
      .whereNotExists((q) => q.select(conn.raw('1')).from({ s: QUEUE_MESSAGE_STATUS_TABLE }).whereRaw('?? = ??', ['s.message_id', 'm.id']).andWhereNot('s.status', 'complete'));
  const messagesTotal = await count(oldMessages());
  result.messages = await inBatches(
    () => oldMessages().limit(BATCH).pluck('m.id'),
    async (ids) => {
      // Status rows first (SQLite only cascades with foreign_keys on), then the messages still fully complete.
      return knex.transaction(async (trx): Promise<number> => {
        // Checked again in the transaction: a message redelivered meanwhile is no longer complete and stays.
        const done = (await oldMessages(trx).whereIn('m.id', ids).pluck('m.id')) as string[];
        if (!done.length) return 0;
        await trx(QUEUE_MESSAGE_STATUS_TABLE).whereIn('message_id', done).delete();
        return Number(await trx(QUEUE_MESSAGE_TABLE).whereIn('id', done).delete());
      });
    },
    (n) => onProgress?.('messages', n, messagesTotal),
  );

  const oldProcessed = () => knex(PROCESSED_TABLE).where('processed_at', '<', cutoff);
  const processedTotal = await count(oldProcessed());
  result.processed = await inBatches(
    () => oldProcessed().limit(BATCH).select('consumer', 'message_id'),
    (rows: Array<{ consumer: string; message_id: string }>) =>
      knex(PROCESSED_TABLE)
        .whereIn(['consumer', 'message_id'], rows.map((r) => [r.consumer, r.message_id]))
        .andWhere('processed_at', '<', cutoff)
        .delete(),
    (n) => onProgress?.('processed', n, processedTotal),
  );
  return result;
}

async function count(query: Knex.QueryBuilder): Promise<number> {
  const row = (await query.count({ n: '*' }).first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}

async function inBatches<T>(select: () => Promise<T[]>, remove: (batch: T[]) => Promise<number>, progress: (deleted: number) => void): Promise<number> {
  let total = 0;
  for (;;) {
    const batch = await select();
    if (!batch.length) return total;
    const deleted = await remove(batch);
    total += deleted;
    progress(total);
    // Rows that matched but could not be deleted (changed meanwhile) would be selected again forever.
    if (deleted === 0) return total;
    if (batch.length < BATCH) return total;
  }
}
