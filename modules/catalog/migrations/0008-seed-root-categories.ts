import type { Migration } from '../../../app';
import { CatalogTable as T, DEFAULT_CATEGORY_ID, ROOT_CATEGORY_ID } from '../api/catalog-tables';

/** Magento's two fixed categories: the tree root (1, never shown) and "Default Category" (2), the default store group's root. */
export const seedRootCategories: Migration = {
  name: '0008_seed_root_categories',
  up: async (knex) => {
    const now = new Date().toISOString().slice(0, 19).replace('T', ' ');
    await knex(T.category).insert([
      { entity_id: ROOT_CATEGORY_ID, parent_id: 0, path: '1', position: 0, level: 0, children_count: 1, created_at: now, updated_at: now },
      { entity_id: DEFAULT_CATEGORY_ID, parent_id: ROOT_CATEGORY_ID, path: '1/2', position: 1, level: 1, children_count: 0, created_at: now, updated_at: now },
    ]);
    const name = await knex(T.attribute).where({ entity_type: 'catalog_category', attribute_code: 'name' }).first('attribute_id');
    await knex(T.categoryVarchar).insert([
      { attribute_id: name.attribute_id, store_id: 0, entity_id: ROOT_CATEGORY_ID, value: 'Root Catalog' },
      { attribute_id: name.attribute_id, store_id: 0, entity_id: DEFAULT_CATEGORY_ID, value: 'Default Category' },
    ]);
  },
  down: async (knex) => {
    await knex(T.category).whereIn('entity_id', [ROOT_CATEGORY_ID, DEFAULT_CATEGORY_ID]).delete();
  },
};
