import type { Application } from '../kernel/application';
import { abortableSleep } from './abortable-sleep';
import { ConsumerRunner } from './consumer-runner';
import { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';
import { cleanQueueTables } from './queue-housekeeping';

export const DEFAULT_QUEUE_RETENTION_DAYS = 7;
const DAY_MS = 86_400_000;

export interface QueueWorkerOptions {
  /** Run these consumers in this process (all when empty or absent); `false` only relays (consumers run elsewhere). */
  consumers?: string[] | false;
  /** Pause before restarting the consumer loop after it failed (database or broker gone). Default 5 s. */
  restartDelayMs?: number;
  relay?: OutboxRelayOptions;
  /** Pause between housekeeping rounds (queue:clean with etc/env.json queue.retentionDays). Default 1 h; 0 turns it off. */
  housekeepingIntervalMs?: number;
}

/**
 * The queue side of a long-running process (the HTTP server): the application's outbox relay, plus, unless told
 * otherwise, the consumers. Unlike queue:consumers:start, which exits on failure and lets its supervisor restart it, a server must keep
 * serving when the broker or database blips, so the consumer loop is restarted here after a pause.
 */
export class QueueWorker {
  private readonly controller = new AbortController();
  private loop?: Promise<void>;
  private housekeeping?: Promise<void>;
  readonly relay: OutboxRelay;

  private constructor(
    private readonly app: Application,
    private readonly options: QueueWorkerOptions,
  ) {
    this.relay = OutboxRelay.attach(app, options.relay);
  }

  /**
   * Starts relaying and consuming. stop() (or app.close()) ends the consumers; the relay is the application's and stops
   * with app.close(), after publishing what the last commits kicked.
   */
  static start(app: Application, options: QueueWorkerOptions = {}): QueueWorker {
    const worker = new QueueWorker(app, options);
    if (options.consumers !== false) {
      // Validated here, so that a typo fails the start instead of looping on the error.
      const names = new ConsumerRunner(app).resolve(options.consumers).map((c) => c.id);
      if (names.length) worker.loop = worker.consume(names);
    }
    const every = options.housekeepingIntervalMs ?? 3_600_000;
    if (every > 0) worker.housekeeping = worker.keepTidy(every);
    app.onClose(() => worker.stop());
    return worker;
  }

  /** Lets the message in hand finish, then stops consuming. */
  async stop(): Promise<void> {
    this.controller.abort();
    await Promise.all([this.loop, this.housekeeping]);
  }

  /**
   * Every `every` ms (first after one), deletes what the queue tables no longer need (cleanQueueTables). Several servers may do
   * it at once: deletes are idempotent. A failure is logged and retried next round.
   */
  private async keepTidy(every: number): Promise<void> {
    const signal = this.controller.signal;
    while (!signal.aborted) {
      await abortableSleep(every, signal);
      if (signal.aborted) return;
      try {
        const days = this.app.env.queue.retentionDays ?? DEFAULT_QUEUE_RETENTION_DAYS;
        const cleaned = await cleanQueueTables(this.app.db.knex, new Date(Date.now() - days * DAY_MS));
        if (cleaned.outbox || cleaned.messages || cleaned.processed) this.app.logger.info({ cleaned, retentionDays: days }, 'queue housekeeping');
        // A long-running process keeps the planner's statistics current as tables grow.
        await this.app.db.optimize();
      } catch (err) {
        this.app.logger.error({ err }, 'queue housekeeping failed; retrying next round');
      }
    }
  }

  private async consume(names: string[]): Promise<void> {
    const signal = this.controller.signal;
    while (!signal.aborted) {
      try {
        await new ConsumerRunner(this.app).run(names, { signal });
        return;
      } catch (err) {
        if (signal.aborted) return;
        this.app.logger.error({ err }, 'queue consumers stopped on an error; restarting them shortly');
        await abortableSleep(this.options.restartDelayMs ?? 5000, signal);
      }
    }
  }
}
