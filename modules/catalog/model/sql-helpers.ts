import type { Knex } from 'knex';
import { placeholders } from '../../../app/db/sql-text';

export { placeholders };

/** SQL that differs between SQLite and MariaDB/MySQL. */
export function concatSql(knex: Knex, ...parts: string[]): string {
  return isSqliteKnex(knex) ? parts.join(' || ') : `CONCAT(${parts.join(', ')})`;
}

export function isSqliteKnex(knex: Knex): boolean {
  const client = String(knex.client.config.client);
  return client === 'better-sqlite3' || client === 'sqlite3';
}

/** Splits ids for IN lists, so huge batches stay under both drivers' placeholder limits. */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * A LIKE pattern matching `text` anywhere, its wildcards escaped; use it with `ESCAPE '!'` (a backslash would need a
 * different literal on MariaDB and on SQLite).
 */
export function likeContains(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => '!' + c)}%`;
}

/** Magento's datetime format, in UTC. */
export function dbTimestamp(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** Rows from mysql2 carry DECIMAL as strings and booleans as 0/1; SQLite the same for booleans. */
export function toBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1';
}

/** SKUs compare without regard to case on both databases (MariaDB's collation does it; SQLite needs NOCASE, which its index uses). */
export function whereSkuIn(knex: Knex, query: Knex.QueryBuilder, column: string, skus: readonly string[]): Knex.QueryBuilder {
  if (!skus.length) return query.whereRaw('1 = 0');
  if (!isSqliteKnex(knex)) return query.whereIn(column, [...skus]);
  return query.whereRaw(skuInCondition('sqlite', column, skus.length), [...skus]);
}

/** The same comparison written out, for Database.select: `column IN (?, …)` for `count` (>= 1) SKUs. */
export function skuInCondition(client: 'sqlite' | 'mysql', column: string, count: number): string {
  return `${column}${client === 'sqlite' ? ' COLLATE NOCASE' : ''} IN (${placeholders(count)})`;
}

