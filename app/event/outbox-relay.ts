import crypto from 'node:crypto';
import type { Database } from '../db/database';
import { placeholders, sqlLimit } from '../db/sql-text';
import type { Application } from '../kernel/application';
import { Kernel } from '../kernel/tokens';
import type { Logger } from '../log/logger';
import { OUTBOX_TABLE, type EventBus } from './event-bus';
import type { ObserverRegistry } from './observer-registry';
import type { QueueMessage, QueueTransport } from './queue-transport';

export interface OutboxRelayOptions {
  /** Outbox rows claimed and published per round trip. Default 100. */
  batchSize?: number;
  /** How often to look for rows nobody published (a process died between commit and publish). Default 5 s; 0 disables. */
  pollIntervalMs?: number;
  /** How long a claim keeps other relays off a row; a relay that died mid-publish frees its rows when it runs out. Default 60 s. */
  claimTtlMs?: number;
  /**
   * How long a kick waits for more commits before publishing, so that a busy server publishes several rows per batch (one
   * transaction for ten orders' events rather than ten). Default 10 ms; 0 publishes at once.
   */
  coalesceMs?: number;
}

interface OutboxRow {
  id: string;
  event_name: string;
  payload: string;
  created_at: string;
}

const relays = new WeakMap<Application, OutboxRelay>();

/** Rows nobody published and nobody holds a live claim on; binds the current time (epoch ms). */
const CLAIMABLE = 'published_at IS NULL AND (claim_expires_at IS NULL OR claim_expires_at < ?)';

