import type { Database } from '../db/database';

/** A statement as knex's `query` event reports it; knex's runner adds its query uid (and a transaction id in a transaction). */
export interface RecordedQuery {
  sql: string;
  bindings?: unknown;
  __knexUid?: string;
  __knexTxId?: string;
}

/**
 * The SQL statements `work` runs (as knex's `query` event reports them, Database.select included) with its result; the
 * listener is removed however `work` ends. For tests that count queries or check that none ran; `queries` has the events
 * whole, for tests that look at bindings or at which statements went through knex's runner.
 */
export async function recordQueries<T>(db: Database, work: () => Promise<T>): Promise<{ sql: string[]; queries: RecordedQuery[]; result: T }> {
  const queries: RecordedQuery[] = [];
  const listener = (query: RecordedQuery) => void queries.push(query);
  db.knex.on('query', listener);
  try {
    const result = await work();
    return { sql: queries.map((q) => q.sql), queries, result };
  } finally {
    db.knex.removeListener('query', listener);
  }
}
