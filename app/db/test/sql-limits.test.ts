import { sqlLimit } from '../sql-text';
import type { Database } from '../database';
import { useItemsDatabase } from './support/items-database';

/**
 * Limits written as literals on SQLite (offsets stay bound): SQLite plans a statement again each time a parameter its plan read (a bound LIMIT)
 * is bound, and better-sqlite3 binds every parameter on every run, so a cached `LIMIT ?` statement was parsed anew each run.
 */
describe('LIMIT as a literal on SQLite', () => {
  let db: Database;
  const current = useItemsDatabase(['a', 'b', 'c', 'd', 'e']);
  beforeEach(() => {
    db = current();
  });

  it("writes knex's integer limit into the SQLite statement (the offset stays bound), and binds both on MySQL", async () => {
    const query = db.knex('items').select('name').orderBy('id').limit(2).offset(1);
    const { sql, bindings } = query.toSQL();
    if (db.client === 'sqlite') {
      expect(sql).toMatch(/ limit 2 offset \?$/);
      expect(bindings).toEqual([1]);
    } else {
      expect(sql).toMatch(/ limit \? offset \?$/);
      expect(bindings).toEqual([2, 1]);
    }
    expect((await query).map((r: { name: string }) => r.name)).toEqual(['b', 'c']);
  });

  it('keeps first(), a limit of 0 and a limit given as knex.raw (knex reads it as an integer) working', async () => {
    const first = db.knex('items').select('name').where('name', '>', 'b').orderBy('id').first();
    if (db.client === 'sqlite') expect(first.toSQL().sql).toMatch(/ limit 1$/);
    expect(await first).toEqual({ name: 'c' });
    expect(await db.knex('items').select('name').limit(0)).toEqual([]);
    const raw = db.knex('items').select('name').orderBy('id').limit(db.knex.raw('?', [3]) as unknown as number);
    expect((await raw).map((r: { name: string }) => r.name)).toEqual(['a', 'b', 'c']);
  });

  it('compiles a query again with the limit it has now', async () => {
    const query = db.knex('items').select('name').orderBy('id').limit(1);
    expect((await query.clone()).map((r: { name: string }) => r.name)).toEqual(['a']);
    query.limit(3);
    if (db.client === 'sqlite') expect(query.toSQL().sql).toMatch(/ limit 3$/);
    expect((await query).map((r: { name: string }) => r.name)).toEqual(['a', 'b', 'c']);
  });

  it('the same statement text for the same limit, so the statement cache keeps one per limit', () => {
    const sql = (limit: number) => db.knex('items').select('name').where('flag', 0).limit(limit).toSQL().sql;
    expect(sql(10)).toBe(sql(10));
    if (db.client === 'sqlite') expect(sql(10)).not.toBe(sql(20));
  });

  it('sqlLimit writes out non-negative integers only', async () => {
    expect(sqlLimit(0)).toBe('LIMIT 0');
    expect(sqlLimit(100)).toBe('LIMIT 100');
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '5 OR 1=1' as unknown as number]) {
      expect(() => sqlLimit(bad)).toThrow(RangeError);
    }
    const rows = await db.select<{ name: string }>(`SELECT name FROM items WHERE flag = ? ORDER BY id ${sqlLimit(2)}`, [0]);
    expect(rows.map((r) => r.name)).toEqual(['a', 'b']);
  });
});
