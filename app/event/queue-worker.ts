import type { Application } from '../kernel/application';
import { abortableSleep } from './abortable-sleep';
import { ConsumerRunner } from './consumer-runner';
import { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';

export interface QueueWorkerOptions {
  /** Run these consumers in this process (all when empty or absent); `false` only relays (consumers run elsewhere). */
  consumers?: string[] | false;
  /** Pause before restarting the consumer loop after it failed (database or broker gone). Default 5 s. */
  restartDelayMs?: number;
  relay?: OutboxRelayOptions;
}

/**
 * The queue side of a long-running process (the HTTP server): the application's outbox relay, plus, unless told
 * otherwise, the consumers. Unlike queue:consumers:start, which exits on failure and lets its supervisor restart it, a server must keep
 * serving when the broker or database blips, so the consumer loop is restarted here after a pause.
 */
export class QueueWorker {
  private readonly controller = new AbortController();
  private loop?: Promise<void>;
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
    app.onClose(() => worker.stop());
    return worker;
  }

  /** Lets the message in hand finish, then stops consuming. */
  async stop(): Promise<void> {
    this.controller.abort();
    await this.loop;
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
