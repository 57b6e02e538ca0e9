import type { Migration } from '../../../app';
import { CatalogTable as T, DEFAULT_ATTRIBUTE_SET_ID } from '../api/catalog-tables';

type Row = {
  code: string;
  label: string;
  input: string;
  backend: string;
  scope: 'store' | 'global';
  required?: boolean;
  filterable?: boolean;
  searchable?: boolean;
  userDefined?: boolean;
  sortBy?: boolean;
};

/**
 * Product attributes: the system ones Magento's catalog needs, plus color, size, material and eco_collection without
 * options (Magento ships color empty too; a store's options come from its data). `static` values live in the entity and
 * price tables.
 */
const PRODUCT_ATTRIBUTES: Row[] = [
  { code: 'sku', label: 'SKU', input: 'text', backend: 'static', scope: 'global', required: true, searchable: true, userDefined: false },
  { code: 'name', label: 'Product Name', input: 'text', backend: 'varchar', scope: 'store', required: true, searchable: true, userDefined: false, sortBy: true },
  { code: 'description', label: 'Description', input: 'textarea', backend: 'text', scope: 'store', searchable: true, userDefined: false },
  { code: 'short_description', label: 'Short Description', input: 'textarea', backend: 'text', scope: 'store', searchable: true, userDefined: false },
  { code: 'url_key', label: 'URL Key', input: 'text', backend: 'varchar', scope: 'store', userDefined: false },
  { code: 'meta_title', label: 'Meta Title', input: 'text', backend: 'varchar', scope: 'store', userDefined: false },
  { code: 'meta_keyword', label: 'Meta Keywords', input: 'textarea', backend: 'text', scope: 'store', userDefined: false },
  { code: 'meta_description', label: 'Meta Description', input: 'textarea', backend: 'text', scope: 'store', userDefined: false },
  { code: 'price', label: 'Price', input: 'price', backend: 'static', scope: 'global', filterable: true, userDefined: false, sortBy: true },
  { code: 'special_price', label: 'Special Price', input: 'price', backend: 'static', scope: 'global', userDefined: false },
  { code: 'special_from_date', label: 'Special Price From Date', input: 'date', backend: 'static', scope: 'global', userDefined: false },
  { code: 'special_to_date', label: 'Special Price To Date', input: 'date', backend: 'static', scope: 'global', userDefined: false },
  { code: 'status', label: 'Enable Product', input: 'select', backend: 'static', scope: 'global', userDefined: false },
  { code: 'visibility', label: 'Visibility', input: 'select', backend: 'static', scope: 'global', userDefined: false },
  { code: 'weight', label: 'Weight', input: 'weight', backend: 'decimal', scope: 'global', userDefined: false },
  { code: 'color', label: 'Color', input: 'select', backend: 'int', scope: 'global', filterable: true, searchable: true },
  { code: 'size', label: 'Size', input: 'select', backend: 'int', scope: 'global', filterable: true },
  { code: 'material', label: 'Material', input: 'multiselect', backend: 'varchar', scope: 'global', filterable: true, searchable: true },
  { code: 'eco_collection', label: 'Eco Collection', input: 'boolean', backend: 'int', scope: 'global', filterable: true },
];

const CATEGORY_ATTRIBUTES: Row[] = [
  { code: 'name', label: 'Name', input: 'text', backend: 'varchar', scope: 'store', required: true, userDefined: false },
  { code: 'url_key', label: 'URL Key', input: 'text', backend: 'varchar', scope: 'store', userDefined: false },
  { code: 'description', label: 'Description', input: 'textarea', backend: 'text', scope: 'store', userDefined: false },
  { code: 'meta_title', label: 'Page Title', input: 'text', backend: 'varchar', scope: 'store', userDefined: false },
  { code: 'meta_keywords', label: 'Meta Keywords', input: 'textarea', backend: 'text', scope: 'store', userDefined: false },
  { code: 'meta_description', label: 'Meta Description', input: 'textarea', backend: 'text', scope: 'store', userDefined: false },
];

export const seedAttributes: Migration = {
  name: '0007_seed_attributes',
  up: async (knex) => {
    await knex(T.attributeSet).insert({ attribute_set_id: DEFAULT_ATTRIBUTE_SET_ID, attribute_set_name: 'Default', sort_order: 1 });
    const insert = async (entityType: string, rows: Row[]) => {
      const ids: number[] = [];
      let position = 0;
      for (const row of rows) {
        const [id] = await knex(T.attribute).insert({
          entity_type: entityType,
          attribute_code: row.code,
          frontend_label: row.label,
          frontend_input: row.input,
          backend_type: row.backend,
          scope: row.scope,
          is_required: !!row.required,
          is_filterable: !!row.filterable,
          is_searchable: !!row.searchable,
          is_user_defined: row.userDefined ?? true,
          used_for_sort_by: !!row.sortBy,
          position: position++,
        });
        ids.push(Number(id));
      }
      return ids;
    };
    const productIds = await insert('catalog_product', PRODUCT_ATTRIBUTES);
    await insert('catalog_category', CATEGORY_ATTRIBUTES);
    await knex(T.entityAttribute).insert(productIds.map((id, i) => ({ attribute_set_id: DEFAULT_ATTRIBUTE_SET_ID, attribute_id: id, sort_order: i })));
  },
  down: async (knex) => {
    await knex(T.attribute).delete();
    await knex(T.attributeSet).delete();
  },
};
