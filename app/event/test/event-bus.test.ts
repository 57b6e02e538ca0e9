import { OUTBOX_TABLE } from '../event-bus';
import { QUEUE_MESSAGE_TABLE } from '../db-queue-transport';
import { ConsumerRunner } from '../consumer-runner';
import { OutboxRelay } from '../outbox-relay';
import { Kernel } from '../../kernel/tokens';
import type { TestApp } from '../../testing/test-app';
import { TEST_LOG_TABLE } from './fixtures/queue_test/module';
import { CONSUMER_A, CONSUMER_B, createQueueTestApp, effects, uniqueTag } from './support/queue-test-app';

describe('EventBus', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createQueueTestApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('runs sync observers in module load order, inside the dispatcher transaction', async () => {
    const tag = uniqueTag();
    await app.db.transaction(async (trx) => {
      await trx(TEST_LOG_TABLE).insert({ tag, observer: 'dispatcher' });
      await app.events.dispatch('test_queue_sync', { tag });
      // Still uncommitted: the observers' rows are visible only because they were written with this transaction.
      const seen = await trx(TEST_LOG_TABLE).where({ tag }).orderBy('id').pluck('observer');
      expect(seen).toEqual(['dispatcher', 'sync_first', 'sync_second', 'sync_late']);
    });
    expect(await effects(app, tag)).toEqual(['dispatcher', 'sync_first', 'sync_second', 'sync_late']);
  });

  it('rolls back with the dispatcher: observer writes vanish when the dispatcher fails afterwards', async () => {
    const tag = uniqueTag();
    await expect(
      app.db.transaction(async () => {
        await app.events.dispatch('test_queue_sync', { tag });
        throw new Error('dispatcher failed after dispatch');
      }),
    ).rejects.toThrow('dispatcher failed after dispatch');
    expect(await effects(app, tag)).toEqual([]);
  });

  it("rolls back the dispatcher's writes and its outbox rows when an observer throws", async () => {
    const tag = uniqueTag();
    const outboxBefore = await countRows(OUTBOX_TABLE);
    await expect(
      app.db.transaction(async (trx) => {
        await trx(TEST_LOG_TABLE).insert({ tag, observer: 'dispatcher' });
        // This one has async observers, so it writes an outbox row…
        await app.events.dispatch('test_queue_ping', { tag });
        // …which must go when a later sync observer fails.
        await app.events.dispatch('test_queue_sync', { tag, failAt: 'sync_second' });
      }),
    ).rejects.toThrow('sync_second failed');
    expect(await effects(app, tag)).toEqual([]);
    expect(await countRows(OUTBOX_TABLE)).toBe(outboxBefore);
  });

  it('opens a transaction of its own when the dispatcher has none', async () => {
    const tag = uniqueTag();
    await expect(app.events.dispatch('test_queue_sync', { tag, failAt: 'sync_late' })).rejects.toThrow('sync_late failed');
    expect(await effects(app, tag)).toEqual([]);
    await app.events.dispatch('test_queue_sync', { tag });
    expect(await effects(app, tag)).toEqual(['sync_first', 'sync_second', 'sync_late']);
  });

  it('delivers async observers only after commit, through the outbox', async () => {
    const tag = uniqueTag();
    const relay = new OutboxRelay(app.db, app.events.observers, app.get(Kernel.QueueTransport), app.logger, { pollIntervalMs: 0 });
    relay.start(app.events);
    try {
      await relay.flush();
      let outboxId = '';
      await app.db.transaction(async (trx) => {
        await app.events.dispatch('test_queue_ping', { tag });
        const row = await trx(OUTBOX_TABLE).whereRaw('payload like ?', [`%${tag}%`]).first();
        expect(row).toMatchObject({ event_name: 'test_queue_ping', published_at: null });
        outboxId = row.id;
        // Nothing reached the queue or ran yet: the relay only sees committed rows.
        expect(await trx(QUEUE_MESSAGE_TABLE).where({ id: outboxId }).first()).toBeUndefined();
        expect(await trx(TEST_LOG_TABLE).where({ tag }).first()).toBeUndefined();
      });
      // The commit kicked the relay.
      await relay.flush();
      expect((await app.db.knex(OUTBOX_TABLE).where({ id: outboxId }).first()).published_at).not.toBeNull();
      expect(await effects(app, tag)).toEqual([]);
      const processed = await new ConsumerRunner(app).run([CONSUMER_A, CONSUMER_B], { stopWhenEmpty: true });
      expect(processed).toBe(2);
      const rows = await app.db.knex(TEST_LOG_TABLE).where({ tag }).orderBy('observer').select('observer', 'message_id');
      expect(rows).toEqual([
        { observer: 'record_a', message_id: outboxId },
        { observer: 'record_b', message_id: outboxId },
      ]);
    } finally {
      await relay.stop();
    }
  });

  it('writes no outbox row for an event without async observers', async () => {
    const before = await countRows(OUTBOX_TABLE);
    await app.events.dispatch('test_queue_sync', { tag: uniqueTag() });
    expect(await countRows(OUTBOX_TABLE)).toBe(before);
  });

  async function countRows(table: string): Promise<number> {
    const [{ n }] = await app.db.knex(table).count({ n: '*' });
    return Number(n);
  }
});

