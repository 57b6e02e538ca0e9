import { ConsumerRunner } from '../consumer-runner';
import { OUTBOX_TABLE } from '../event-bus';
import { OutboxRelay } from '../outbox-relay';
import type { TestApp } from '../../testing/test-app';
import { CONSUMER_A, CONSUMER_B, createQueueTestApp, effects, uniqueTag } from './support/queue-test-app';
import { runQueueChild } from './support/spawn-queue-child';

describe('crash between commit and publish', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createQueueTestApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('loses nothing: a process killed right after its commit has its event delivered later, exactly once', async () => {
    const tag = uniqueTag('crash');
    const child = await runQueueChild(app, ['dispatch-then-crash', tag]);
    expect({ signal: child.signal, stderr: child.stderr }).toEqual({ signal: 'SIGKILL', stderr: '' });

    // The child committed its event but never published it.
    const row = await app.db.knex(OUTBOX_TABLE).whereRaw('payload like ?', [`%${tag}%`]).first();
    expect(row).toMatchObject({ event_name: 'test_queue_ping', published_at: null });
    expect(await effects(app, tag)).toEqual([]);

    // A relay starting anywhere (here: this process) publishes the leftover row, and the consumers run it once.
    const relay = OutboxRelay.attach(app, { pollIntervalMs: 0 });
    await relay.flush();
    expect((await app.db.knex(OUTBOX_TABLE).where({ id: row.id }).first()).published_at).not.toBeNull();
    const runner = new ConsumerRunner(app);
    expect(await runner.run([CONSUMER_A, CONSUMER_B], { stopWhenEmpty: true })).toBe(2);
    expect((await effects(app, tag)).sort()).toEqual(['record_a', 'record_b']);

    // Running again, even after the relay republished the row, changes nothing.
    await app.db.knex(OUTBOX_TABLE).where({ id: row.id }).update({ published_at: null });
    await relay.flush();
    await runner.run([CONSUMER_A, CONSUMER_B], { stopWhenEmpty: true });
    expect((await effects(app, tag)).sort()).toEqual(['record_a', 'record_b']);
  });
});
