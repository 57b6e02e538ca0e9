export interface SearchHit {
  productId: number;
  /** Higher is more relevant; only the order matters across engines. */
  score: number;
}

/** What gets indexed for a product in one store view (values resolved for that view). */
export interface SearchDocument {
  productId: number;
  storeId: number;
  sku: string;
  name: string;
  description: string;
  shortDescription: string;
  /** Labels/values of other searchable attributes (color names…), space separated. */
  extra: string;
}

/**
 * The full-text engine behind `products(search:)`. The default binds SQLite FTS5 (bm25) or MariaDB/MySQL FULLTEXT
 * (natural language mode) by the database client; an external engine replaces it by DI preference on CatalogApi.SearchAdapter
 * and builds its documents with CatalogApi.SearchDocuments. index/remove are called inside the saving transaction.
 */
export interface SearchAdapter {
  index(productIds: number[]): Promise<void>;
  remove(productIds: number[]): Promise<void>;
  /** Ranked best first; at most `limit` hits. */
  search(text: string, storeId: number, limit: number): Promise<SearchHit[]>;
  /** Rebuilds everything (new store view, suffix change, first install). */
  reindexAll(): Promise<void>;
}

export interface SearchDocumentBuilder {
  /** One document per product and storefront store view; products that are not searchable (disabled, invisible in search) yield none. */
  build(productIds: number[]): Promise<SearchDocument[]>;
  /** Every product id, for a full reindex. */
  allProductIds(): Promise<number[]>;
}
