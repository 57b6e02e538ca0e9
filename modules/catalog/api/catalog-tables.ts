/**
 * Table names under Magento's, for modules that join catalog data (the sales module reads prices and stock through the
 * services instead; these are for reporting and fixtures). Ids are `int unsigned` (knex `increments`).
 */
export const CatalogTable = {
  attributeSet: 'eav_attribute_set',
  attribute: 'eav_attribute',
  attributeLabel: 'eav_attribute_label',
  entityAttribute: 'eav_entity_attribute',
  attributeOption: 'eav_attribute_option',
  attributeOptionValue: 'eav_attribute_option_value',
  product: 'catalog_product_entity',
  productVarchar: 'catalog_product_entity_varchar',
  productText: 'catalog_product_entity_text',
  productInt: 'catalog_product_entity_int',
  productDecimal: 'catalog_product_entity_decimal',
  productPrice: 'catalog_product_price',
  productOptionIndex: 'catalog_product_index_eav',
  productMedia: 'catalog_product_entity_media_gallery',
  productFlat: 'catalog_product_flat',
  superAttribute: 'catalog_product_super_attribute',
  superLink: 'catalog_product_super_link',
  category: 'catalog_category_entity',
  categoryVarchar: 'catalog_category_entity_varchar',
  categoryText: 'catalog_category_entity_text',
  categoryProduct: 'catalog_category_product',
  stockItem: 'cataloginventory_stock_item',
  reservation: 'inventory_reservation',
  urlRewrite: 'url_rewrite',
  searchFulltext: 'catalog_search_fulltext',
} as const;

/** Magento's fixed ids: the tree root (never shown) and "Default Category", the root of the default store group. */
export const ROOT_CATEGORY_ID = 1;
export const DEFAULT_CATEGORY_ID = 2;
/** Magento's "Default" product attribute set. */
export const DEFAULT_ATTRIBUTE_SET_ID = 4;
/** Store id of default (admin) values; store view values override them. */
export const DEFAULT_STORE_ID = 0;
