import { connect, type Channel, type ChannelModel, type ConfirmChannel, type ConsumeMessage, type Message } from 'amqplib';
import type { Database } from '../db/database';
import { redactUrl } from '../kernel/env';
import { KernelError } from '../kernel/errors';
import type { Logger } from '../log/logger';
import { abortableSleep } from './abortable-sleep';
import { deliverOnce } from './idempotent-delivery';
import { messageLimit, type ConsumeOptions, type ConsumerBinding, type MessageHandler, type QueueMessage, type QueueTransport } from './queue-transport';

export interface AmqpSettings {
  url: string;
  /** Topic exchange the events are published to; consumer queues are named after it. */
  exchange: string;
}

export interface AmqpQueueOptions {
  /** Unacked messages the broker may push to one consumer process. Default 10. */
  prefetch?: number;
  /** Deliveries before a failing message is dead-lettered to `<queue>.error`. Default 5. */
  maxAttempts?: number;
  /** First retry delay, doubled on each further failure (capped at 1 minute). Default 1 s. */
  retryDelayMs?: number;
  /** With stopWhenEmpty: how long to wait for a delivery before asking the broker whether the queues are empty. Default 250 ms. */
  idleCheckMs?: number;
  /** Default 10 s. */
  connectTimeoutMs?: number;
}

/**
 * Broker-side backstop for messages whose handler kills the process before it can nack (so maxAttempts is never reached).
 * A constant on purpose: a queue's arguments cannot change once declared, and a different value would make every later
 * declaration fail with PRECONDITION_FAILED.
 */
const DELIVERY_LIMIT = 20;
const MAX_RETRY_DELAY_MS = 60_000;

/** `<exchange>.<consumer>`: the exchange name doubles as a namespace, so two shops (or test runs) on one broker stay apart. */
export function amqpQueueName(exchange: string, consumer: string): string {
  return `${exchange}.${consumer}`;
}

/**
 * Declares a consumer's durable queue, its error queue, and the binding to the event it observes. Publisher and consumer
 * both call it: a topic exchange silently drops a message no queue is bound to yet, so the publisher cannot rely on a
 * consumer having started first. Quorum queues count deliveries (x-delivery-count), which bounds retries.
 */
export async function assertConsumerQueue(channel: Channel, exchange: string, binding: ConsumerBinding): Promise<string> {
  const queue = amqpQueueName(exchange, binding.name);
  const errorQueue = `${queue}.error`;
  try {
    await channel.assertQueue(errorQueue, { durable: true });
    await channel.assertQueue(queue, {
      durable: true,
      deadLetterExchange: '',
      deadLetterRoutingKey: errorQueue,
      arguments: { 'x-queue-type': 'quorum', 'x-delivery-limit': DELIVERY_LIMIT },
    });
    await channel.bindQueue(queue, exchange, binding.event);
  } catch (err) {
    throw new KernelError(`Cannot declare the RabbitMQ queue ${queue} for ${binding.event}: ${(err as Error).message}`, 'QUEUE_TOPOLOGY');
  }
  return queue;
}

/**
 * RabbitMQ transport. The relay hands one message per consumer; they are published once per outbox row with the event
 * name as routing key, and the topic exchange copies them to every consumer queue bound to that event. Publishing waits
 * for publisher confirms; consuming acks only after the handler's transaction committed, so a consumer that dies in
 * between gets the message redelivered and the idempotency record turns that into a no-op.
 */
export class AmqpQueueTransport implements QueueTransport {
  readonly name = 'amqp' as const;
  private readonly prefetch: number;
  private readonly maxAttempts: number;
  private readonly retryDelayMs: number;
  private readonly idleCheckMs: number;
  private readonly connectTimeoutMs: number;
  private connection?: Promise<ChannelModel>;
  private publisher?: Promise<ConfirmChannel>;
  /** Consumer queues the publisher channel has declared and bound (`consumer\0event`). */
  private readonly declared = new Set<string>();
  /** Publishes run one at a time: confirms and returns are tracked per channel, not per call. */
  private publishing: Promise<void> = Promise.resolve();

