/** `?, ?, ?` for a list of n values (n >= 1), in written-out SQL (Database.select/execute). */
export function placeholders(n: number): string {
  return n === 1 ? '?' : `?${', ?'.repeat(n - 1)}`;
}
