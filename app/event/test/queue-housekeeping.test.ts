import { Command } from 'commander';
import type { CliContext } from '../../cli/cli-context';
import { boot } from '../../kernel/boot';
import { projectPaths } from '../../kernel/paths';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { QUEUE_MESSAGE_STATUS_TABLE, QUEUE_MESSAGE_TABLE } from '../db-queue-transport';
import { OUTBOX_TABLE } from '../event-bus';
import { PROCESSED_TABLE } from '../idempotent-delivery';
import { cleanQueueTables } from '../queue-housekeeping';
import { registerQueueCommands } from '../queue-commands';
import { QueueWorker } from '../queue-worker';

const DAY = 86_400_000;
const iso = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString();

describe('queue housekeeping (queue:clean, hourly in servers)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ modules: [], env: (env) => ({ ...env, queue: { ...env.queue, retentionDays: 7 } }) });
  });
  afterAll(() => app?.close());

  beforeEach(async () => {
    const knex = app.db.knex;
    for (const table of [QUEUE_MESSAGE_STATUS_TABLE, QUEUE_MESSAGE_TABLE, OUTBOX_TABLE, PROCESSED_TABLE]) await knex(table).delete();
    const outbox = (id: string, created: number, published: number | null) => ({ id, event_name: 'e', payload: '{}', created_at: iso(created), published_at: published === null ? null : iso(published) });
    await knex(OUTBOX_TABLE).insert([outbox('old-published', 30, 30), outbox('old-unpublished', 30, null), outbox('new-published', 1, 1)]);
    const message = (id: string, created: number) => ({ id, event_name: 'e', payload: '{}', created_at: iso(created) });
    await knex(QUEUE_MESSAGE_TABLE).insert([message('m-old-done', 30), message('m-old-failed', 30), message('m-old-pending', 30), message('m-new-done', 1)]);
    const status = (messageId: string, consumer: string, state: string) => ({ message_id: messageId, consumer, status: state, attempts: 1, available_at: 0, updated_at: iso(0) });
    await knex(QUEUE_MESSAGE_STATUS_TABLE).insert([
      status('m-old-done', 'a', 'complete'),
      status('m-old-done', 'b', 'complete'),
      status('m-old-failed', 'a', 'complete'),
      status('m-old-failed', 'b', 'error'),
      status('m-old-pending', 'a', 'new'),
      status('m-new-done', 'a', 'complete'),
    ]);
    await knex(PROCESSED_TABLE).insert([
      { consumer: 'a', message_id: 'p-old', processed_at: iso(30) },
      { consumer: 'a', message_id: 'p-new', processed_at: iso(1) },
    ]);
  });

  const ids = async (table: string, column = 'id') => ((await app.db.knex(table).orderBy(column).pluck(column)) as string[]);

  it('deletes only what is older than the retention and no longer needed: failed and pending deliveries and unpublished rows stay', async () => {
    const progress: string[] = [];
    const cleaned = await cleanQueueTables(app.db.knex, new Date(Date.now() - 7 * DAY), (part, done, total) => progress.push(`${part} ${done}/${total}`));
    expect(cleaned).toEqual({ outbox: 1, messages: 1, processed: 1 });
    expect(progress).toEqual(['outbox 1/1', 'messages 1/1', 'processed 1/1']);
    expect(await ids(OUTBOX_TABLE)).toEqual(['new-published', 'old-unpublished']);
    expect(await ids(QUEUE_MESSAGE_TABLE)).toEqual(['m-new-done', 'm-old-failed', 'm-old-pending']);
    expect(await ids(QUEUE_MESSAGE_STATUS_TABLE, 'message_id')).toEqual(['m-new-done', 'm-old-failed', 'm-old-failed', 'm-old-pending']);
    expect(await ids(PROCESSED_TABLE, 'message_id')).toEqual(['p-new']);
    // Running again finds nothing more.
    expect(await cleanQueueTables(app.db.knex, new Date(Date.now() - 7 * DAY))).toEqual({ outbox: 0, messages: 0, processed: 0 });
  });

  it('queue:clean --days deletes with the given retention and reports what it deleted', async () => {
    const lines: string[] = [];
    const progress: string[] = [];
    const ctx: CliContext = {
      paths: projectPaths(app.root),
      boot: () => boot({ root: app.root, env: app.env, modules: [], packagesRoot: false }),
      out: (line) => lines.push(line),
      progress: (label, done, total) => progress.push(`${label} ${done}/${total}`),
    };
    const program = new Command('comptoir').exitOverride().configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
    registerQueueCommands(program, ctx);
    program.commands.forEach((c) => c.exitOverride());
    await expect(program.parseAsync(['queue:clean', '--days', '0'], { from: 'user' })).rejects.toThrow('expected a whole number of days');
    await program.parseAsync(['queue:clean', '--days', '1'], { from: 'user' });
    // With one day, the rows of a day ago go too (they are a few ms older than the cutoff).
    expect(lines).toEqual(['Deleted 2 published outbox rows, 2 completed queue messages, 2 processed-message records older than 1 day(s).']);
    expect(progress).toContain('Deleting published outbox rows 2/2');
    expect(await ids(OUTBOX_TABLE)).toEqual(['old-unpublished']);
    expect(await ids(QUEUE_MESSAGE_TABLE)).toEqual(['m-old-failed', 'm-old-pending']);
  });

  it("a server's queue worker runs the housekeeping on its own, with etc/env.json queue.retentionDays", async () => {
    const worker = QueueWorker.start(app, { consumers: false, housekeepingIntervalMs: 50 });
    try {
      for (let i = 0; i < 100 && (await ids(PROCESSED_TABLE, 'message_id')).length > 1; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await ids(PROCESSED_TABLE, 'message_id')).toEqual(['p-new']);
      expect(await ids(OUTBOX_TABLE)).toEqual(['new-published', 'old-unpublished']);
    } finally {
      await worker.stop();
    }
  });
});