  constructor(
    private readonly settings: AmqpSettings,
    private readonly db: Database,
    private readonly logger: Logger,
    options: AmqpQueueOptions = {},
  ) {
    this.prefetch = Math.max(1, options.prefetch ?? 10);
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 5);
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.idleCheckMs = options.idleCheckMs ?? 250;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  }

  publish(messages: QueueMessage[]): Promise<void> {
    if (!messages.length) return Promise.resolve();
    const run = this.publishing.then(() => this.publishNow(messages));
    this.publishing = run.catch(() => undefined);
    return run;
  }

  async consume(consumers: ConsumerBinding[], handler: MessageHandler, options: ConsumeOptions = {}): Promise<number> {
    if (!consumers.length) return 0;
    const outsideTransaction = new Set(consumers.filter((c) => c.transaction === false).map((c) => c.name));
    const limit = messageLimit(options);
    const session = new ConsumeSession(await (await this.connect()).createChannel(), this.settings.exchange, consumers);
    const wake = () => session.notify();
    options.signal?.addEventListener('abort', wake);
    let processed = 0;
    try {
      // Messages pushed beyond --max-messages would go back unprocessed when the channel closes, and a quorum queue
      // counts that as a delivery: never ask for more than the limit.
      await session.open(Math.min(this.prefetch, limit));
      while (!options.signal?.aborted && processed < limit) {
        if (session.failure) throw session.failure;
        const next = session.inbox.shift();
        if (next) {
          // Holding enough messages to reach the limit: stop the pushes before acking, or each ack makes room for one more.
          if (processed + 1 + session.inbox.length >= limit) await session.unsubscribe();
          if (await this.handle(session.channel, next.message, next.consumer, handler, options.signal, !outsideTransaction.has(next.consumer))) processed++;
          if (!session.subscribed && processed + session.inbox.length < limit) await session.subscribe();
          continue;
        }
        await session.waitForDelivery(options.stopWhenEmpty ? this.idleCheckMs : undefined);
        if (options.stopWhenEmpty && !session.inbox.length && !session.failure && (await session.queuesEmpty())) break;
      }
      return processed;
    } finally {
      options.signal?.removeEventListener('abort', wake);
      // Prefetched messages that were not handled go back to their queues when the channel closes.
      await session.channel.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.reset();
    const model = await connection?.catch(() => undefined);
    await model?.close().catch(() => undefined);
  }

  private async publishNow(messages: QueueMessage[]): Promise<void> {
    const channel = await this.publisherChannel();
    for (const message of messages) {
      const key = `${message.consumer}\u0000${message.event}`;
      if (this.declared.has(key)) continue;
      await assertConsumerQueue(channel, this.settings.exchange, { name: message.consumer, event: message.event });
      this.declared.add(key);
    }
    const events = new Map<string, QueueMessage>();
    for (const message of messages) events.set(message.id, message);
    const returned: string[] = [];
    const onReturn = (message: Message) => returned.push(String(message.properties.messageId));
    channel.on('return', onReturn);
    try {
      for (const message of events.values()) {
        const body = { id: message.id, event: message.event, payload: message.payload, createdAt: message.createdAt };
        // The relay publishes bounded batches, so amqplib's write buffer stays bounded without waiting for 'drain'.
        channel.publish(this.settings.exchange, message.event, Buffer.from(JSON.stringify(body)), {
          persistent: true,
          mandatory: true,
          messageId: message.id,
          type: message.event,
          contentType: 'application/json',
          timestamp: Math.floor(Date.parse(message.createdAt) / 1000) || undefined,
        });
      }
      await channel.waitForConfirms();
    } catch (err) {
      throw new KernelError(`RabbitMQ did not confirm ${events.size} published message(s): ${(err as Error).message}`, 'QUEUE_PUBLISH');
    } finally {
      channel.off('return', onReturn);
    }
    // The broker sends basic.return before the confirm, so every unroutable message is known by now.
    if (returned.length) {
      throw new KernelError(`RabbitMQ could not route ${returned.length} message(s) (first: ${returned[0]}) on exchange ${this.settings.exchange}`, 'QUEUE_UNROUTABLE');
    }
  }

  /** Handles one delivery; returns true when it was processed (or found already processed) and acked. */
  private async handle(channel: Channel, raw: ConsumeMessage, consumer: string, handler: MessageHandler, signal: AbortSignal | undefined, transaction: boolean): Promise<boolean> {
    let message: QueueMessage;
    try {
      message = decodeMessage(raw, consumer);
    } catch (err) {
      this.logger.error({ err, consumer }, 'undecodable AMQP message dead-lettered to the error queue');
      channel.nack(raw, false, false);
      return false;
    }
    try {
      await deliverOnce(this.db, message, handler, undefined, { transaction });
    } catch (err) {
      const deliveries = Number(raw.properties.headers?.['x-delivery-count'] ?? 0) + 1;
      if (deliveries >= this.maxAttempts) {
        this.logger.error({ err, consumer, messageId: message.id, deliveries }, 'queue message failed for good, dead-lettered to the error queue');
        channel.nack(raw, false, false);
      } else {
        const delay = Math.min(this.retryDelayMs * 2 ** (deliveries - 1), MAX_RETRY_DELAY_MS);
        this.logger.warn({ err, consumer, messageId: message.id, deliveries, retryInMs: delay }, 'queue message failed, will retry');
        // Holding the message for the delay is the back-off: a requeued message is redelivered at once.
        await abortableSleep(delay, signal);
        channel.nack(raw, false, true);
      }
      return false;
    }
    channel.ack(raw);
    return true;
  }

  private connect(): Promise<ChannelModel> {
    if (!this.connection) {
      const attempt: Promise<ChannelModel> = connect(this.settings.url, { timeout: this.connectTimeoutMs }).then(
        (model) => {
          model.on('error', (err: Error) => this.logger.warn({ err }, 'AMQP connection error'));
          model.on('close', () => {
            if (this.connection === attempt) this.reset();
          });
          return model;
        },
        (err: Error) => {
          if (this.connection === attempt) this.reset();
          throw new KernelError(`Cannot connect to RabbitMQ at ${redactUrl(this.settings.url)}: ${err.message}`, 'QUEUE_UNAVAILABLE');
        },
      );
      this.connection = attempt;
    }
    return this.connection;
  }

  private publisherChannel(): Promise<ConfirmChannel> {
    if (!this.publisher) {
      const opening: Promise<ConfirmChannel> = this.connect().then(async (model) => {
        const channel = await model.createConfirmChannel();
        channel.on('error', (err: Error) => this.logger.warn({ err }, 'AMQP publisher channel error'));
        channel.on('close', () => {
          if (this.publisher === opening) {
            this.publisher = undefined;
            this.declared.clear();
          }
        });
        await channel.assertExchange(this.settings.exchange, 'topic', { durable: true });
        return channel;
      });
      opening.catch(() => {
        if (this.publisher === opening) this.publisher = undefined;
      });
      this.publisher = opening;
    }
    return this.publisher;
  }

  private reset(): void {
    this.connection = undefined;
    this.publisher = undefined;
    this.declared.clear();
  }
}

