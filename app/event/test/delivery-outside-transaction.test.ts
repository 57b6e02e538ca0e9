import crypto from 'node:crypto';
import { deliverOnce, PROCESSED_TABLE } from '../idempotent-delivery';
import { ObserverRegistry } from '../observer-registry';
import type { QueueMessage } from '../queue-transport';
import type { LoadedModule } from '../../module/manifest';
import { createTestApp, type TestApp } from '../../testing/test-app';

const SCRATCH = 'test_delivery_scratch';

/**
 * Consumers declared `transaction: false` (the kernel's mail sender): the handler runs outside any transaction, so it holds no
 * connection while it waits on a mail server or a disk, and the delivery record is committed once it succeeded.
 */
describe('delivery of consumers that run outside a transaction', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ modules: [] });
    await app.db.knex.schema.dropTableIfExists(SCRATCH);
    await app.db.knex.schema.createTable(SCRATCH, (t) => {
      t.increments('id');
      t.string('tag', 64).notNullable();
    });
  });
  afterAll(async () => {
    await app?.db.knex.schema.dropTableIfExists(SCRATCH);
    await app?.close();
  });

  const message = (consumer = 'Test::outside'): QueueMessage => ({
    id: crypto.randomUUID(),
    event: 'test_event',
    payload: {},
    consumer,
    createdAt: new Date().toISOString(),
  });
  const recorded = async (m: QueueMessage) => (await app.db.knex(PROCESSED_TABLE).where({ consumer: m.consumer, message_id: m.id })).length;

  it('runs the handler with no transaction open, then records the delivery with `finish`, and skips a redelivery', async () => {
    const m = message();
    const seen: Array<{ trx: unknown; inTransaction: boolean; recordedBefore: number }> = [];
    const handler = async (_: QueueMessage, trx: unknown) => {
      seen.push({ trx, inTransaction: app.db.inTransaction(), recordedBefore: await recorded(m) });
    };
    const finished: boolean[] = [];
    const finish = async () => void finished.push(app.db.inTransaction());
    await expect(deliverOnce(app.db, m, handler, finish, { transaction: false })).resolves.toBe('processed');
    expect(seen).toEqual([{ trx: undefined, inTransaction: false, recordedBefore: 0 }]);
    expect(await recorded(m)).toBe(1);
    // A redelivery (the transport lost its ack, a claim expired) finds the record: no second effect, but `finish` still runs.
    await expect(deliverOnce(app.db, m, handler, finish, { transaction: false })).resolves.toBe('duplicate');
    expect(seen).toHaveLength(1);
    expect(finished).toEqual([true, true]);
  });

  it('records nothing when the handler fails, so the message is delivered again', async () => {
    const m = message();
    let calls = 0;
    const handler = async () => {
      calls++;
      if (calls === 1) throw new Error('mail server down');
    };
    await expect(deliverOnce(app.db, m, handler, undefined, { transaction: false })).rejects.toThrow('mail server down');
    expect(await recorded(m)).toBe(0);
    await expect(deliverOnce(app.db, m, handler, undefined, { transaction: false })).resolves.toBe('processed');
    expect(calls).toBe(2);
  });

  it('lets other requests write while the handler waits (on SQLite the connection is not held)', async () => {
    const m = message();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let started!: () => void;
    const handlerStarted = new Promise<void>((resolve) => (started = resolve));
    const delivery = deliverOnce(
      app.db,
      m,
      async () => {
        started();
        await gate;
      },
      undefined,
      { transaction: false },
    );
    await handlerStarted;
    const tag = `w-${crypto.randomBytes(4).toString('hex')}`;
    // Were the handler inside a transaction, this write would wait for it, and the handler waits for the write: a timeout.
    const write = app.db.transaction(async (trx) => void (await trx(SCRATCH).insert({ tag })));
    const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('timed out'), 2000).unref());
    await expect(Promise.race([write.then(() => 'written'), timeout])).resolves.toBe('written');
    open();
    await expect(delivery).resolves.toBe('processed');
    expect(await app.db.knex(SCRATCH).where({ tag })).toHaveLength(1);
  });

  it('keeps the default: the handler runs in the transaction that records the delivery', async () => {
    const m = message('Test::inside');
    const seen: boolean[] = [];
    await deliverOnce(app.db, m, async (_, trx) => void seen.push(app.db.inTransaction() && trx !== undefined));
    expect(seen).toEqual([true]);
    expect(await recorded(m)).toBe(1);
  });

  it('refuses `transaction: false` on a sync observer', () => {
    const mod = {
      manifest: { name: 'Test_Bad', version: '1.0.0', observers: [{ event: 'mail_queued', name: 'bad', transaction: false, handler: () => undefined }] },
      dir: __dirname,
      source: 'modules',
    } as unknown as LoadedModule;
    expect(() => new ObserverRegistry([mod])).toThrow(/only async observers can run outside a transaction/);
  });
});
