import type { Migration } from '../../../app';
import { StoreTable } from '../../store/api';
import { CatalogTable as T } from '../api/catalog-tables';

/**
 * The storefront's read model (Magento's flat catalog, in one table): per product and storefront store view, the resolved
 * values, prices, gallery and configurable links as one JSON document. The EAV tables stay the source of truth; saves rebuild
 * a product's documents in their transaction. Stock is not in it: listings join the live stock item.
 */
export const createFlatIndex: Migration = {
  name: '0009_create_flat_index',
  up: async (knex) => {
    await knex.schema.createTable(T.productFlat, (t) => {
      t.integer('entity_id').unsigned().notNullable().references('entity_id').inTable(T.product).onDelete('CASCADE');
      t.integer('store_id').unsigned().notNullable().references('store_id').inTable(StoreTable.store).onDelete('CASCADE');
      t.text('data', 'mediumtext').notNullable();
      t.primary(['store_id', 'entity_id']);
      t.index(['entity_id'], 'catalog_product_flat_entity_id');
    });
  },
  down: async (knex) => {
    await knex.schema.dropTableIfExists(T.productFlat);
  },
};
