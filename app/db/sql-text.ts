/** `?, ?, ?` for a list of n values (n >= 1), in written-out SQL (Database.select/execute). */
export function placeholders(n: number): string {
  return n === 1 ? '?' : `?${', ?'.repeat(n - 1)}`;
}

/**
 * `LIMIT n` written out, for written-out SQL: SQLite re-plans a cached statement every time its `LIMIT ?` is bound (see
 * inlineIntegerLimits in database.ts), so limits are literals. Only a non-negative safe integer is accepted: anything else
 * is a programming error, never text put into SQL.
 */
export function sqlLimit(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`A LIMIT must be a non-negative integer, not ${String(n)}`);
  return `LIMIT ${n}`;
}
