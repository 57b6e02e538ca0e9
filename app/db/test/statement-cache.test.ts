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
