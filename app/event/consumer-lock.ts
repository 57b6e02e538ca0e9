import crypto from 'node:crypto';
import os from 'node:os';
import type { Database } from '../db/database';
import { KernelError } from '../kernel/errors';
import type { Logger } from '../log/logger';
import { isDuplicateKeyError } from './duplicate-key';

/** One row per consumer running with --single-thread: who holds it and until when (renewed while it runs). */
export const CONSUMER_LOCK_TABLE = 'queue_consumer_lock';

export interface ConsumerLockOptions {
  /** A holder that stops renewing (killed, frozen) loses the lock after this long. Default 30 s. */
  ttlMs?: number;
  /** Called when a renewal finds the lock taken over or fails: the holder should stop consuming. */
  onLost?: (consumer: string) => void;
}

/**
 * Magento's `queue:consumers:start --single-thread`: at most one process runs a given consumer. The lock lives in the
 * database rather than in a file so that it holds across machines; it expires unless renewed, so a killed consumer does
 * not block its successor for longer than the TTL.
 */
export class ConsumerLock {
  private timer?: NodeJS.Timeout;
  private released = false;

  private constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly owner: string,
    private readonly consumers: string[],
    private readonly ttlMs: number,
    private readonly onLost?: (consumer: string) => void,
  ) {}

  /** Takes the lock of every named consumer or none; throws naming the first consumer already running elsewhere. */
  static async acquire(db: Database, logger: Logger, consumers: string[], options: ConsumerLockOptions = {}): Promise<ConsumerLock> {
    const ttlMs = options.ttlMs ?? 30_000;
    const owner = `${os.hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`.slice(0, 128);
    const taken: string[] = [];
    const lock = new ConsumerLock(db, logger, owner, taken, ttlMs, options.onLost);
    for (const consumer of [...new Set(consumers)]) {
      if (!(await tryTake(db, consumer, owner, ttlMs))) {
        await lock.release();
        throw new KernelError(`Consumer ${consumer} is already running in another process (--single-thread)`, 'QUEUE_CONSUMER_LOCKED');
      }
      taken.push(consumer);
    }
    lock.timer = setInterval(() => void lock.renew(), Math.max(10, Math.floor(ttlMs / 3)));
    lock.timer.unref();
    return lock;
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    if (this.timer) clearInterval(this.timer);
    if (!this.consumers.length) return;
    await this.db.knex(CONSUMER_LOCK_TABLE).whereIn('consumer', this.consumers).andWhere({ owner: this.owner }).delete();
  }

  private async renew(): Promise<void> {
    if (this.released) return;
    for (const consumer of this.consumers) {
      try {
        const kept = await this.db.knex(CONSUMER_LOCK_TABLE).where({ consumer, owner: this.owner }).update({ expires_at: Date.now() + this.ttlMs });
        if (!kept) throw new KernelError(`another process took over the lock of ${consumer}`, 'QUEUE_CONSUMER_LOCKED');
      } catch (err) {
        this.logger.error({ err, consumer }, 'lost the --single-thread lock of a consumer; stopping it');
        this.onLost?.(consumer);
      }
    }
  }
}

async function tryTake(db: Database, consumer: string, owner: string, ttlMs: number): Promise<boolean> {
  const now = Date.now();
  try {
    await db.knex(CONSUMER_LOCK_TABLE).insert({ consumer, owner, expires_at: now + ttlMs });
    return true;
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
  // The row exists: take it over only if its holder stopped renewing; the WHERE makes the takeover a compare-and-set.
  const taken = await db.knex(CONSUMER_LOCK_TABLE).where({ consumer }).andWhere('expires_at', '<', now).update({ owner, expires_at: now + ttlMs });
  return taken > 0;
}
