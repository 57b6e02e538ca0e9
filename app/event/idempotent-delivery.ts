import type { Knex } from 'knex';
import type { Database } from '../db/database';
import { isDuplicateKeyError } from './duplicate-key';
import type { MessageHandler, QueueMessage } from './queue-transport';

/** (consumer, message_id) pairs already processed: the consumer side of at-least-once delivery. */
export const PROCESSED_TABLE = 'queue_consumer_processed';

export type DeliveryOutcome = 'processed' | 'duplicate';

/**
 * Runs `handler` for a message in a transaction that also records the (consumer, message id) pair; a pair already recorded
 * means an earlier delivery committed, so the handler is skipped and the caller acks as usual. `finish` runs in the same
 * transaction after the handler (the database queue marks the message complete there).
 *
 * The record is inserted before the handler runs: a concurrent duplicate then waits on the key (InnoDB) or on the write
 * lock (SQLite) instead of doing the work twice, and fails on the key once the first one commits.
 */
export async function deliverOnce(
  db: Database,
  message: QueueMessage,
  handler: MessageHandler,
  finish?: (trx: Knex.Transaction) => Promise<void>,
): Promise<DeliveryOutcome> {
  return db.transaction(async (trx) => {
    const fresh = await recordProcessed(db, message);
    if (fresh) await handler(message, trx);
    if (finish) await finish(trx);
    return fresh ? 'processed' : 'duplicate';
  });
}

/** Inserts the record in the current transaction (db.insert joins the Database's transaction, here deliverOnce's). */
async function recordProcessed(db: Database, message: QueueMessage): Promise<boolean> {
  try {
    await db.insert(PROCESSED_TABLE, { consumer: message.consumer, message_id: message.id, processed_at: new Date().toISOString() });
    return true;
  } catch (err) {
    // A failed statement leaves the transaction usable on both SQLite and MariaDB, so the skip can still commit `finish`.
    if (isDuplicateKeyError(err)) return false;
    throw err;
  }
}
