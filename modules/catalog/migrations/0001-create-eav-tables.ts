import type { Migration } from '../../../app';
import { StoreTable } from '../../store/api';
import { CatalogTable as T } from '../api/catalog-tables';

/** Attribute sets, attributes with store labels, and select options with store labels (Magento's eav_* tables, product and category). */
export const createEavTables: Migration = {
  name: '0001_create_eav_tables',
  up: async (knex) => {
    await knex.schema.createTable(T.attributeSet, (t) => {
      t.increments('attribute_set_id');
      t.string('attribute_set_name', 255).notNullable().unique({ indexName: 'eav_attribute_set_name' });
      t.integer('sort_order').notNullable().defaultTo(0);
    });
    await knex.schema.createTable(T.attribute, (t) => {
      t.increments('attribute_id');
      t.string('entity_type', 32).notNullable();
      t.string('attribute_code', 64).notNullable();
      t.string('frontend_label', 255).notNullable();
      t.string('frontend_input', 16).notNullable();
      t.string('backend_type', 16).notNullable();
      t.string('scope', 8).notNullable();
      t.boolean('is_required').notNullable().defaultTo(false);
      t.boolean('is_filterable').notNullable().defaultTo(false);
      t.boolean('is_searchable').notNullable().defaultTo(false);
      t.boolean('is_user_defined').notNullable().defaultTo(true);
      t.boolean('used_for_sort_by').notNullable().defaultTo(false);
      t.integer('position').notNullable().defaultTo(0);
      t.unique(['entity_type', 'attribute_code'], { indexName: 'eav_attribute_entity_type_code' });
    });
    await knex.schema.createTable(T.attributeLabel, (t) => {
      t.integer('attribute_id').unsigned().notNullable().references('attribute_id').inTable(T.attribute).onDelete('CASCADE');
      t.integer('store_id').unsigned().notNullable().references('store_id').inTable(StoreTable.store).onDelete('CASCADE');
      t.string('value', 255).notNullable();
      t.primary(['attribute_id', 'store_id']);
    });
    await knex.schema.createTable(T.entityAttribute, (t) => {
      t.integer('attribute_set_id').unsigned().notNullable().references('attribute_set_id').inTable(T.attributeSet).onDelete('CASCADE');
      t.integer('attribute_id').unsigned().notNullable().references('attribute_id').inTable(T.attribute).onDelete('CASCADE');
      t.integer('sort_order').notNullable().defaultTo(0);
      t.primary(['attribute_set_id', 'attribute_id']);
    });
    await knex.schema.createTable(T.attributeOption, (t) => {
      t.increments('option_id');
      t.integer('attribute_id').unsigned().notNullable().references('attribute_id').inTable(T.attribute).onDelete('CASCADE');
      t.integer('sort_order').notNullable().defaultTo(0);
      t.index(['attribute_id'], 'eav_attribute_option_attribute_id');
    });
    await knex.schema.createTable(T.attributeOptionValue, (t) => {
      t.integer('option_id').unsigned().notNullable().references('option_id').inTable(T.attributeOption).onDelete('CASCADE');
      t.integer('store_id').unsigned().notNullable().references('store_id').inTable(StoreTable.store).onDelete('CASCADE');
      t.string('value', 255).notNullable();
      t.primary(['option_id', 'store_id']);
    });
  },
  down: async (knex) => {
    for (const table of [T.attributeOptionValue, T.attributeOption, T.entityAttribute, T.attributeLabel, T.attribute, T.attributeSet]) {
      await knex.schema.dropTableIfExists(table);
    }
  },
};
