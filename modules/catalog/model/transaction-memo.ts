import type { Database } from '../../../app';

interface Entry {
  generation: number;
  value: Promise<unknown>;
}

const memos = new WeakMap<object, Map<string, Entry>>();

/**
 * Inside a transaction the shared snapshots (stores, config, attributes, categories) are re-read on every call so that the
 * transaction sees its own writes; a batch of saves would re-read them thousands of times. This keeps one read per
 * transaction and key instead. `generation` comes from the cache that owns the data: bumping it (after a write) drops the
 * memo in every transaction, the enclosing ones included. Outside a transaction, `load` runs as it is.
 */
export function perTransaction<T>(db: Database, key: string, load: () => Promise<T>, generation = 0): Promise<T> {
  // Nested transactions (savepoints, e.g. each event dispatch) share the memo of the outermost one.
  const scope = db.transactionScope();
  if (!scope) return load();
  let memo = memos.get(scope);
  if (!memo) {
    memo = new Map();
    memos.set(scope, memo);
  }
  const entry = memo.get(key);
  if (entry && entry.generation === generation) return entry.value as Promise<T>;
  const value = load();
  memo.set(key, { generation, value });
  // A failed read is not kept: the next call tries again.
  value.catch(() => memo!.delete(key));
  return value;
}
