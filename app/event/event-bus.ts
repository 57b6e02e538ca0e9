import type { Database } from '../db/database';
import type { ServiceLocator } from '../di/service-locator';
import type { EventName, EventPayload, ObserverContext } from './event-map';
import type { ObserverRegistry } from './observer-registry';
import { newOutboxId } from './outbox-id';

export const OUTBOX_TABLE = 'event_outbox';

/**
 * dispatch() runs sync observers in load order inside the dispatcher's transaction (one is opened if none is): an observer
 * error rolls the whole transaction back. When async observers listen, the event is written to the outbox in the same
 * transaction and handed to the queue after commit, so an event is published if and only if its transaction committed.
 */
export class EventBus {
  private readonly committedListeners: Array<() => void> = [];

  constructor(
    private readonly db: Database,
    private readonly registry: ObserverRegistry,
    private readonly locator: ServiceLocator,
  ) {}

  async dispatch<E extends EventName>(event: E, payload: EventPayload<E>): Promise<void> {
    const sync = this.registry.syncObservers(event);
    const hasAsync = this.registry.asyncObservers(event).length > 0;
    if (!sync.length && !hasAsync) return;
    if (!sync.length) {
      // Only the outbox row to write: one INSERT is atomic by itself (a failed statement is undone alone, on SQLite as on
      // MariaDB, and leaves the caller's transaction usable), so it needs neither a savepoint inside the caller's
      // transaction nor a transaction of its own outside one.
      await this.writeOutbox(event, payload);
      return;
    }
    // Sync observers may write several rows: a savepoint (or a transaction when the caller has none) undoes them all when
    // one of them throws, even if the caller catches the error and goes on.
    await this.db.transaction(async (trx) => {
      const ctx: ObserverContext = { event, trx, get: (token) => this.locator.get(token) };
      for (const observer of sync) await observer.handler(payload as never, ctx);
      if (hasAsync) await this.writeOutbox(event, payload);
    });
  }

  /**
   * Writes the event to the outbox in the current transaction, if any, through db.insert (several events per checkout, and
   * knex's builder cost more than the INSERT), and has the relay kicked once that commits: right away when there is no
   * transaction, the INSERT having committed by itself.
   */
  private async writeOutbox<E extends EventName>(event: E, payload: EventPayload<E>): Promise<void> {
    await this.db.insert(OUTBOX_TABLE, {
      id: newOutboxId(),
      event_name: event,
      payload: JSON.stringify(payload ?? null),
      created_at: new Date().toISOString(),
    });
    this.db.afterCommit(() => this.notifyCommitted());
  }

  /**
   * Called after a transaction that wrote outbox rows commits (the relay uses it to publish at once).
   * Returns a function that removes the listener.
   */
  onOutboxCommitted(listener: () => void): () => void {
    this.committedListeners.push(listener);
    return () => {
      const index = this.committedListeners.indexOf(listener);
      if (index >= 0) this.committedListeners.splice(index, 1);
    };
  }

  private notifyCommitted(): void {
    // Loops over a copy because a listener may unsubscribe meanwhile; one failing listener must not starve the others.
    for (const listener of [...this.committedListeners]) {
      try {
        listener();
      } catch {
        // Listeners only kick background work; the relay's poller catches up on anything a failed kick missed.
      }
    }
  }

  get observers(): ObserverRegistry {
    return this.registry;
  }
}
