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

/** A consumer and the event it observes: AMQP binds the consumer's queue to that event name. */
export interface ConsumerBinding {
  name: string;
  event: string;
  /**
   * False for a consumer whose work is an effect outside the database (sending mail, calling a webhook): it runs outside any
   * transaction (see deliverOnce), so it never holds a connection, nor SQLite's write lock, while it waits on the network or
   * the disk. True when absent.
   */
  transaction?: boolean;
}

/**
 * Runs inside the transaction the transport opened for this delivery: whatever it writes commits together with the
 * idempotency record (and, for the database queue, with the message's `complete` status), or not at all. For a consumer bound
 * with `transaction: false`, `trx` is undefined: it runs outside any transaction, and the record is written after it.
 */
export type MessageHandler = (message: QueueMessage, trx: Knex.Transaction | undefined) => Promise<void>;

export interface ConsumeOptions {
  /** Stop after this many messages (Magento's --max-messages); unlimited when absent or 0. */
  maxMessages?: number;
  /** Stop when the queue is empty instead of waiting for more. */
  stopWhenEmpty?: boolean;
  /** Aborting lets the message being handled finish, then returns; unhandled claimed messages go back to the queue. */
  signal?: AbortSignal;
}

/**
 * Where async events travel after commit: the database queue by default, AMQP (RabbitMQ) when configured.
 * Delivery is at-least-once; each delivery runs in a transaction that also records the (consumer, message id) pair, so a
 * message delivered twice is processed once.
 */
export interface QueueTransport {
  readonly name: 'db' | 'amqp';
  /**
   * True when publish() writes to the application's own database, idempotently (a message published twice is stored once):
   * the relay then reads, publishes and marks its outbox rows in one transaction, without claiming them first.
   */
  readonly inDatabase?: boolean;
  /**
   * Publish already-committed outbox messages (one per consumer); resolves once the transport holds them durably.
   * Publishing the same message again must be harmless.
   */
  publish(messages: QueueMessage[]): Promise<void>;
  /** Deliver messages for the given consumers until options say stop. Returns how many were processed. */
  consume(consumers: ConsumerBinding[], handler: MessageHandler, options?: ConsumeOptions): Promise<number>;
  close(): Promise<void>;
}

/** `maxMessages` of 0 means unlimited, as Magento's consumers runner treats it. */
export function messageLimit(options: ConsumeOptions): number {
  return options.maxMessages && options.maxMessages > 0 ? options.maxMessages : Number.POSITIVE_INFINITY;
}
