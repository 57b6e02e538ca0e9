import type { Knex } from 'knex';
import { SalesTable as T } from '../api/sales-tables';

export type DocumentType = 'invoice' | 'shipment' | 'creditmemo';

const seeded = new WeakMap<Knex, Set<string>>();

/**
 * Creates a (document type, store) sequence row outside any transaction, once per process, for the reason given in
 * order-sequence.ts: an INSERT IGNORE inside the document's transaction takes a shared lock that concurrent writers then try
 * to upgrade (a deadlock on MariaDB).
 */
export async function ensureDocumentSequence(knex: Knex, type: DocumentType, storeId: number): Promise<void> {
  let keys = seeded.get(knex);
  if (!keys) seeded.set(knex, (keys = new Set()));
  const key = `${type}:${storeId}`;
  if (keys.has(key)) return;
  await knex(T.documentSequence).insert({ entity_type: type, store_id: storeId, last_value: 0 }).onConflict(['entity_type', 'store_id']).ignore();
  keys.add(key);
}

/**
 * The next invoice, shipment or credit memo number of a store view, formatted like order numbers (000000001… for store 1,
 * the store id as a prefix for others). Each type has its own sequence, as Magento's sequence_invoice_1 etc.: the first
 * invoice is 000000001 whatever the order's number. Bumped with an UPDATE inside the document's transaction.
 */
export async function nextDocumentNumber(conn: Knex, type: DocumentType, storeId: number): Promise<string> {
  const where = { entity_type: type, store_id: storeId };
  const changed = await conn(T.documentSequence).where(where).increment('last_value', 1);
  if (!changed) throw new Error(`The ${type} sequence of store ${storeId} was not created.`);
  const row = (await conn(T.documentSequence).where(where).first('last_value')) as { last_value: number };
  const digits = String(row.last_value).padStart(9, '0');
  return storeId === 1 ? digits : `${storeId}${digits}`;
}
