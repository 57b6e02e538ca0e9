import type { Knex } from 'knex';
import type { Migration } from '../../../app';
import { StoreTable } from '../../store/api';
import { CatalogTable as T } from '../api/catalog-tables';
import { isSqlite } from './0006-create-search-table';

/** One value table per backend type: a row per (product, attribute, store view), store 0 holding the default value. */
function valueTable(knex: Knex, table: string, value: (t: Knex.CreateTableBuilder) => void, indexValue: boolean) {
  return knex.schema.createTable(table, (t) => {
    t.increments('value_id');
    t.integer('attribute_id').unsigned().notNullable().references('attribute_id').inTable(T.attribute).onDelete('CASCADE');
    t.integer('store_id').unsigned().notNullable().references('store_id').inTable(StoreTable.store).onDelete('CASCADE');
    t.integer('entity_id').unsigned().notNullable().references('entity_id').inTable(T.product).onDelete('CASCADE');
    value(t);
    t.unique(['entity_id', 'attribute_id', 'store_id'], { indexName: `${table}_entity_attribute_store` });
    if (indexValue) t.index(['attribute_id', 'store_id', 'value'], `${table}_attribute_store_value`);
  });
}

/** Products: the entity, typed values, prices, the option index used by filters and facets, the gallery, configurable links. */
export const createProductTables: Migration = {
  name: '0002_create_product_tables',
  up: async (knex) => {
    await knex.schema.createTable(T.product, (t) => {
      t.increments('entity_id');
      t.string('sku', 64).notNullable();
      t.string('type_id', 32).notNullable();
      t.integer('attribute_set_id').unsigned().notNullable().references('attribute_set_id').inTable(T.attributeSet);
      t.tinyint('status').notNullable().defaultTo(1);
      t.tinyint('visibility').notNullable().defaultTo(4);
      t.string('created_at', 19).notNullable();
      t.string('updated_at', 19).notNullable();
      t.index(['status', 'visibility'], 'catalog_product_entity_status_visibility');
    });
    // SKUs are unique regardless of case, as on MariaDB (case-insensitive collation); SQLite needs NOCASE for that.
    if (isSqlite(knex)) await knex.raw(`CREATE UNIQUE INDEX catalog_product_entity_sku ON ${T.product} (sku COLLATE NOCASE)`);
    else await knex.schema.alterTable(T.product, (t) => t.unique(['sku'], { indexName: 'catalog_product_entity_sku' }));
    await valueTable(knex, T.productVarchar, (t) => t.string('value', 255).nullable(), true);
    await valueTable(knex, T.productText, (t) => t.text('value').nullable(), false);
    await valueTable(knex, T.productInt, (t) => t.integer('value').nullable(), true);
    await valueTable(knex, T.productDecimal, (t) => t.decimal('value', 20, 6).nullable(), false);
    await knex.schema.createTable(T.productPrice, (t) => {
      t.integer('entity_id').unsigned().primary().references('entity_id').inTable(T.product).onDelete('CASCADE');
      t.integer('price').notNullable().defaultTo(0);
      t.integer('special_price').nullable();
      t.string('special_from_date', 10).nullable();
      t.string('special_to_date', 10).nullable();
    });
    await knex.schema.createTable(T.productOptionIndex, (t) => {
      t.integer('entity_id').unsigned().notNullable().references('entity_id').inTable(T.product).onDelete('CASCADE');
      t.integer('attribute_id').unsigned().notNullable().references('attribute_id').inTable(T.attribute).onDelete('CASCADE');
      t.integer('value').notNullable();
      t.primary(['entity_id', 'attribute_id', 'value']);
      t.index(['attribute_id', 'value'], 'catalog_product_index_eav_attribute_value');
    });
    await knex.schema.createTable(T.productMedia, (t) => {
      t.increments('value_id');
      t.integer('entity_id').unsigned().notNullable().references('entity_id').inTable(T.product).onDelete('CASCADE');
      t.string('file', 255).notNullable();
      t.string('label', 255).nullable();
      t.integer('position').notNullable().defaultTo(0);
      t.boolean('disabled').notNullable().defaultTo(false);
      t.string('types', 64).notNullable().defaultTo('');
      t.index(['entity_id', 'position'], 'catalog_product_entity_media_gallery_entity');
    });
    await knex.schema.createTable(T.superAttribute, (t) => {
      t.increments('product_super_attribute_id');
      t.integer('product_id').unsigned().notNullable().references('entity_id').inTable(T.product).onDelete('CASCADE');
      t.integer('attribute_id').unsigned().notNullable().references('attribute_id').inTable(T.attribute);
      t.integer('position').notNullable().defaultTo(0);
      /** The option's label on this product ("Shoe size"), when it differs from the attribute's. */
      t.string('label', 255).nullable();
      t.unique(['product_id', 'attribute_id'], { indexName: 'catalog_product_super_attribute_product_attribute' });
    });
    await knex.schema.createTable(T.superLink, (t) => {
      t.increments('link_id');
      t.integer('product_id').unsigned().notNullable().references('entity_id').inTable(T.product).onDelete('CASCADE');
      t.integer('parent_id').unsigned().notNullable().references('entity_id').inTable(T.product).onDelete('CASCADE');
      t.unique(['product_id', 'parent_id'], { indexName: 'catalog_product_super_link_product_parent' });
      t.index(['parent_id'], 'catalog_product_super_link_parent');
    });
  },
  down: async (knex) => {
    for (const table of [T.superLink, T.superAttribute, T.productMedia, T.productOptionIndex, T.productPrice, T.productDecimal, T.productInt, T.productText, T.productVarchar, T.product]) {
      await knex.schema.dropTableIfExists(table);
    }
  },
};
