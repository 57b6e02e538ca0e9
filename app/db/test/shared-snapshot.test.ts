import { createKnex, Database } from '../database';
import { SharedSnapshot } from '../shared-snapshot';

describe('SharedSnapshot (process copy of read-mostly tables)', () => {
  let db: Database;

  beforeEach(async () => {
    db = new Database(createKnex({ client: 'sqlite', filename: ':memory:' }), { client: 'sqlite', filename: ':memory:' });
    await db.knex.schema.createTable('scopes', (t) => t.string('code'));
    await db.knex('scopes').insert({ code: 'default' });
  });
  afterEach(() => db.close());

  const codes = async () => ((await db.conn()('scopes').orderBy('code').pluck('code')) as string[]).join(',');

  it('loads once for concurrent callers, serves the copy until reset, and reloads after it', async () => {
    let loads = 0;
    const shared = new SharedSnapshot(db, async () => ++loads, 60_000);
    expect(await Promise.all([shared.current(), shared.current()])).toEqual([1, 1]);
    expect(await shared.current()).toBe(1);
    shared.reset();
    expect(await shared.current()).toBe(2);
    expect(loads).toBe(2);
  });

  it('peeks at its copy only when current() would answer it without loading', async () => {
    let loads = 0;
    const shared = new SharedSnapshot(db, async () => ++loads, 60_000);
    expect(shared.peek()).toBeUndefined();
    expect(await shared.current()).toBe(1);
    expect(shared.peek()).toBe(1);
    await db.transaction(async () => {
      expect(shared.peek()).toBe(1);
      shared.changing();
      expect(shared.peek()).toBeUndefined();
    });
    expect(shared.peek()).toBe(1);
    shared.reset();
    expect(shared.peek()).toBeUndefined();
    const expired = new SharedSnapshot(db, async () => 'x', 0);
    await expired.current();
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + 1);
    expect(expired.peek()).toBeUndefined();
    jest.restoreAllMocks();
  });

  it('does not install a load that a reset overtook', async () => {
    let loads = 0;
    const shared = new SharedSnapshot(db, async () => ++loads, 60_000);
    const racing = shared.current();
    shared.reset();
    expect(await racing).toBe(1);
    expect(await shared.current()).toBe(2);
  });

  it('serves its copy to transactions that do not change the tables, without a query', async () => {
    let loads = 0;
    const shared = new SharedSnapshot(db, async () => `${++loads}:${await codes()}`, 60_000);
    expect(await shared.current()).toBe('1:default');
    await db.transaction(async () => {
      expect(await shared.current()).toBe('1:default');
      expect(await shared.current()).toBe('1:default');
    });
    expect(loads).toBe(1);
  });

  it('loads a missing copy through the transaction that asks for it (SQLite has one connection) and shares it', async () => {
    let loads = 0;
    const shared = new SharedSnapshot(db, async () => `${++loads}:${await codes()}`, 60_000);
    await db.transaction(async () => {
      expect(await shared.current()).toBe('1:default');
    });
    expect(await shared.current()).toBe('1:default');
    expect(loads).toBe(1);
  });

  it('a transaction that declares a change reads its own rows, which never reach the shared copy, even when it rolls back', async () => {
    let loads = 0;
    const shared = new SharedSnapshot(db, async () => `${++loads}:${await codes()}`, 60_000);
    expect(await shared.current()).toBe('1:default');
    await expect(
      db.transaction(async (trx) => {
        shared.changing();
        await trx('scopes').insert({ code: 'fr' });
        expect(await shared.current()).toBe('2:default,fr');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await shared.current()).toBe('1:default');
    // The mark belongs to that transaction only.
    await db.transaction(async () => expect(await shared.current()).toBe('1:default'));
  });
});
