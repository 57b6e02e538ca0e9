import type { Migration } from '../../../app';
import { CatalogTable as T } from '../api/catalog-tables';
import { flatDataHash } from '../model/flat-data-hash';

/**
 * A digest of each flat document, so that a process can keep documents it parsed and still check, in the listing query
 * itself, that the row it would parse again is the same (FlatProductIndex.load). Existing rows get theirs here.
 */
export const addFlatIndexDataHash: Migration = {
  name: '0010_flat_index_data_hash',
  up: async (knex) => {
    await knex.schema.alterTable(T.productFlat, (t) => {
      t.string('data_hash', 32).nullable();
    });
    let last = { store_id: -1, entity_id: -1 };
    for (;;) {
      const rows = (await knex(T.productFlat)
        .where((q) => q.where('store_id', '>', last.store_id).orWhere((same) => same.where('store_id', last.store_id).andWhere('entity_id', '>', last.entity_id)))
        .orderBy([{ column: 'store_id' }, { column: 'entity_id' }])
        .limit(500)
        .select('store_id', 'entity_id', 'data')) as Array<{ store_id: number; entity_id: number; data: string }>;
      if (!rows.length) break;
      for (const row of rows) await knex(T.productFlat).where({ store_id: row.store_id, entity_id: row.entity_id }).update({ data_hash: flatDataHash(row.data) });
      const tail = rows[rows.length - 1];
      last = { store_id: Number(tail.store_id), entity_id: Number(tail.entity_id) };
    }
  },
  down: async (knex) => {
    await knex.schema.alterTable(T.productFlat, (t) => {
      t.dropColumn('data_hash');
    });
  },
};
