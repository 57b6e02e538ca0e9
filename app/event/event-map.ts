import type { Knex } from 'knex';
import type { ServiceLocator } from '../di/service-locator';
import type { ConfigScopeType } from '../module/manifest';
import type { QueuedMail } from '../mail/mail-service';

export interface ConfigChangedEvent {
  scope: ConfigScopeType;
  scopeId: number;
  scopeCode: string | null;
  path: string;
  /** Masked as `******` when the field is sensitive. */
  oldValue: string | null;
  newValue: string | null;
  sensitive: boolean;
}

/**
 * Every event name and its payload. Modules add theirs by declaration merging:
 * `declare module '../../app/event/event-map' { interface EventMap { catalog_product_save_after: { product: ProductDto } } }`
 */
export interface EventMap {
  config_save_after: ConfigChangedEvent;
  /** A mail to send after commit (MailService.queue); the payload is encrypted. */
  mail_queued: QueuedMail;
}

export type EventName = keyof EventMap & string;
export type EventPayload<E extends EventName> = EventMap[E];

export interface ObserverContext extends ServiceLocator {
  event: string;
  /**
   * The transaction the event was dispatched in (sync observers) or the consumer's transaction (async observers). An async
   * observer declared `transaction: false` runs outside any: reading this throws (OBSERVER_OUTSIDE_TRANSACTION).
   */
  trx: Knex.Transaction;
  /** Outbox message id, for async observers: stable across redeliveries. */
  messageId?: string;
}
