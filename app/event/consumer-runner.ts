import type { Knex } from 'knex';
import type { Application } from '../kernel/application';
import { KernelError } from '../kernel/errors';
import { Kernel } from '../kernel/tokens';
import type { ObserverContext } from './event-map';
import type { RegisteredObserver } from './observer-registry';
import type { ConsumeOptions, QueueMessage, QueueTransport } from './queue-transport';

/**
 * Runs async observers as queue consumers (one consumer per async observer, named `<Module>::<observer>`), on whichever
 * transport the application is configured with. The transport supplies the transaction and the idempotency record; this
 * class maps a message to its observer and builds the observer's context.
 */
export class ConsumerRunner {
  private readonly transport: QueueTransport;

  constructor(
    private readonly app: Application,
    transport?: QueueTransport,
  ) {
    this.transport = transport ?? app.get(Kernel.QueueTransport);
  }

  /** Every consumer of the enabled modules, in load order. */
  consumers(): RegisteredObserver[] {
    return this.app.events.observers.consumers();
  }

  /** The named consumers (all when `names` is empty or absent); an unknown name is an error listing the known ones. */
  resolve(names?: string[]): RegisteredObserver[] {
    const all = this.consumers();
    if (!names?.length) return all;
    const unknown = names.filter((name) => !this.app.events.observers.consumer(name));
    if (unknown.length) {
      const known = all.length ? all.map((c) => c.id).join(', ') : 'none (no enabled module declares an async observer)';
      throw new KernelError(`Unknown consumer(s): ${unknown.join(', ')}. Known consumers: ${known}. See queue:consumers:list.`, 'QUEUE_CONSUMER_UNKNOWN');
    }
    return [...new Set(names)].map((name) => this.app.events.observers.consumer(name)!);
  }

  /** Consumes messages for the named consumers (all when none is named) until the options say stop; returns how many were processed. */
  async run(names: string[] | undefined, options: ConsumeOptions = {}): Promise<number> {
    const consumers = this.resolve(names);
    if (!consumers.length) return 0;
    return this.transport.consume(
      consumers.map((c) => ({ name: c.id, event: c.event, transaction: c.transaction })),
      (message, trx) => this.handle(message, trx),
      options,
    );
  }

  private async handle(message: QueueMessage, trx: Knex.Transaction | undefined): Promise<void> {
    const observer = this.app.events.observers.consumer(message.consumer);
    if (!observer) {
      // Only reachable when a transport delivers for a consumer it was not asked for; failing keeps the message for retry.
      throw new KernelError(`No enabled async observer is named ${message.consumer}`, 'QUEUE_CONSUMER_UNKNOWN');
    }
    const ctx = {
      event: message.event,
      messageId: message.id,
      get: (token) => this.app.get(token),
    } as ObserverContext;
    // The transport opened a transaction unless the observer is declared `transaction: false` (see deliverOnce).
    if (trx) ctx.trx = trx;
    else {
      Object.defineProperty(ctx, 'trx', {
        get: () => {
          throw new KernelError(`${observer.id} is declared transaction: false and runs outside any transaction: it has no ctx.trx`, 'OBSERVER_OUTSIDE_TRANSACTION');
        },
      });
    }
    await observer.handler(message.payload as never, ctx);
  }
}
