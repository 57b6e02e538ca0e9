import type { Knex } from 'knex';

/** One async observer's copy of an outbox event. */
export interface QueueMessage {
  /** Outbox id: the same on every redelivery, used for idempotency. */
  id: string;
  event: string;
  payload: unknown;
  /** The async observer (consumer) this copy is for: `<Module>::<observer name>`. */
  consumer: string;
  createdAt: string;
}

export type MessageHandler = (message: QueueMessage, trx: Knex.Transaction) => Promise<void>;

export interface ConsumeOptions {
  /** Stop after this many messages (Magento's --max-messages). */
  maxMessages?: number;
  /** Stop when the queue is empty instead of waiting for more. */
  stopWhenEmpty?: boolean;
  signal?: AbortSignal;
}

/**
 * Where async events travel after commit: the database queue by default, AMQP (RabbitMQ) when configured.
 * Delivery is at-least-once; the consumer side records processed (consumer, message id) pairs in the handler's transaction.
 */
export interface QueueTransport {
  readonly name: 'db' | 'amqp';
  /** Publish already-committed outbox messages; resolves once the transport holds them durably. */
  publish(messages: QueueMessage[]): Promise<void>;
  /** Deliver messages for the given consumers until options say stop. Returns how many were processed. */
  consume(consumers: string[], handler: MessageHandler, options?: ConsumeOptions): Promise<number>;
  close(): Promise<void>;
}
