import type { Migration } from '../../../app';
import { StoreTable } from '../api/store-entities';

/** Magento_Store's three tables. default_group_id / default_store_id point back down the tree, so they carry no foreign key. */
export const createStoreTables: Migration = {
  name: '0001_create_store_tables',
  up: async (knex) => {
    await knex.schema.createTable(StoreTable.website, (t) => {
      t.increments('website_id');
      t.string('code', 32).notNullable().unique({ indexName: 'store_website_code' });
      t.string('name', 64).notNullable();
      t.integer('sort_order').unsigned().notNullable().defaultTo(0);
      t.integer('default_group_id').unsigned().notNullable().defaultTo(0);
      t.boolean('is_default').notNullable().defaultTo(false);
      t.index(['sort_order'], 'store_website_sort_order');
      t.index(['default_group_id'], 'store_website_default_group_id');
    });
    await knex.schema.createTable(StoreTable.group, (t) => {
      t.increments('group_id');
      t.integer('website_id').unsigned().notNullable();
      t.string('code', 32).notNullable().unique({ indexName: 'store_group_code' });
      t.string('name', 255).notNullable();
      t.integer('root_category_id').unsigned().notNullable().defaultTo(0);
      t.integer('default_store_id').unsigned().notNullable().defaultTo(0);
      t.foreign('website_id', 'store_group_website_id_store_website_website_id').references('website_id').inTable(StoreTable.website).onDelete('CASCADE');
      t.index(['website_id'], 'store_group_website_id');
      t.index(['default_store_id'], 'store_group_default_store_id');
    });
    await knex.schema.createTable(StoreTable.store, (t) => {
      t.increments('store_id');
      t.string('code', 32).notNullable().unique({ indexName: 'store_code' });
      t.integer('website_id').unsigned().notNullable();
      t.integer('group_id').unsigned().notNullable();
      t.string('name', 255).notNullable();
      t.integer('sort_order').unsigned().notNullable().defaultTo(0);
      t.boolean('is_active').notNullable().defaultTo(false);
      t.foreign('website_id', 'store_website_id_store_website_website_id').references('website_id').inTable(StoreTable.website).onDelete('CASCADE');
      t.foreign('group_id', 'store_group_id_store_group_group_id').references('group_id').inTable(StoreTable.group).onDelete('CASCADE');
      t.index(['website_id'], 'store_website_id');
      t.index(['is_active', 'sort_order'], 'store_is_active_sort_order');
      t.index(['group_id'], 'store_group_id');
    });
  },
  down: async (knex) => {
    await knex.schema.dropTableIfExists(StoreTable.store);
    await knex.schema.dropTableIfExists(StoreTable.group);
    await knex.schema.dropTableIfExists(StoreTable.website);
  },
};
