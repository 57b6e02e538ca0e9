import fs from 'node:fs';
import { recordQueries } from '../../testing/query-recorder';
import type { Database } from '../database';
import { useItemsDatabase } from './support/items-database';

/**
 * Database.transaction on both databases. On SQLite it runs on the connection itself (BEGIN IMMEDIATE/COMMIT straight on it,
 * a knex bound to the connection as `trx`), so these pin down what knex's transactions guaranteed: isolation from other
 * requests, rollback of every kind of write, refusal of statements that come after the end, one scope per transaction.
 */
describe('Database.transaction', () => {
  let db: Database;
  const current = useItemsDatabase(['a']);
  beforeEach(() => {
    db = current();
  });

  const names = async () => ((await db.knex('items').orderBy('id').pluck('name')) as string[]).join(',');

  it('commits builder, raw and written-out writes together, and answers what the work answered', async () => {
    const answer = await db.transaction(async (trx) => {
      await trx('items').insert({ name: 'b' });
      await trx.raw('INSERT INTO items (name) VALUES (?)', ['c']);
      await db.insert('items', { name: 'd' });
      await db.conn()('items').insert({ name: 'e' });
      return 42;
    });
    expect(answer).toBe(42);
    expect(await names()).toBe('a,b,c,d,e');
  });

  it('rolls every write back when the work throws, and rethrows its error', async () => {
    const failing = db.transaction(async (trx) => {
      await trx('items').insert({ name: 'b' });
      await db.execute('UPDATE items SET name = ? WHERE name = ?', ['z', 'a']);
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    expect(await names()).toBe('a');
  });

  it('keeps other requests out: a read outside waits for the commit, concurrent transactions run one after the other', async () => {
    const seen: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = db.transaction(async (trx) => {
      await trx('items').insert({ name: 'b' });
      await held;
      await trx('items').insert({ name: 'c' });
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = db.transaction(async (trx) => {
      seen.push(((await trx('items').orderBy('id').pluck('name')) as string[]).join(','));
      await trx('items').insert({ name: 'd' });
    });
    const outside = db.select<{ name: string }>('SELECT name FROM items ORDER BY id').then((rows) => seen.push(rows.map((r) => r.name).join(',')));
    setTimeout(release, 30);
    await Promise.all([first, second, outside]);
    // Neither the second transaction nor the outside read saw b without c. On SQLite they wait: a, a,b,c or a,b,c,d. On MySQL
    // the outside read does not wait and the second transaction may commit first, so it may also see a,d.
    for (const state of seen) {
      const rows = state.split(',');
      expect(rows.includes('b')).toBe(rows.includes('c'));
      if (db.client === 'sqlite') expect(['a', 'a,b,c', 'a,b,c,d']).toContain(state);
    }
    // On MySQL the two transactions do run side by side (row locks only), so d may take its id before c.
    expect((await names()).split(',').sort().join(',')).toBe('a,b,c,d');
  });

  it('refuses a statement made through its trx after it ended, instead of running it outside any transaction', async () => {
    let late: Promise<unknown> | undefined;
    await db.transaction(async (trx) => {
      // Work the transaction left behind (not awaited): it comes back after the commit.
      late = new Promise((resolve) => setTimeout(resolve, 20)).then(() => trx('items').insert({ name: 'late' }));
    });
    await expect(late).rejects.toThrow(/complete/i);
    expect(await names()).toBe('a');
  });

  it('gives each outermost transaction its own scope, shared by its savepoints, and none outside', async () => {
    expect(db.transactionScope()).toBeUndefined();
    const scopes: object[] = [];
    await db.transaction(async () => {
      scopes.push(db.transactionScope()!);
      await db.transaction(async () => {
        scopes.push(db.transactionScope()!);
      });
    });
    await db.transaction(async () => {
      scopes.push(db.transactionScope()!);
    });
    expect(scopes[0]).toBeDefined();
    expect(scopes[1]).toBe(scopes[0]);
    expect(scopes[2]).not.toBe(scopes[0]);
  });

  it("is heard by listeners of knex's query event, its BEGIN and COMMIT included", async () => {
    const { sql: heard } = await recordQueries(db, () =>
      db.transaction(async (trx) => {
        await trx('items').insert({ name: 'b' });
      }),
    );
    expect(heard.some((sql) => /^BEGIN/i.test(sql))).toBe(true);
    expect(heard.some((sql) => /^insert into .items./i.test(sql))).toBe(true);
    expect(heard.some((sql) => /^COMMIT/i.test(sql))).toBe(true);
  });

  it('runs after-commit callbacks once the outermost transaction committed, and not after a rollback', async () => {
    const calls: string[] = [];
    await db.transaction(async () => {
      db.afterCommit(() => void calls.push('outer'));
      await db.transaction(async () => {
        db.afterCommit(() => void calls.push('inner'));
      });
      expect(calls).toEqual([]);
    });
    await db
      .transaction(async () => {
        db.afterCommit(() => void calls.push('rolled back'));
        throw new Error('no');
      })
      .catch(() => undefined);
    expect(calls).toEqual(['outer', 'inner']);
  });

  it('nests trx.transaction(work) as a savepoint of the transaction, as knex does', async () => {
    await db.transaction(async (trx) => {
      await trx('items').insert({ name: 'b' });
      await trx.transaction(async (inner) => {
        await inner('items').insert({ name: 'c' });
        throw new Error('inner');
      }).catch(() => undefined);
      await trx.transaction(async (inner) => inner('items').insert({ name: 'd' }));
    });
    expect(await names()).toBe('a,b,d');
  });

  describe('durable commits (TransactionOptions.durable)', () => {
    const sqlite = () => db.client === 'sqlite';
    /** Records the WAL syncs (fdatasync of a descriptor opened on the `-wal` file), pushing 'synced' to `events` as each ends. */
    function watchSyncs(events: string[]): { syncs: string[]; restore: () => void } {
      const syncs: string[] = [];
      const files = new Map<number, string>();
      const open = fs.open;
      const fdatasync = fs.fdatasync;
      const openSpy = jest.spyOn(fs, 'open').mockImplementation(((file: string, flags: string, done: (err: Error | null, fd: number) => void) =>
        open(file, flags, (err, fd) => {
          if (!err) files.set(fd, String(file));
          done(err, fd);
        })) as unknown as typeof fs.open);
      const syncSpy = jest.spyOn(fs, 'fdatasync').mockImplementation(((fd: number, done: (err: Error | null) => void) =>
        fdatasync(fd, (err) => {
          syncs.push(files.get(fd) ?? `fd ${fd}`);
          events.push('synced');
          done(err);
        })) as unknown as typeof fs.fdatasync);
      return {
        syncs,
        restore: () => {
          openSpy.mockRestore();
          syncSpy.mockRestore();
        },
      };
    }

    it('runs SQLite with synchronous=NORMAL', async () => {
      if (!sqlite()) return;
      expect((await db.select<{ synchronous: number }>('PRAGMA synchronous'))[0].synchronous).toBe(1);
    });

    it('resolves a durable transaction only once the WAL holding its commit is synced to disk', async () => {
      const events: string[] = [];
      const { syncs, restore } = watchSyncs(events);
      try {
        await db.transaction(async (trx) => void (await trx('items').insert({ name: 'b' })), { durable: true }).then(() => events.push('resolved'));
      } finally {
        restore();
      }
      expect(await names()).toBe('a,b');
      // MySQL/MariaDB: the server's innodb_flush_log_at_trx_commit decides; the option changes nothing here.
      if (!sqlite()) return expect(syncs).toEqual([]);
      expect(syncs).toEqual([`${(db.settings as { filename: string }).filename}-wal`]);
      expect(events).toEqual(['synced', 'resolved']);
      // The descriptor is kept for the next durable commit.
      const more = watchSyncs(events);
      try {
        await db.transaction(async () => void (await db.insert('items', { name: 'c' })), { durable: true });
      } finally {
        more.restore();
      }
      expect(more.syncs).toHaveLength(1);
      expect(events).toEqual(['synced', 'resolved', 'synced']);
    });

    it('syncs nothing for a durable transaction that rolled back, nor for transactions that do not ask', async () => {
      const { syncs, restore } = watchSyncs([]);
      try {
        await expect(db.transaction(async () => { await db.insert('items', { name: 'b' }); throw new Error('declined'); }, { durable: true })).rejects.toThrow('declined');
        await db.transaction(async () => void (await db.insert('items', { name: 'c' })));
      } finally {
        restore();
      }
      expect(syncs).toEqual([]);
      expect(await names()).toBe('a,c');
    });

    it('syncs after the outermost commit when a nested transaction asked for durability', async () => {
      const events: string[] = [];
      const { syncs, restore } = watchSyncs(events);
      try {
        await db.transaction(async () => {
          await db.insert('items', { name: 'b' });
          await db.transaction(async () => void (await db.insert('items', { name: 'c' })), { durable: true });
          events.push('inner done');
        });
      } finally {
        restore();
      }
      expect(await names()).toBe('a,b,c');
      if (sqlite()) expect(events).toEqual(['inner done', 'synced']);
      else expect(syncs).toEqual([]);
    });
  });
});
