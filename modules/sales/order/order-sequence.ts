import type { Knex } from 'knex';
import type { Database } from '../../../app';
import { SalesTable as T } from '../api/sales-tables';

const seeded = new WeakMap<Knex, Set<number>>();

/**
 * Creates a store's sequence row, outside any order transaction and once per process: an INSERT IGNORE inside the order's
 * transaction would take a shared lock that concurrent checkouts then try to upgrade (a deadlock on MariaDB).
 */
export async function ensureOrderSequence(knex: Knex, storeId: number): Promise<void> {
  let stores = seeded.get(knex);
  if (!stores) seeded.set(knex, (stores = new Set()));
  if (stores.has(storeId)) return;
  await knex(T.orderSequence).insert({ store_id: storeId, last_value: 0 }).onConflict('store_id').ignore();
  stores.add(storeId);
}

/**
 * The next order number of a store view, Magento-style: 000000001… for store 1, the store id as a prefix for others. The
 * row is bumped with an UPDATE inside the order's transaction (an exclusive row lock until commit), so numbers never repeat;
 * a rolled-back order leaves a gap, as Magento's sequence tables do.
 */
export async function nextOrderNumber(db: Database, storeId: number): Promise<string> {
  await db.execute(`UPDATE ${T.orderSequence} SET last_value = last_value + 1 WHERE store_id = ?`, [storeId]);
  const [row] = await db.select<{ last_value: number }>(`SELECT last_value FROM ${T.orderSequence} WHERE store_id = ?`, [storeId]);
  const digits = String(row.last_value).padStart(9, '0');
  return storeId === 1 ? digits : `${storeId}${digits}`;
}
