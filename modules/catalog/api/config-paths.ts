/** Config paths this module declares, under Magento's names. */
export const CatalogConfigPath = {
  ProductUrlSuffix: 'catalog/seo/product_url_suffix',
  CategoryUrlSuffix: 'catalog/seo/category_url_suffix',
  /** Keep the old URL as a 301 when a url_key changes (Magento's "Create Permanent Redirect for URLs if URL Key Changed"). */
  SaveRewritesHistory: 'catalog/seo/save_rewrites_history',
  DefaultSortBy: 'catalog/frontend/default_sort_by',
  ShowOutOfStock: 'cataloginventory/options/show_out_of_stock',
  /** Magento's "Only X left Threshold": a product's `only_x_left_in_stock` shows its salable qty at or below it; 0 turns it off. */
  StockThresholdQty: 'cataloginventory/options/stock_threshold_qty',
  MinQueryLength: 'catalog/search/min_query_length',
} as const;
