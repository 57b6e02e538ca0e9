import crypto from 'node:crypto';
import { connect, type Channel, type ChannelModel } from 'amqplib';
import { AmqpQueueTransport, amqpQueueName } from '../amqp-queue-transport';
import { ConsumerRunner } from '../consumer-runner';
import { OUTBOX_TABLE } from '../event-bus';
import { OutboxRelay } from '../outbox-relay';
import type { QueueMessage } from '../queue-transport';
import { Kernel } from '../../kernel/tokens';
import type { TestApp } from '../../testing/test-app';
import { AMQP_URL, CONSUMER_A, CONSUMER_B, CONSUMER_FLAKY, createQueueTestApp, effects, uniqueTag } from './support/queue-test-app';
import { runQueueChild } from './support/spawn-queue-child';

// Against the RabbitMQ of the machine; every run gets its own exchange, hence its own queues, deleted at the end.
describe('AMQP queue (RabbitMQ)', () => {
  const exchange = `comptoir.test.${crypto.randomBytes(5).toString('hex')}`;
  const consumers = [CONSUMER_A, CONSUMER_B, CONSUMER_FLAKY];
  let app: TestApp;
  let relay: OutboxRelay;
  let broker: ChannelModel;
  let channel: Channel;

  beforeAll(async () => {
    app = await createQueueTestApp((env) => ({ ...env, queue: { amqp: { url: AMQP_URL, exchange } } }));
    relay = OutboxRelay.attach(app, { pollIntervalMs: 0 });
    broker = await connect(AMQP_URL);
    channel = await broker.createChannel();
  });

  afterAll(async () => {
    await app?.close();
    if (channel) {
      for (const consumer of consumers) {
        await channel.deleteQueue(amqpQueueName(exchange, consumer));
        await channel.deleteQueue(`${amqpQueueName(exchange, consumer)}.error`);
      }
      await channel.deleteExchange(exchange);
    }
    await broker?.close();
  });

  const ready = async (consumer: string) => (await channel.checkQueue(amqpQueueName(exchange, consumer))).messageCount;
  const outboxId = async (tag: string) => (await app.db.knex(OUTBOX_TABLE).whereRaw('payload like ?', [`%${tag}%`]).first()).id as string;

  it('is the transport when queue.amqp is configured', () => {
    expect(app.get(Kernel.QueueTransport)).toBeInstanceOf(AmqpQueueTransport);
  });

  it('publishes after commit and delivers each consumer its copy', async () => {
    const runner = new ConsumerRunner(app);
    // Declares the queues, so that "nothing published yet" can be checked on them.
    expect(await runner.run([CONSUMER_A, CONSUMER_B], { stopWhenEmpty: true })).toBe(0);
    const tag = uniqueTag('amqp');
    await app.db.transaction(async () => {
      await app.events.dispatch('test_queue_ping', { tag });
      expect(await ready(CONSUMER_A)).toBe(0);
    });
    await relay.flush();
    expect(await ready(CONSUMER_A)).toBe(1);
    expect(await ready(CONSUMER_B)).toBe(1);
    expect((await app.db.knex(OUTBOX_TABLE).where({ id: await outboxId(tag) }).first()).published_at).not.toBeNull();
    // Not stopWhenEmpty: the long-running mode (broker push with prefetch), bounded by maxMessages.
    expect(await runner.run([CONSUMER_A, CONSUMER_B], { maxMessages: 2 })).toBe(2);
    expect((await effects(app, tag)).sort()).toEqual(['record_a', 'record_b']);
    expect(await ready(CONSUMER_A)).toBe(0);
  });

  it('processes a message published twice once', async () => {
    const tag = uniqueTag('dup');
    await app.events.dispatch('test_queue_ping', { tag });
    await relay.flush();
    const id = await outboxId(tag);
    const copy: QueueMessage[] = [CONSUMER_A, CONSUMER_B].map((consumer) => ({ id, event: 'test_queue_ping', payload: { tag }, consumer, createdAt: new Date().toISOString() }));
    await app.get(Kernel.QueueTransport).publish(copy);
    expect(await ready(CONSUMER_A)).toBe(2);
    expect(await new ConsumerRunner(app).run([CONSUMER_A, CONSUMER_B], { stopWhenEmpty: true })).toBe(4);
    expect((await effects(app, tag)).sort()).toEqual(['record_a', 'record_b']);
  });

  it('redelivers to another consumer when one dies after its commit but before its ack, with one effect', async () => {
    const tag = uniqueTag('kill');
    await app.events.dispatch('test_queue_ping', { tag });
    await relay.flush();
    const child = await runQueueChild(app, ['consume'], { TEST_QUEUE_DIE_AFTER_COMMIT: '1' });
    expect({ signal: child.signal, stderr: child.stderr }).toEqual({ signal: 'SIGKILL', stderr: '' });
    // The child's transaction committed: the effect is there, the ack never left.
    expect(await effects(app, tag)).toEqual(['record_a']);
    await waitFor(async () => (await ready(CONSUMER_A)) === 1);
    expect(await new ConsumerRunner(app).run([CONSUMER_A], { stopWhenEmpty: true })).toBe(1);
    expect(await ready(CONSUMER_A)).toBe(0);
    expect(await effects(app, tag)).toEqual(['record_a']);
    await new ConsumerRunner(app).run([CONSUMER_B], { stopWhenEmpty: true });
    expect((await effects(app, tag)).sort()).toEqual(['record_a', 'record_b']);
  });

  it('retries a failing message by requeueing it, then dead-letters it after the maximum attempts', async () => {
    const transport = new AmqpQueueTransport({ url: AMQP_URL, exchange }, app.db, app.logger, { retryDelayMs: 5, maxAttempts: 3 });
    try {
      const runner = new ConsumerRunner(app, transport);
      const recovers = uniqueTag('flaky');
      await app.events.dispatch('test_queue_flaky', { tag: recovers, failures: 2 });
      await relay.flush();
      expect(await runner.run([CONSUMER_FLAKY], { stopWhenEmpty: true })).toBe(1);
      expect(await effects(app, recovers)).toEqual(['flaky#3']);

      const hopeless = uniqueTag('flaky');
      await app.events.dispatch('test_queue_flaky', { tag: hopeless, failures: 100 });
      await relay.flush();
      expect(await runner.run([CONSUMER_FLAKY], { stopWhenEmpty: true })).toBe(0);
      expect(await effects(app, hopeless)).toEqual([]);
      const errorQueue = `${amqpQueueName(exchange, CONSUMER_FLAKY)}.error`;
      await waitFor(async () => (await channel.checkQueue(errorQueue)).messageCount === 1);
      const parked = await channel.get(errorQueue, { noAck: true });
      expect(parked && parked.properties.messageId).toBe(await outboxId(hopeless));
    } finally {
      await transport.close();
    }
  });

  it('takes no more than --max-messages from the broker', async () => {
    const tags = [uniqueTag('max'), uniqueTag('max'), uniqueTag('max')];
    for (const tag of tags) await app.events.dispatch('test_queue_ping', { tag });
    await relay.flush();
    expect(await new ConsumerRunner(app).run([CONSUMER_A], { maxMessages: 2 })).toBe(2);
    await waitFor(async () => (await ready(CONSUMER_A)) === 1);
    // Never pushed to the consumer above, so not counted as a delivery either.
    const untouched = await channel.get(amqpQueueName(exchange, CONSUMER_A), { noAck: false });
    expect(untouched && untouched.fields.redelivered).toBe(false);
    if (untouched) channel.nack(untouched, false, true);
    await new ConsumerRunner(app).run([CONSUMER_A, CONSUMER_B], { stopWhenEmpty: true });
    for (const tag of tags) expect((await effects(app, tag)).sort()).toEqual(['record_a', 'record_b']);
  });

  it('stops promptly when aborted while waiting for deliveries', async () => {
    const controller = new AbortController();
    const running = new ConsumerRunner(app).run([CONSUMER_A], { signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    expect(await running).toBe(0);
  });

  it('leaves the outbox row pending when the broker cannot be reached', async () => {
    const unreachable = new AmqpQueueTransport({ url: 'amqp://guest:secret@127.0.0.1:1', exchange }, app.db, app.logger, { connectTimeoutMs: 2000 });
    const stranded = new OutboxRelay(app.db, app.events.observers, unreachable, app.logger, { pollIntervalMs: 0 });
    const tag = uniqueTag('down');
    await relay.stop();
    try {
      await app.events.dispatch('test_queue_ping', { tag });
      const failure = stranded.publishPending();
      await expect(failure).rejects.toThrow(/Cannot connect to RabbitMQ at amqp:\/\/guest:\*\*\*@127\.0\.0\.1:1/);
      expect((await app.db.knex(OUTBOX_TABLE).where({ id: await outboxId(tag) }).first()).published_at).toBeNull();
    } finally {
      await unreachable.close();
    }
    // The next relay to run (here a fresh one on the real broker) publishes it.
    const recovered = new OutboxRelay(app.db, app.events.observers, app.get(Kernel.QueueTransport), app.logger, { pollIntervalMs: 0 });
    await recovered.publishPending();
    await new ConsumerRunner(app).run([CONSUMER_A, CONSUMER_B], { stopWhenEmpty: true });
    expect((await effects(app, tag)).sort()).toEqual(['record_a', 'record_b']);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