/**
 * Moves committed outbox rows to the queue transport, one message per async observer of the event. Kicked right after a
 * commit that wrote outbox rows, and on a timer for rows left behind by a crash. Rows are claimed (compare-and-set on
 * `claimed_by`/`claim_expires_at`) so relays in several processes do not publish the same row; when a claim expires
 * mid-publish the row can go out twice, which the consumers' idempotency record absorbs. For the database queue, whose
 * publish is a pair of idempotent inserts in the same database, there is no claim: one transaction reads, publishes and marks
 * the rows (publishBatchInTransaction).
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly claimTtlMs: number;
  private timer?: NodeJS.Timeout;
  private readonly coalesceMs: number;
  /** A kick waiting out coalesceMs. */
  private delayed?: NodeJS.Timeout;
  private running?: Promise<void>;
  private rerun = false;
  private stopped = false;
  private unsubscribe?: () => void;

  constructor(
    private readonly db: Database,
    private readonly observers: ObserverRegistry,
    private readonly transport: QueueTransport,
    private readonly logger: Logger,
    options: OutboxRelayOptions = {},
  ) {
    this.batchSize = Math.max(1, options.batchSize ?? 100);
    this.pollIntervalMs = options.pollIntervalMs ?? 5000;
    this.claimTtlMs = options.claimTtlMs ?? 60_000;
    this.coalesceMs = options.coalesceMs ?? 10;
  }

  /**
   * The application's relay, created and started on first call (or after the previous one was stopped): subscribed to
   * its event bus, polling, and stopped by app.close() (before the transport closes: close hooks run last registered first).
   */
  static attach(app: Application, options: OutboxRelayOptions = {}): OutboxRelay {
    const existing = relays.get(app);
    if (existing && !existing.stopped) return existing;
    const relay = new OutboxRelay(app.db, app.events.observers, app.get(Kernel.QueueTransport), app.logger, options);
    relays.set(app, relay);
    relay.start(app.events);
    app.onClose(() => relay.stop());
    return relay;
  }

  start(events?: EventBus): void {
    if (this.stopped) return;
    if (events && !this.unsubscribe) this.unsubscribe = events.onOutboxCommitted(() => this.kick());
    this.kick();
    if (this.pollIntervalMs > 0 && !this.timer) {
      this.timer = setInterval(() => this.kick(), this.pollIntervalMs);
      // The poller alone must not keep a CLI command alive.
      this.timer.unref();
    }
  }

  /**
   * Publishes in the background, coalesceMs from now: kicks meanwhile join that run, and kicks during a run coalesce into one
   * more run.
   */
  kick(): void {
    if (this.stopped || this.delayed) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    if (this.coalesceMs <= 0) return this.run();
    this.delayed = setTimeout(() => this.run(), this.coalesceMs);
  }

  private run(): void {
    if (this.delayed) clearTimeout(this.delayed);
    this.delayed = undefined;
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
  }

  /**
   * Waits for the background run, then publishes whatever is still pending: once it resolves, every row committed before
   * the call is published, or claimed by another live relay that is publishing it. Throws when the transport refuses.
   */
  async flush(): Promise<void> {
    // A kick still waiting out coalesceMs is served by this publish.
    if (this.delayed) clearTimeout(this.delayed);
    this.delayed = undefined;
    await this.running;
    await this.publishPending();
  }

  /** Publishes pending rows until none is left; throws when the transport refuses (the rows stay pending). */
  async publishPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const { candidates, published } = await this.publishBatch();
      total += published;
      if (candidates < this.batchSize) return total;
    }
  }

  async stop(): Promise<void> {
    // What the last commits kicked is published before stopping, not left to the next start's poll.
    if (this.delayed) this.run();
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.rerun = false;
      try {
        await this.publishPending();
      } catch (err) {
        this.logger.warn({ err }, 'outbox relay could not publish; the rows stay pending and are retried');
        return;
      }
    } while (this.rerun && !this.stopped);
  }

  /**
   * Claims up to a batch of pending rows, publishes them, marks them published. Written-out SQL through the Database's
   * helpers (straight on SQLite's connection when it is idle): this runs after every commit that wrote outbox rows, and knex's
   * builder and runner cost more than these indexed statements. The relay runs outside any transaction (kicked after a commit, or
   * by its timer), so each statement commits by itself, as the claim protocol expects.
   */
  private async publishBatch(): Promise<{ candidates: number; published: number }> {
    if (this.transport.inDatabase) return this.publishBatchInTransaction();
    const now = Date.now();
    const token = crypto.randomUUID();
    const candidates = await this.db.select<{ id: string }>(
      `SELECT id FROM ${OUTBOX_TABLE} WHERE ${CLAIMABLE} ORDER BY created_at, id ${sqlLimit(this.batchSize)}`,
      [now],
    );
    if (!candidates.length) return { candidates: 0, published: 0 };
    const ids = candidates.map((c) => c.id);
    const claimed = await this.db.execute(
      `UPDATE ${OUTBOX_TABLE} SET claimed_by = ?, claim_expires_at = ? WHERE id IN (${placeholders(ids.length)}) AND ${CLAIMABLE}`,
      [token, now + this.claimTtlMs, ...ids, now],
    );
    // Another relay claimed them all in between: no row carries this fresh token.
    if (!claimed.changes) return { candidates: candidates.length, published: 0 };
    const rows = await this.db.select<OutboxRow>(
      `SELECT id, event_name, payload, created_at FROM ${OUTBOX_TABLE} WHERE claimed_by = ? AND published_at IS NULL ORDER BY created_at, id`,
      [token],
    );
    if (!rows.length) return { candidates: candidates.length, published: 0 };
    const mine = { claimed_by: token, published_at: null };
    try {
      await this.transport.publish(rows.flatMap((row) => this.fanOut(row)));
    } catch (err) {
      // Free the rows at once rather than after the claim TTL: the next kick or poll retries them.
      await this.db.update(OUTBOX_TABLE, { claimed_by: null, claim_expires_at: null }, mine);
      throw err;
    }
    await this.db.update(OUTBOX_TABLE, { published_at: new Date().toISOString(), claimed_by: null, claim_expires_at: null }, mine);
    return { candidates: candidates.length, published: rows.length };
  }

  /**
   * The database queue's way: the rows are read, published (inserted in the queue tables) and marked published in one
   * transaction, one commit instead of three, and no claim: on SQLite the transaction holds the write lock throughout; on
   * MariaDB two relays may read the same rows, and publish stores a message once (unique keys) while the second mark changes
   * nothing. A row under a live claim (a relay of an older version, or one publishing to another transport) is left alone.
   * If publishing fails, the transaction rolls back and the rows stay pending.
   */
  private async publishBatchInTransaction(): Promise<{ candidates: number; published: number }> {
    return this.db.transaction(async () => {
      const rows = await this.db.select<OutboxRow>(
        `SELECT id, event_name, payload, created_at FROM ${OUTBOX_TABLE} WHERE ${CLAIMABLE} ORDER BY created_at, id ${sqlLimit(this.batchSize)}`,
        [Date.now()],
      );
      if (!rows.length) return { candidates: 0, published: 0 };
      await this.transport.publish(rows.flatMap((row) => this.fanOut(row)));
      await this.db.execute(
        `UPDATE ${OUTBOX_TABLE} SET published_at = ?, claimed_by = NULL, claim_expires_at = NULL WHERE id IN (${placeholders(rows.length)}) AND published_at IS NULL`,
        [new Date().toISOString(), ...rows.map((row) => row.id)],
      );
      return { candidates: rows.length, published: rows.length };
    });
  }

  /** One message per async observer listening now; an event nobody listens to any more is marked published with none. */
  private fanOut(row: OutboxRow): QueueMessage[] {
    const payload: unknown = JSON.parse(row.payload);
    const consumers = this.observers.asyncObservers(row.event_name);
    if (!consumers.length) this.logger.debug({ event: row.event_name, messageId: row.id }, 'outbox event has no async observer any more');
    return consumers.map((observer) => ({ id: row.id, event: row.event_name, payload, consumer: observer.id, createdAt: row.created_at }));
  }
}
