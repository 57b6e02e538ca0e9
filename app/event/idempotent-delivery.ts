import type { Knex } from 'knex';
import type { Database } from '../db/database';
import { isDuplicateKeyError } from './duplicate-key';
import type { MessageHandler, QueueMessage } from './queue-transport';

/** (consumer, message_id) pairs already processed: the consumer side of at-least-once delivery. */
export const PROCESSED_TABLE = 'queue_consumer_processed';

export type DeliveryOutcome = 'processed' | 'duplicate';

export interface DeliveryOptions {
  /** False: the handler runs outside any transaction, and the record is written after it (see deliverOnce). Default true. */
  transaction?: boolean;
}

/**
 * Runs `handler` for a message in a transaction that also records the (consumer, message id) pair; a pair already recorded
 * means an earlier delivery committed, so the handler is skipped and the caller acks as usual. `finish` runs in the same
 * transaction after the handler (the database queue marks the message complete there).
 *
 * The record is inserted before the handler runs: a concurrent duplicate then waits on the key (InnoDB) or on the write
 * lock (SQLite) instead of doing the work twice, and fails on the key once the first one commits.
 *
 * With `transaction: false` (consumers whose work is an effect outside the database: mail, webhooks), the handler runs outside
 * any transaction, after a check that the pair is not recorded yet, and the record (with `finish`) is committed once it
 * succeeded. Holding a transaction across a mail server's or a disk's answer would hold a pooled connection and its locks
 * meanwhile, and on SQLite the only connection and the database's write lock: every other request would wait. The record
 * then guards against redelivery after success, not against a crash between the effect and the record, which repeats the
 * effect: at-least-once, as for any effect a database transaction cannot roll back. The transport's claim (the database
 * queue's lock, AMQP's unacked delivery) keeps two consumers from running the same message at once.
 */
export async function deliverOnce(
  db: Database,
  message: QueueMessage,
  handler: MessageHandler,
  finish?: (trx: Knex.Transaction) => Promise<void>,
  options: DeliveryOptions = {},
): Promise<DeliveryOutcome> {
  if (options.transaction === false) {
    const seen = await db.select(`SELECT 1 AS seen FROM ${PROCESSED_TABLE} WHERE consumer = ? AND message_id = ?`, [message.consumer, message.id]);
    if (!seen.length) await handler(message, undefined);
    return db.transaction(async (trx) => {
      const fresh = !seen.length && (await recordProcessed(db, message));
      if (finish) await finish(trx);
      return fresh ? 'processed' : 'duplicate';
    });
  }
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
