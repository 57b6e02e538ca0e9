/** The columns catalog:import reads, under Magento's names (catalog_product export/import). */
export const IMPORT_COLUMNS = [
  'sku',
  'store_view_code',
  'attribute_set_code',
  'product_type',
  'categories',
  'name',
  'description',
  'short_description',
  'weight',
  'product_online',
  'visibility',
  'price',
  'special_price',
  'special_price_from_date',
  'special_price_to_date',
  'url_key',
  'meta_title',
  'meta_keyword',
  'meta_description',
  'qty',
  'is_in_stock',
  'base_image',
  'base_image_label',
  'small_image',
  'small_image_label',
  'thumbnail_image',
  'thumbnail_image_label',
  'additional_images',
  'additional_image_labels',
  'additional_attributes',
  'configurable_variations',
  'configurable_variation_labels',
] as const;

export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Columns a row with a store_view_code may fill: the store-view-scoped values. */
export const STORE_VIEW_COLUMNS = new Set<string>(['sku', 'store_view_code', 'name', 'description', 'short_description', 'url_key', 'meta_title', 'meta_keyword', 'meta_description', 'additional_attributes']);

/** Magento's way to clear a value from an import (an empty cell leaves the value as it is). */
export const EMPTY_VALUE = '__EMPTY__VALUE__';

export const VISIBILITY_LABELS: Record<string, 1 | 2 | 3 | 4> = {
  'not visible individually': 1,
  catalog: 2,
  search: 3,
  'catalog, search': 4,
};

/** The input field names the product service reports, back to the column they came from. */
export const COLUMN_OF_FIELD: Record<string, string> = {
  sku: 'sku',
  type_id: 'product_type',
  attribute_set_id: 'attribute_set_code',
  status: 'product_online',
  visibility: 'visibility',
  price: 'price',
  special_price: 'special_price',
  special_from_date: 'special_price_from_date',
  special_to_date: 'special_price_to_date',
  qty: 'qty',
  is_in_stock: 'is_in_stock',
  category_links: 'categories',
  configurable: 'configurable_variations',
  configurable_attributes: 'configurable_variations',
  configurable_variations: 'configurable_variations',
  configurable_variation_labels: 'configurable_variation_labels',
  store: 'store_view_code',
  meta_keyword: 'meta_keyword',
};
