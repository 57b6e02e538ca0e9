import { cachePreparedStatements } from '../database';

describe('the prepared statement cache (CLOCK eviction)', () => {
  function connection() {
    const prepared: string[] = [];
    const conn = { prepare: (sql: string) => (prepared.push(sql), { sql, id: prepared.length }) };
    cachePreparedStatements(conn, 3);
    return { conn, prepared };
  }

  it('prepares a statement once and hands the same one back', () => {
    const { conn, prepared } = connection();
    const first = conn.prepare('SELECT 1');
    expect(conn.prepare('SELECT 1')).toBe(first);
    expect(prepared).toEqual(['SELECT 1']);
  });

  it('evicts the oldest statement not used since it was last passed over, and keeps the ones in use', () => {
    const { conn, prepared } = connection();
    for (const sql of ['a', 'b', 'c']) conn.prepare(sql);
    conn.prepare('a'); // a is in use: when the cache is full it gets a second chance and b goes
    conn.prepare('d');
    conn.prepare('a');
    expect(prepared).toEqual(['a', 'b', 'c', 'd']);
    conn.prepare('b');
    expect(prepared).toEqual(['a', 'b', 'c', 'd', 'b']);
    // c was the oldest unused one: b took its place; a, d and b stay.
    conn.prepare('a');
    conn.prepare('d');
    expect(prepared).toHaveLength(5);
    conn.prepare('c');
    expect(prepared).toHaveLength(6);
  });

  it('never holds more than its size, even when every entry is in use', () => {
    const { conn, prepared } = connection();
    for (const sql of ['a', 'b', 'c']) conn.prepare(sql);
    for (const sql of ['a', 'b', 'c']) conn.prepare(sql);
    conn.prepare('d');
    for (const sql of ['b', 'c', 'd']) conn.prepare(sql);
    expect(prepared).toEqual(['a', 'b', 'c', 'd']);
    conn.prepare('a');
    expect(prepared).toEqual(['a', 'b', 'c', 'd', 'a']);
  });
});

describe('readRows: rows built from raw tuples', () => {
  interface Connection {
    prepare(sql: string): { all(...b: unknown[]): unknown[]; run(...b: unknown[]): unknown };
    exec(sql: string): void;
  }
  // better-sqlite3 ships no types (see database.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const BetterSqlite3 = require('better-sqlite3') as new (file: string) => Connection;

  function open() {
    const plain = new BetterSqlite3(':memory:');
    const conn = new BetterSqlite3(':memory:') as Connection & { readRows(sql: string, b: unknown[]): unknown[] };
    cachePreparedStatements(conn);
    for (const db of [plain, conn]) {
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, price REAL, data BLOB, note TEXT)');
      db.prepare('INSERT INTO t (name, price, data, note) VALUES (?, ?, ?, ?)').run('a', 1.5, Buffer.from('x'), null);
      db.prepare('INSERT INTO t (name, price, data, note) VALUES (?, ?, ?, ?)').run('b', 2, null, 'n');
    }
    return { plain, conn };
  }

  it('answers what better-sqlite3 answers: same keys in the same order, same values, duplicate names last wins', () => {
    const { plain, conn } = open();
    for (const [sql, bindings] of [
      ['SELECT * FROM t ORDER BY id', []],
      ['SELECT * FROM t WHERE id = ?', [2]],
      ['SELECT id, name AS id FROM t ORDER BY id', []],
      ['SELECT COUNT(*) AS n FROM t WHERE name = ?', ['none']],
      ['SELECT * FROM t WHERE id = ?', [99]],
    ] as Array<[string, unknown[]]>) {
      const expected = plain.prepare(sql).all(...bindings);
      const rows = conn.readRows(sql, bindings);
      expect(rows).toEqual(expected);
      expect(rows.map((r) => Object.keys(r as object))).toEqual(expected.map((r) => Object.keys(r as object)));
    }
    // The same text through prepare() still answers objects: raw mode is readRows' own copy's.
    expect(conn.prepare('SELECT * FROM t WHERE id = ?').all(1)).toEqual([{ id: 1, name: 'a', price: 1.5, data: Buffer.from('x'), note: null }]);
  });

  it('reads the columns again after the schema changed, here or in another connection', () => {
    const { conn } = open();
    expect(conn.readRows('SELECT * FROM t WHERE id = ?', [1])).toEqual([{ id: 1, name: 'a', price: 1.5, data: Buffer.from('x'), note: null }]);
    conn.prepare('ALTER TABLE t ADD COLUMN extra TEXT').run();
    expect(conn.readRows('SELECT * FROM t WHERE id = ?', [1])).toEqual([{ id: 1, name: 'a', price: 1.5, data: Buffer.from('x'), note: null, extra: null }]);
    // A change readRows did not see go by (exec is not prepare): the row's width tells.
    conn.exec('ALTER TABLE t ADD COLUMN more INTEGER DEFAULT 7');
    expect(conn.readRows('SELECT * FROM t WHERE id = ?', [1])).toEqual([{ id: 1, name: 'a', price: 1.5, data: Buffer.from('x'), note: null, extra: null, more: 7 }]);
  });

  it('refuses a statement that answers no rows, as all() does', () => {
    const { conn } = open();
    expect(() => conn.readRows('DELETE FROM t WHERE id = ?', [1])).toThrow(/does not return data/);
    expect(conn.readRows('SELECT COUNT(*) AS n FROM t', [])).toEqual([{ n: 2 }]);
  });
});
