import type { Migration } from '../../../app';
import { SalesTable as T } from '../api/sales-tables';

/**
 * Magento's quote tables. Personal address columns and the guest email hold AES-256-GCM ciphertext (text); city, postcode,
 * country and region stay in clear because tax and shipping work on them. Totals are not stored: they are collected on read.
 */
export const createQuoteTables: Migration = {
  name: '0001_create_quote_tables',
  up: async (knex) => {
    await knex.schema.createTable(T.quote, (t) => {
      t.increments('entity_id');
      t.string('masked_id', 64).notNullable().unique({ indexName: 'quote_masked_id' });
      t.integer('store_id').unsigned().notNullable();
      t.integer('customer_id').unsigned().nullable().index('quote_customer_id');
      t.text('customer_email').nullable();
      t.boolean('is_active').notNullable().defaultTo(true);
      t.string('coupon_code', 64).nullable();
      t.string('payment_method', 64).nullable();
      t.string('po_number', 64).nullable();
      t.text('payment_data').nullable();
      t.bigInteger('created_at').notNullable();
      t.bigInteger('updated_at').notNullable();
    });
    await knex.schema.createTable(T.quoteItem, (t) => {
      t.increments('item_id');
      t.integer('quote_id').unsigned().notNullable().references('entity_id').inTable(T.quote).onDelete('CASCADE');
      t.integer('product_id').unsigned().notNullable();
      t.string('sku', 64).notNullable();
      t.string('product_type', 32).notNullable();
      t.integer('child_product_id').unsigned().nullable();
      t.string('child_sku', 64).nullable();
      t.text('selected_options').nullable();
      t.integer('qty').unsigned().notNullable();
      t.bigInteger('created_at').notNullable();
      t.index(['quote_id'], 'quote_item_quote_id');
    });
    await knex.schema.createTable(T.quoteAddress, (t) => {
      t.increments('address_id');
      t.integer('quote_id').unsigned().notNullable().references('entity_id').inTable(T.quote).onDelete('CASCADE');
      t.string('address_type', 16).notNullable();
      t.text('data').notNullable();
      t.string('city', 255).notNullable();
      t.string('postcode', 32).nullable();
      t.string('country_id', 2).notNullable();
      t.string('region', 255).nullable();
      t.string('region_code', 32).nullable();
      t.integer('region_id').unsigned().nullable();
      t.integer('customer_address_id').unsigned().nullable();
      t.string('shipping_method', 128).nullable();
      t.unique(['quote_id', 'address_type'], { indexName: 'quote_address_type' });
    });
    await knex.schema.createTable(T.salesRule, (t) => {
      t.increments('rule_id');
      t.string('name', 255).notNullable();
      t.string('coupon_code', 64).notNullable().unique({ indexName: 'salesrule_coupon_code' });
      t.string('simple_action', 16).notNullable();
      t.integer('discount_amount').notNullable();
      t.boolean('is_active').notNullable().defaultTo(true);
      t.string('from_date', 10).nullable();
      t.string('to_date', 10).nullable();
    });
  },
  down: async (knex) => {
    for (const table of [T.salesRule, T.quoteAddress, T.quoteItem, T.quote]) await knex.schema.dropTableIfExists(table);
  },
};
