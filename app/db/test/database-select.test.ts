import { recordQueries } from '../../testing/query-recorder';
import type { Database } from '../database';
import { useItemsDatabase } from './support/items-database';

/** Database.select: written-out reads, straight on SQLite's idle connection, through knex otherwise; same answers either way. */
describe('Database.select', () => {
  let db: Database;
  const current = useItemsDatabase(['a', 'b', 'c']);
  beforeEach(() => {
    db = current();
  });

  const names = (rows: Array<{ name: string }>) => rows.map((r) => r.name).join(',');

  it('answers rows as plain objects with positional bindings, on both databases', async () => {
    const rows = await db.select<{ id: number; name: string }>('SELECT id, name FROM items WHERE name IN (?, ?) ORDER BY id', ['a', 'c']);
    expect(rows.map((r) => ({ id: Number(r.id), name: r.name }))).toEqual([
      { id: 1, name: 'a' },
      { id: 3, name: 'c' },
    ]);
    expect(await db.select('SELECT id FROM items WHERE name = ?', ['zzz'])).toEqual([]);
  });

  it("on SQLite, reads on the idle connection and in transactions without knex's runner; on MySQL, through it", async () => {
    // knex's runner tags the queries it runs with a query uid (and a transaction id inside a transaction).
    const { queries } = await recordQueries(db, async () => {
      await db.select('SELECT name FROM items WHERE id = ?', [1]);
      await db.transaction(() => db.select('SELECT name FROM items WHERE id = ?', [2]));
    });
    const reads = queries.filter((q) => q.sql.startsWith('SELECT name'));
    expect(reads).toHaveLength(2);
    expect(reads[0].__knexUid === undefined).toBe(db.client === 'sqlite');
    expect(reads[1].__knexTxId === undefined).toBe(db.client === 'sqlite');
  });

  it('binds booleans and dates as knex does', async () => {
    const when = new Date('2026-01-02T03:04:05Z');
    await db.knex('items').where({ name: 'b' }).update({ flag: 1, at: when.valueOf() });
    expect(names(await db.select<{ name: string }>('SELECT name FROM items WHERE flag = ?', [true]))).toBe('b');
    if (db.client === 'sqlite') expect(names(await db.select<{ name: string }>('SELECT name FROM items WHERE at = ?', [when]))).toBe('b');
  });

  it('inside a transaction reads through it (its own uncommitted rows), and outside it sees only what was committed', async () => {
    let inside = '';
    let outside = '';
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const trx = db.transaction(async (t) => {
      await t('items').insert({ name: 'd' });
      inside = names(await db.select<{ name: string }>('SELECT name FROM items ORDER BY id'));
      await held;
      throw new Error('roll back');
    });
    // While the transaction holds SQLite's only connection, a read outside it waits for the connection rather than reading
    // the uncommitted row through it.
    const reading = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const read = db.select<{ name: string }>('SELECT name FROM items ORDER BY id');
      setTimeout(release, 20);
      outside = names(await read);
    })();
    await expect(trx).rejects.toThrow('roll back');
    await reading;
    expect(inside).toBe('a,b,c,d');
    expect(outside).toBe('a,b,c');
    expect(names(await db.select<{ name: string }>('SELECT name FROM items ORDER BY id'))).toBe('a,b,c');
  });

  it("is heard by listeners of knex's query event, with its SQL and bindings", async () => {
    const { queries } = await recordQueries(db, () => db.select('SELECT name FROM items WHERE id = ?', [2]));
    expect(queries.map((q) => ({ sql: q.sql, bindings: q.bindings }))).toEqual([{ sql: 'SELECT name FROM items WHERE id = ?', bindings: [2] }]);
  });

  it('rejects bad SQL with the driver error, and the connection keeps working', async () => {
    const outcome = await db.select('SELECT nope FROM items').then((rows) => ({ rows, client: db.client }), (err: Error) => err.message);
    expect(outcome).toMatch(/nope/);
    expect(names(await db.select<{ name: string }>('SELECT name FROM items WHERE id = ?', [1]))).toBe('a');
  });

  it('selectTuples answers rows as tuples in the order of the columns (same values on both databases, nulls kept, none for no row)', async () => {
    await db.knex('items').where({ name: 'b' }).update({ flag: 1, at: 1234567890123 });
    const tuples = await db.selectTuples<[number, string, number, number | null]>(['id', 'name', 'flag', 'at'], 'FROM items WHERE id IN (?, ?)', [1, 2]);
    expect(tuples.map(([id, name, flag, at]) => [Number(id), name, Number(flag), at === null ? null : Number(at)]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [1, 'a', 0, null],
      [2, 'b', 1, 1234567890123],
    ]);
    // Columns of the same name from two tables stay apart; quotes and unicode survive the JSON round trip on SQLite.
    await db.knex('items').insert({ name: 'l\'été "chaud" \\ ✓' });
    const [[left, right, text]] = await db.selectTuples<[number, number, string]>(['x.id', 'y.id', 'x.name'], 'FROM items x JOIN items y ON y.id = x.id - 3 WHERE x.id = ?', [4]);
    expect([Number(left), Number(right), text]).toEqual([4, 1, 'l\'été "chaud" \\ ✓']);
    expect(await db.selectTuples(['id'], 'FROM items WHERE id = ?', [99])).toEqual([]);
  });

  it('execute runs written-out writes and answers the changed rows and the new id, on both databases', async () => {
    const inserted = await db.execute('INSERT INTO items (name, flag) VALUES (?, ?)', ['d', true]);
    expect(inserted).toEqual({ changes: 1, insertId: 4 });
    const updated = await db.execute('UPDATE items SET flag = ? WHERE name IN (?, ?)', [1, 'a', 'b']);
    expect(updated.changes).toBe(2);
    expect((await db.execute('DELETE FROM items WHERE name = ?', ['zzz'])).changes).toBe(0);
    expect(names(await db.select<{ name: string }>('SELECT name FROM items WHERE flag = ? ORDER BY id', [1]))).toBe('a,b,d');
  });

  it('execute inside a transaction writes through it: its later reads see the row, a rollback takes it away', async () => {
    let seen = '';
    const failing = db.transaction(async () => {
      await db.execute('INSERT INTO items (name) VALUES (?)', ['d']);
      await db.transaction(async () => {
        await db.execute('UPDATE items SET name = ? WHERE name = ?', ['dd', 'd']);
      });
      seen = names(await db.select<{ name: string }>('SELECT name FROM items ORDER BY id'));
      throw new Error('roll back');
    });
    await expect(failing).rejects.toThrow('roll back');
    expect(seen).toBe('a,b,c,dd');
    expect(names(await db.select<{ name: string }>('SELECT name FROM items ORDER BY id'))).toBe('a,b,c');
    // A savepoint rolled back alone takes only its own writes with it.
    await db.transaction(async () => {
      await db.execute('INSERT INTO items (name) VALUES (?)', ['e']);
      await db
        .transaction(async () => {
          await db.execute('INSERT INTO items (name) VALUES (?)', ['f']);
          throw new Error('inner');
        })
        .catch(() => undefined);
    });
    expect(names(await db.select<{ name: string }>('SELECT name FROM items ORDER BY id'))).toBe('a,b,c,e');
  });

  it('execute outside a transaction waits while another transaction holds the connection: its write does not join it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const trx = db.transaction(async (t) => {
      await t('items').insert({ name: 'd' });
      await held;
      throw new Error('roll back');
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const writing = db.execute('INSERT INTO items (name) VALUES (?)', ['e']);
    setTimeout(release, 20);
    await expect(trx).rejects.toThrow('roll back');
    await writing;
    expect(names(await db.select<{ name: string }>('SELECT name FROM items ORDER BY id'))).toBe('a,b,c,e');
  });

  it('execute after its transaction ended is refused by knex rather than run outside it', async () => {
    let late: Promise<unknown> | undefined;
    await db.transaction(async () => {
      late = new Promise((resolve) => setTimeout(resolve, 20)).then(() => db.execute('INSERT INTO items (name) VALUES (?)', ['late']));
    });
    await expect(late).rejects.toThrow();
    expect(names(await db.select<{ name: string }>('SELECT name FROM items ORDER BY id'))).toBe('a,b,c');
  });

  it('execute rejects a constraint violation with the driver error code, and the connection keeps working', async () => {
    await db.knex.schema.alterTable('items', (t) => t.unique(['name']));
    const err = (await db.execute('INSERT INTO items (name) VALUES (?)', ['a']).catch((e: unknown) => e)) as { code?: string };
    expect(['SQLITE_CONSTRAINT_UNIQUE', 'ER_DUP_ENTRY']).toContain(err.code);
    expect((await db.execute('INSERT INTO items (name) VALUES (?)', ['z'])).changes).toBe(1);
  });

  it('insert and update write one row or the matching rows with quoted identifiers, on both databases', async () => {
    await db.knex.schema.createTable('order', (t) => {
      t.increments('id');
      t.string('key').notNullable();
      t.string('status').nullable().defaultTo('new');
    });
    expect(await db.insert('order', { key: 'a', status: undefined })).toBe(1);
    expect(await db.insert('order', { key: 'b', status: null })).toBe(2);
    expect(await db.update('order', { status: 'done', key: undefined }, { status: null })).toBe(1);
    expect(await db.update('order', { status: 'done' }, { key: 'a', id: 1 })).toBe(1);
    expect(await db.update('order', { status: 'x' }, { key: 'zzz' })).toBe(0);
    expect(await db.knex('order').orderBy('id').select('key', 'status')).toEqual([
      { key: 'a', status: 'done' },
      { key: 'b', status: 'done' },
    ]);
    await expect(db.update('order', { status: 'x' }, {})).rejects.toThrow('without a WHERE');
    await expect(db.update('order', { status: undefined }, { id: 1 })).rejects.toThrow('nothing to set');
    await expect(db.insert('order; DROP TABLE items', { key: 'c' })).rejects.toThrow('unexpected SQL identifier');
  });

  it('nested transactions are savepoints: a failed one takes back its own writes (builder and written-out), the outer goes on', async () => {
    const { sql: heard } = await recordQueries(db, () => db.transaction(async (outer) => {
      await outer('items').insert({ name: 'd' });
      const failed = await db
        .transaction(async (inner) => {
          await inner('items').insert({ name: 'e' });
          await db.execute('UPDATE items SET name = ? WHERE name = ?', ['dd', 'd']);
          await db.transaction(async (innermost) => innermost('items').insert({ name: 'f' }));
          throw new Error('inner');
        })
        .catch((err: Error) => err.message);
      expect(failed).toBe('inner');
      expect(names(await db.select<{ name: string }>('SELECT name FROM items ORDER BY id'))).toBe('a,b,c,d');
      await db.transaction(async (inner) => inner('items').insert({ name: 'g' }));
    }));
    expect(names(await db.select<{ name: string }>('SELECT name FROM items ORDER BY id'))).toBe('a,b,c,d,g');
    // Both databases name savepoints in their logs; the statements are heard by query listeners either way.
    expect(heard.filter((sql) => /^SAVEPOINT/i.test(sql))).toHaveLength(3);
    expect(heard.some((sql) => /^ROLLBACK TO/i.test(sql))).toBe(true);
  });
});