/** One consume() call: its channel, the push subscriptions on the consumers' queues, and what they pushed not yet handled. */
class ConsumeSession {
  readonly inbox: Array<{ message: ConsumeMessage; consumer: string }> = [];
  failure?: Error;
  private wake?: () => void;
  private readonly queues: Array<{ queue: string; consumer: string }> = [];
  private tags: string[] = [];

  constructor(
    readonly channel: Channel,
    private readonly exchange: string,
    private readonly consumers: ConsumerBinding[],
  ) {
    channel.on('error', (err: Error) => this.fail(new KernelError(`The AMQP channel failed while consuming: ${err.message}`, 'QUEUE_UNAVAILABLE')));
    channel.on('close', () => this.fail(new KernelError('The AMQP channel closed while consuming', 'QUEUE_UNAVAILABLE')));
  }

  async open(prefetch: number): Promise<void> {
    await this.channel.assertExchange(this.exchange, 'topic', { durable: true });
    await this.channel.prefetch(prefetch);
    for (const binding of this.consumers) {
      this.queues.push({ queue: await assertConsumerQueue(this.channel, this.exchange, binding), consumer: binding.name });
    }
    await this.subscribe();
  }

  async subscribe(): Promise<void> {
    for (const { queue, consumer } of this.queues) {
      const { consumerTag } = await this.channel.consume(
        queue,
        (message) => {
          if (message) this.inbox.push({ message, consumer });
          else this.fail(new KernelError(`RabbitMQ cancelled the consumer of ${queue} (was the queue deleted?)`, 'QUEUE_UNAVAILABLE'));
          this.notify();
        },
        { noAck: false },
      );
      this.tags.push(consumerTag);
    }
  }

  get subscribed(): boolean {
    return this.tags.length > 0;
  }

  async unsubscribe(): Promise<void> {
    for (const tag of this.tags.splice(0)) await this.channel.cancel(tag);
  }

  /** Resolves on the next delivery, failure or notify(), or after `timeoutMs`. */
  waitForDelivery(timeoutMs?: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => this.notify(), timeoutMs);
      this.wake = () => {
        if (timer) clearTimeout(timer);
        resolve();
      };
    });
  }

  notify(): void {
    const resume = this.wake;
    this.wake = undefined;
    resume?.();
  }

  async queuesEmpty(): Promise<boolean> {
    for (const { queue } of this.queues) {
      if ((await this.channel.checkQueue(queue)).messageCount > 0) return false;
    }
    return true;
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.notify();
  }
}

function decodeMessage(raw: ConsumeMessage, consumer: string): QueueMessage {
  const body = JSON.parse(raw.content.toString('utf8')) as Partial<QueueMessage>;
  const id = typeof raw.properties.messageId === 'string' ? raw.properties.messageId : body.id;
  if (typeof id !== 'string' || typeof body.event !== 'string') throw new KernelError('AMQP message without an id or event name', 'QUEUE_MESSAGE_INVALID');
  return { id, event: body.event, payload: body.payload ?? null, consumer, createdAt: typeof body.createdAt === 'string' ? body.createdAt : '' };
}
