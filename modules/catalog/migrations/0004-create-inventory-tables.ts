import type { Migration } from '../../../app';
import { CatalogTable as T } from '../api/catalog-tables';

/**
 * One stock item per product (Magento's single default stock) and the reservation log. `reserved_qty` is what open orders
 * hold; it only moves through conditional UPDATEs (see StockReservations), so it never exceeds qty nor drops below 0.
 */
export const createInventoryTables: Migration = {
  name: '0004_create_inventory_tables',
  up: async (knex) => {
    await knex.schema.createTable(T.stockItem, (t) => {
      t.increments('item_id');
      t.integer('product_id').unsigned().notNullable().unique({ indexName: 'cataloginventory_stock_item_product_id' }).references('entity_id').inTable(T.product).onDelete('CASCADE');
      t.integer('stock_id').unsigned().notNullable().defaultTo(1);
      t.integer('qty').notNullable().defaultTo(0);
      t.integer('reserved_qty').notNullable().defaultTo(0);
      t.boolean('is_in_stock').notNullable().defaultTo(false);
    });
    await knex.schema.createTable(T.reservation, (t) => {
      t.increments('reservation_id');
      t.integer('product_id').unsigned().notNullable().references('entity_id').inTable(T.product).onDelete('CASCADE');
      t.string('sku', 64).notNullable();
      /** Positive when held, negative when released or deducted. */
      t.integer('quantity').notNullable();
      t.string('reason', 16).notNullable();
      t.string('reference', 64).notNullable();
      t.string('created_at', 19).notNullable();
      t.index(['reference'], 'inventory_reservation_reference');
      t.index(['product_id'], 'inventory_reservation_product_id');
    });
  },
  down: async (knex) => {
    await knex.schema.dropTableIfExists(T.reservation);
    await knex.schema.dropTableIfExists(T.stockItem);
  },
};
