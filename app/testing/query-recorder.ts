import type { Database } from '../db/database';

/**
 * The SQL statements `work` runs (as knex's `query` event reports them, Database.select included) with its result; the
 * listener is removed however `work` ends. For tests that count queries or check that none ran.
 */
export async function recordQueries<T>(db: Database, work: () => Promise<T>): Promise<{ sql: string[]; result: T }> {
  const sql: string[] = [];
  const listener = (query: { sql: string }) => void sql.push(query.sql);
  db.knex.on('query', listener);
  try {
    return { sql, result: await work() };
  } finally {
    db.knex.removeListener('query', listener);
  }
}
