import { ConsumerRunner } from '../consumer-runner';
import { DbQueueTransport, QUEUE_MESSAGE_STATUS_TABLE, QUEUE_MESSAGE_TABLE } from '../db-queue-transport';
import { OUTBOX_TABLE } from '../event-bus';
import { PROCESSED_TABLE } from '../idempotent-delivery';
import { OutboxRelay } from '../outbox-relay';
import { QueueWorker } from '../queue-worker';
import type { QueueMessage, QueueTransport } from '../queue-transport';
import { createQueueTransport } from '../transport-factory';
import { KernelError } from '../../kernel/errors';
import { Kernel } from '../../kernel/tokens';
import { recordQueries } from '../../testing/query-recorder';
import type { TestApp } from '../../testing/test-app';
import { TEST_LOG_TABLE } from './fixtures/queue_test/module';
import { CONSUMER_A, CONSUMER_B, CONSUMER_FLAKY, CONSUMER_OUTSIDE, createQueueTestApp, effects, uniqueTag } from './support/queue-test-app';

describe('database queue', () => {
  let app: TestApp;
  let transport: DbQueueTransport;
  let relay: OutboxRelay;

  beforeAll(async () => {
    app = await createQueueTestApp();
    transport = new DbQueueTransport(app.db, app.logger, { retryDelayMs: 0, pollIntervalMs: 20 });
    relay = new OutboxRelay(app.db, app.events.observers, transport, app.logger, { pollIntervalMs: 0 });
    relay.start(app.events);
  });

  afterAll(async () => {
    await relay?.stop();
    await app?.close();
  });

  const runner = (t: QueueTransport = transport) => new ConsumerRunner(app, t);

  /** Dispatches in its own transaction and waits for the relay the commit kicked; returns the outbox id. */
  async function dispatchPing(tag: string): Promise<string> {
    await app.events.dispatch('test_queue_ping', { tag });
    await relay.flush();
    const row = await app.db.knex(OUTBOX_TABLE).whereRaw('payload like ?', [`%${tag}%`]).first();
    return row.id;
  }

  async function statusOf(messageId: string, consumer: string) {
    return app.db.knex(QUEUE_MESSAGE_STATUS_TABLE).where({ message_id: messageId, consumer }).first();
  }

  it('is the default transport', () => {
    expect(app.get(Kernel.QueueTransport)).toBeInstanceOf(DbQueueTransport);
    expect(createQueueTransport({ ...app.env, queue: {} }, app.db, app.logger).name).toBe('db');
  });

  it('fans an event out to each async observer and marks the copies complete', async () => {
    const tag = uniqueTag();
    const id = await dispatchPing(tag);
    expect((await app.db.knex(OUTBOX_TABLE).where({ id }).first()).published_at).not.toBeNull();
    expect(await statusOf(id, CONSUMER_A)).toMatchObject({ status: 'new', attempts: 0 });
    expect(await runner().run([CONSUMER_A, CONSUMER_B], { stopWhenEmpty: true })).toBe(2);
    expect((await effects(app, tag)).sort()).toEqual(['record_a', 'record_b']);
    expect(await statusOf(id, CONSUMER_A)).toMatchObject({ status: 'complete', attempts: 1, locked_by: null });
    expect(await statusOf(id, CONSUMER_B)).toMatchObject({ status: 'complete', attempts: 1 });
  });

  it('relays and delivers an event with the statements it needs, written out (on SQLite, none through knex\'s runner)', async () => {
    await relay.flush();
    const tag = uniqueTag();
    // knex's runner tags the queries it runs with a query uid; the Database's direct path on SQLite does not.
    const { queries: heard, result: delivered } = await recordQueries(app.db, async () => {
      await app.db.transaction(() => app.events.dispatch('test_queue_ping', { tag }));
      await relay.flush();
      return runner().run([CONSUMER_A, CONSUMER_B], { stopWhenEmpty: true });
    });
    expect(delivered).toBe(2);
    expect((await effects(app, tag)).sort()).toEqual(['record_a', 'record_b']);
    // The event's outbox row needs no savepoint of its own (no sync observer listens to test_queue_ping).
    expect(heard.filter((q) => /savepoint/i.test(q.sql))).toEqual([]);
    const statements = heard.filter((q) => !/^(BEGIN|COMMIT)/i.test(q.sql) && !q.sql.includes(TEST_LOG_TABLE));
    // Outbox insert (1); relay (flush, which serves the kick still waiting out coalesceMs), in one transaction: read,
    // queue_message and its status rows, mark published (4); consumers: find, claim, read (3), per message the processed
    // record and the complete status (2 × 2), and the final empty find (1).
    expect(statements).toHaveLength(1 + 4 + 3 + 4 + 1);
    // Commits: the dispatch, the relay's batch, one per delivered message.
    expect(heard.filter((q) => /^COMMIT/i.test(q.sql))).toHaveLength(1 + 1 + 2);
    if (app.db.client === 'sqlite') expect(statements.filter((q) => q.__knexUid !== undefined).map((q) => q.sql)).toEqual([]);
  });

  it('processes a message published twice once per consumer', async () => {
    const tag = uniqueTag();
    const id = await dispatchPing(tag);
    // The relay publishing the same row again (claim expired mid-publish) is absorbed by the queue's unique keys…
    await app.db.knex(OUTBOX_TABLE).where({ id }).update({ published_at: null });
    expect(await relay.publishPending()).toBe(1);
    expect(await runner().run([CONSUMER_A, CONSUMER_B], { stopWhenEmpty: true })).toBe(2);
    // …and a copy arriving after the first was completed and purged is absorbed by the consumers' processed record.
    await app.db.knex(QUEUE_MESSAGE_TABLE).where({ id }).delete();
    const copy: QueueMessage[] = [CONSUMER_A, CONSUMER_B].map((consumer) => ({ id, event: 'test_queue_ping', payload: { tag }, consumer, createdAt: new Date().toISOString() }));
    await transport.publish(copy);
    await transport.publish(copy);
    expect(await runner().run([CONSUMER_A, CONSUMER_B], { stopWhenEmpty: true })).toBe(2);
    expect((await effects(app, tag)).sort()).toEqual(['record_a', 'record_b']);
    expect(await app.db.knex(PROCESSED_TABLE).where({ message_id: id }).pluck('consumer')).toHaveLength(2);
  });

  it('retries a failing message and then delivers it once', async () => {
    const tag = uniqueTag();
    await app.events.dispatch('test_queue_flaky', { tag, failures: 2 });
    await relay.flush();
    expect(await runner().run([CONSUMER_FLAKY], { stopWhenEmpty: true })).toBe(1);
    // Failed deliveries rolled back their writes: only the third one left a trace.
    expect(await effects(app, tag)).toEqual(['flaky#3']);
    const id = (await app.db.knex(OUTBOX_TABLE).whereRaw('payload like ?', [`%${tag}%`]).first()).id;
    expect(await statusOf(id, CONSUMER_FLAKY)).toMatchObject({ status: 'complete', attempts: 3, last_error: null });
  });

  it('parks a message in error after the maximum attempts', async () => {
    const strict = new DbQueueTransport(app.db, app.logger, { retryDelayMs: 0, maxAttempts: 3 });
    const tag = uniqueTag();
    await app.events.dispatch('test_queue_flaky', { tag, failures: 100 });
    await relay.flush();
    expect(await runner(strict).run([CONSUMER_FLAKY], { stopWhenEmpty: true })).toBe(0);
    const id = (await app.db.knex(OUTBOX_TABLE).whereRaw('payload like ?', [`%${tag}%`]).first()).id;
    const status = await statusOf(id, CONSUMER_FLAKY);
    expect(status).toMatchObject({ status: 'error', attempts: 3, locked_by: null });
    expect(status.last_error).toContain('flaky failed on delivery 3');
    expect(await effects(app, tag)).toEqual([]);
    expect(await runner(strict).run([CONSUMER_FLAKY], { stopWhenEmpty: true })).toBe(0);
  });

  it('waits for a retry delay before delivering again', async () => {
    const slow = new DbQueueTransport(app.db, app.logger, { retryDelayMs: 60_000 });
    const tag = uniqueTag();
    await app.events.dispatch('test_queue_flaky', { tag, failures: 1 });
    await relay.flush();
    expect(await runner(slow).run([CONSUMER_FLAKY], { stopWhenEmpty: true })).toBe(0);
    const id = (await app.db.knex(OUTBOX_TABLE).whereRaw('payload like ?', [`%${tag}%`]).first()).id;
    const status = await statusOf(id, CONSUMER_FLAKY);
    expect(status).toMatchObject({ status: 'new', attempts: 1 });
    expect(Number(status.available_at)).toBeGreaterThan(Date.now() + 50_000);
    await app.db.knex(QUEUE_MESSAGE_STATUS_TABLE).where({ id: status.id }).update({ available_at: 0 });
    expect(await runner(slow).run([CONSUMER_FLAKY], { stopWhenEmpty: true })).toBe(1);
  });

  it('reclaims a message whose consumer died mid-delivery once its lock expires, not before', async () => {
    const tag = uniqueTag();
    const id = await dispatchPing(tag);
    const crashed = { status: 'in_progress', locked_by: 'dead-consumer', attempts: 1 };
    await app.db.knex(QUEUE_MESSAGE_STATUS_TABLE).where({ message_id: id, consumer: CONSUMER_A }).update({ ...crashed, locked_until: Date.now() + 60_000 });
    expect(await runner().run([CONSUMER_A], { stopWhenEmpty: true })).toBe(0);
    await app.db.knex(QUEUE_MESSAGE_STATUS_TABLE).where({ message_id: id, consumer: CONSUMER_A }).update({ locked_until: Date.now() - 1 });
    expect(await runner().run([CONSUMER_A], { stopWhenEmpty: true })).toBe(1);
    expect(await statusOf(id, CONSUMER_A)).toMatchObject({ status: 'complete', attempts: 2 });
    expect(await effects(app, tag)).toEqual(['record_a']);
    await runner().run([CONSUMER_B], { stopWhenEmpty: true });
  });

  it('gives up on a message whose claim keeps expiring', async () => {
    const strict = new DbQueueTransport(app.db, app.logger, { maxAttempts: 2 });
    const tag = uniqueTag();
    const id = await dispatchPing(tag);
    await app.db.knex(QUEUE_MESSAGE_STATUS_TABLE)
      .where({ message_id: id, consumer: CONSUMER_A })
      .update({ status: 'in_progress', locked_by: 'dead-consumer', attempts: 2, locked_until: Date.now() - 1 });
    expect(await runner(strict).run([CONSUMER_A], { stopWhenEmpty: true })).toBe(0);
    expect(await statusOf(id, CONSUMER_A)).toMatchObject({ status: 'error', attempts: 3 });
    expect(await effects(app, tag)).toEqual([]);
    await runner().run([CONSUMER_B], { stopWhenEmpty: true });
  });

  it('lets concurrent consumers share the queue without processing a message twice', async () => {
    const tags = Array.from({ length: 12 }, () => uniqueTag('c'));
    for (const tag of tags) await app.events.dispatch('test_queue_ping', { tag });
    await relay.flush();
    const a = new DbQueueTransport(app.db, app.logger, { batchSize: 2 });
    const b = new DbQueueTransport(app.db, app.logger, { batchSize: 3 });
    const counts = await Promise.all([
      runner(a).run([CONSUMER_A, CONSUMER_B], { stopWhenEmpty: true }),
      runner(b).run([CONSUMER_A, CONSUMER_B], { stopWhenEmpty: true }),
    ]);
    expect(counts[0] + counts[1]).toBe(24);
    for (const tag of tags) expect((await effects(app, tag)).sort()).toEqual(['record_a', 'record_b']);
  });

  it('stops after --max-messages and leaves the rest queued', async () => {
    const tags = [uniqueTag('m'), uniqueTag('m'), uniqueTag('m')];
    for (const tag of tags) await app.events.dispatch('test_queue_ping', { tag });
    await relay.flush();
    expect(await runner().run([CONSUMER_A], { maxMessages: 2 })).toBe(2);
    const waiting = await app.db.knex(QUEUE_MESSAGE_STATUS_TABLE).where({ consumer: CONSUMER_A, status: 'new' }).count({ n: '*' });
    expect(Number(waiting[0].n)).toBe(1);
    expect(await app.db.knex(QUEUE_MESSAGE_STATUS_TABLE).where({ status: 'in_progress' }).count({ n: '*' })).toEqual([{ n: 0 }]);
    await runner().run([CONSUMER_A, CONSUMER_B], { stopWhenEmpty: true });
  });

  it('returns promptly when aborted while waiting for messages', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const running = runner().run([CONSUMER_A], { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    expect(await running).toBe(0);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('wakes a consumer of this process waiting for work as soon as a publish of this process commits, not at its next poll', async () => {
    const waker = new DbQueueTransport(app.db, app.logger, { pollIntervalMs: 600_000 });
    const wakingRelay = new OutboxRelay(app.db, app.events.observers, waker, app.logger, { pollIntervalMs: 0 });
    const controller = new AbortController();
    // Waits on an empty queue: with a ten-minute poll interval, only the publish can bring the message in time.
    await runner(waker).run([CONSUMER_A], { stopWhenEmpty: true });
    const running = runner(waker).run([CONSUMER_A], { signal: controller.signal });
    try {
      const tag = uniqueTag('wake');
      await app.events.dispatch('test_queue_ping', { tag });
      await wakingRelay.flush();
      await waitFor(async () => (await effects(app, tag)).includes('record_a'));
    } finally {
      controller.abort();
      await running;
      await wakingRelay.stop();
    }
  });

  it('runs relay and consumers in the background of a long-running process, until stopped', async () => {
    const worker = QueueWorker.start(app, { relay: { pollIntervalMs: 0 } });
    try {
      const tag = uniqueTag('worker');
      await app.events.dispatch('test_queue_ping', { tag });
      await waitFor(async () => (await effects(app, tag)).length === 2);
      expect((await effects(app, tag)).sort()).toEqual(['record_a', 'record_b']);
    } finally {
      await worker.stop();
    }
    expect(() => QueueWorker.start(app, { consumers: ['Test_Queue::typo'] })).toThrow(/Unknown consumer/);
  });

  it('delivers a `transaction: false` observer outside any transaction, once, its ctx.trx refused', async () => {
    const tag = uniqueTag();
    await app.events.dispatch('test_queue_outside', { tag });
    await relay.flush();
    expect(await runner().run([CONSUMER_OUTSIDE], { stopWhenEmpty: true })).toBe(1);
    expect(await effects(app, tag)).toEqual(['outside in_transaction=false trx=OBSERVER_OUTSIDE_TRANSACTION']);
    const id = (await app.db.knex(OUTBOX_TABLE).whereRaw('payload like ?', [`%${tag}%`]).first()).id;
    expect(await statusOf(id, CONSUMER_OUTSIDE)).toMatchObject({ status: 'complete', attempts: 1 });
    expect(await app.db.knex(PROCESSED_TABLE).where({ consumer: CONSUMER_OUTSIDE, message_id: id })).toHaveLength(1);
    // Published again (a relay that lost its claim): the record keeps it to one effect.
    await transport.publish([{ id, event: 'test_queue_outside', payload: { tag }, consumer: CONSUMER_OUTSIDE, createdAt: new Date().toISOString() }]);
    await app.db.knex(QUEUE_MESSAGE_STATUS_TABLE).where({ message_id: id }).update({ status: 'new', available_at: 0 });
    await runner().run([CONSUMER_OUTSIDE], { stopWhenEmpty: true });
    expect(await effects(app, tag)).toHaveLength(1);
  });

  it('refuses an unknown consumer name, listing the known ones', () => {
    expect(() => runner().resolve(['Test_Queue::nope'])).toThrow(KernelError);
    expect(() => runner().resolve(['Test_Queue::nope'])).toThrow(/Unknown consumer\(s\): Test_Queue::nope\. Known consumers: Comptoir_Framework::kernel_send_mail, Test_Queue::record_a, Test_Queue::record_b, Test_Queue::flaky, Test_Queue::outside/);
    expect(runner().resolve().map((c) => c.id)).toEqual(['Comptoir_Framework::kernel_send_mail', CONSUMER_A, CONSUMER_B, CONSUMER_FLAKY, CONSUMER_OUTSIDE]);
  });

  describe('outbox relay', () => {
    /** Records what it was asked to publish, optionally failing. */
    class RecordingTransport implements QueueTransport {
      readonly name = 'db' as const;
      published: QueueMessage[] = [];
      failing = false;
      async publish(messages: QueueMessage[]) {
        // Let another relay interleave between claim and mark.
        await new Promise((r) => setTimeout(r, 5));
        if (this.failing) throw new Error('broker down');
        this.published.push(...messages);
      }
      async consume() {
        return 0;
      }
      async close() {}
    }

    async function pendingOutboxRows(): Promise<Array<{ id: string; claimed_by: string | null }>> {
      return app.db.knex(OUTBOX_TABLE).whereNull('published_at').select('id', 'claimed_by');
    }

    async function insertPendingPings(count: number): Promise<void> {
      // Written directly: these rows stand for events whose process died before publishing them.
      const rows = Array.from({ length: count }, (_, i) => ({
        id: `00000000-0000-4000-8000-${String(Date.now() % 1e6).padStart(6, '0')}${String(i).padStart(6, '0')}`,
        event_name: 'test_queue_ping',
        payload: JSON.stringify({ tag: uniqueTag('r') }),
        created_at: new Date().toISOString(),
      }));
      await app.db.knex(OUTBOX_TABLE).insert(rows);
    }

    it('waits out coalesceMs after a kick, so that the events of several commits go out in one batch', async () => {
      const batched = new OutboxRelay(app.db, app.events.observers, new RecordingTransport(), app.logger, { pollIntervalMs: 0, coalesceMs: 60 });
      // The batches themselves are the other tests' business: here, only when they run.
      const runs = jest.spyOn(batched, 'publishPending').mockResolvedValue(0);
      const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      try {
        batched.kick();
        batched.kick();
        await pause(20);
        expect(runs).not.toHaveBeenCalled();
        batched.kick();
        await pause(120);
        expect(runs).toHaveBeenCalledTimes(1);
        // flush() serves a waiting kick at once, and the kick does not run again afterwards.
        batched.kick();
        await batched.flush();
        await pause(120);
        expect(runs).toHaveBeenCalledTimes(2);
        // stop() publishes what a waiting kick was for, instead of leaving it to the next start's poll.
        batched.kick();
        await batched.stop();
        expect(runs).toHaveBeenCalledTimes(3);
      } finally {
        await batched.stop();
      }
    });

    it('does not publish a row twice when two relays run at once', async () => {
      await relay.flush();
      await insertPendingPings(30);
      const one = new RecordingTransport();
      const two = new RecordingTransport();
      const relayOne = new OutboxRelay(app.db, app.events.observers, one, app.logger, { pollIntervalMs: 0, batchSize: 4 });
      const relayTwo = new OutboxRelay(app.db, app.events.observers, two, app.logger, { pollIntervalMs: 0, batchSize: 4 });
      const [a, b] = await Promise.all([relayOne.publishPending(), relayTwo.publishPending()]);
      expect(a + b).toBe(30);
      const ids = [...one.published, ...two.published].map((m) => `${m.id}/${m.consumer}`);
      expect(ids).toHaveLength(60);
      expect(new Set(ids).size).toBe(60);
      expect(await pendingOutboxRows()).toEqual([]);
    });

    it('leaves rows pending and unclaimed when the transport fails, and publishes them later', async () => {
      await relay.flush();
      await insertPendingPings(3);
      const flaky = new RecordingTransport();
      flaky.failing = true;
      const broken = new OutboxRelay(app.db, app.events.observers, flaky, app.logger, { pollIntervalMs: 0 });
      await expect(broken.publishPending()).rejects.toThrow('broker down');
      const pending = await pendingOutboxRows();
      expect(pending).toHaveLength(3);
      expect(pending.every((r) => r.claimed_by === null)).toBe(true);
      flaky.failing = false;
      expect(await broken.publishPending()).toBe(3);
      expect(flaky.published).toHaveLength(6);
    });

    it('publishes rows left behind on start and on its poll interval', async () => {
      await relay.flush();
      const recording = new RecordingTransport();
      const polling = new OutboxRelay(app.db, app.events.observers, recording, app.logger, { pollIntervalMs: 30 });
      await insertPendingPings(2);
      polling.start();
      try {
        await waitFor(async () => (await pendingOutboxRows()).length === 0);
        await insertPendingPings(1);
        await waitFor(async () => (await pendingOutboxRows()).length === 0);
        expect(recording.published).toHaveLength(6);
      } finally {
        await polling.stop();
      }
    });

    it('leaves a row claimed by a live relay alone until the claim expires', async () => {
      await relay.flush();
      await insertPendingPings(1);
      const [row] = await pendingOutboxRows();
      await app.db.knex(OUTBOX_TABLE).where({ id: row.id }).update({ claimed_by: 'other-relay', claim_expires_at: Date.now() + 60_000 });
      const recording = new RecordingTransport();
      const other = new OutboxRelay(app.db, app.events.observers, recording, app.logger, { pollIntervalMs: 0 });
      expect(await other.publishPending()).toBe(0);
      await app.db.knex(OUTBOX_TABLE).where({ id: row.id }).update({ claim_expires_at: Date.now() - 1 });
      expect(await other.publishPending()).toBe(1);
      expect(recording.published.map((m) => m.id)).toEqual([row.id, row.id]);
    });
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
