import type { Migration } from '../../../app';
import { StoreTable } from '../../store/api';
import { CatalogTable as T } from '../api/catalog-tables';

/** The category tree (materialized path), its scoped values, and product positions in categories. */
export const createCategoryTables: Migration = {
  name: '0003_create_category_tables',
  up: async (knex) => {
    await knex.schema.createTable(T.category, (t) => {
      t.increments('entity_id');
      // The tree root has parent 0, so no foreign key; the path keeps the tree consistent.
      t.integer('parent_id').unsigned().notNullable().defaultTo(0);
      t.string('path', 255).notNullable();
      t.integer('position').notNullable().defaultTo(0);
      t.integer('level').notNullable().defaultTo(0);
      t.integer('children_count').notNullable().defaultTo(0);
      t.boolean('is_active').notNullable().defaultTo(true);
      t.boolean('include_in_menu').notNullable().defaultTo(true);
      t.boolean('is_anchor').notNullable().defaultTo(true);
      t.string('created_at', 19).notNullable();
      t.string('updated_at', 19).notNullable();
      t.index(['path'], 'catalog_category_entity_path');
      t.index(['parent_id', 'position'], 'catalog_category_entity_parent_position');
    });
    for (const [table, text] of [[T.categoryVarchar, false], [T.categoryText, true]] as const) {
      await knex.schema.createTable(table, (t) => {
        t.increments('value_id');
        t.integer('attribute_id').unsigned().notNullable().references('attribute_id').inTable(T.attribute).onDelete('CASCADE');
        t.integer('store_id').unsigned().notNullable().references('store_id').inTable(StoreTable.store).onDelete('CASCADE');
        t.integer('entity_id').unsigned().notNullable().references('entity_id').inTable(T.category).onDelete('CASCADE');
        if (text) t.text('value').nullable();
        else t.string('value', 255).nullable();
        t.unique(['entity_id', 'attribute_id', 'store_id'], { indexName: `${table}_entity_attribute_store` });
      });
    }
    await knex.schema.createTable(T.categoryProduct, (t) => {
      t.integer('category_id').unsigned().notNullable().references('entity_id').inTable(T.category).onDelete('CASCADE');
      t.integer('product_id').unsigned().notNullable().references('entity_id').inTable(T.product).onDelete('CASCADE');
      t.integer('position').notNullable().defaultTo(0);
      t.primary(['category_id', 'product_id']);
      t.index(['product_id'], 'catalog_category_product_product_id');
    });
  },
  down: async (knex) => {
    for (const table of [T.categoryProduct, T.categoryText, T.categoryVarchar, T.category]) await knex.schema.dropTableIfExists(table);
  },
};
