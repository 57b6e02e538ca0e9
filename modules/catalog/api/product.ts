import type { StockItem } from './stock';

export type ProductTypeId = 'simple' | 'virtual' | 'configurable';
export const PRODUCT_TYPES: readonly ProductTypeId[] = ['simple', 'virtual', 'configurable'];

/** Magento's status values. */
export const ProductStatus = { Enabled: 1, Disabled: 2 } as const;
export type ProductStatusValue = (typeof ProductStatus)[keyof typeof ProductStatus];

/** Magento's visibility values: where a product is listed on its own. */
export const Visibility = { NotVisibleIndividually: 1, Catalog: 2, Search: 3, CatalogSearch: 4 } as const;
export type VisibilityValue = (typeof Visibility)[keyof typeof Visibility];

/** select: an option id; multiselect: option ids; boolean: true/false; text: a string; decimal: a number. */
export type AttributeValue = string | number | boolean | number[] | null;

export type MediaRole = 'image' | 'small_image' | 'thumbnail';
export const MEDIA_ROLES: readonly MediaRole[] = ['image', 'small_image', 'thumbnail'];

export interface MediaEntry {
  id: number;
  /** A path under the media folder's catalog/product/ (`/m/b/mb01-blue.jpg`) or an absolute https URL. */
  file: string;
  label: string | null;
  position: number;
  disabled: boolean;
  types: MediaRole[];
}

export interface CategoryLink {
  categoryId: number;
  position: number;
}

/** A super attribute of a configurable product (color, size…) with the option ids its children use. */
export interface ConfigurableOption {
  id: number;
  attributeId: number;
  attributeCode: string;
  /** The attribute's label in the store view the product was read for. */
  label: string;
  position: number;
  values: number[];
}

/** A product as read for one store view: scoped values resolved (store view value, else the default one). */
export interface Product {
  id: number;
  sku: string;
  typeId: ProductTypeId;
  attributeSetId: number;
  status: ProductStatusValue;
  visibility: VisibilityValue;
  createdAt: string;
  updatedAt: string;
  /** The store view the values were resolved for (0: default values). */
  storeId: number;
  name: string;
  urlKey: string | null;
  /** Every attribute value by code (name, description, url_key, color…), resolved for `storeId`. */
  attributes: Record<string, AttributeValue>;
  /** Minor units of the base currency; 0 for a configurable, whose price comes from its children. */
  price: number;
  specialPrice: number | null;
  /** YYYY-MM-DD, inclusive, in the store view's time zone. */
  specialFromDate: string | null;
  specialToDate: string | null;
  weight: number | null;
  stock: StockItem;
  media: MediaEntry[];
  categoryLinks: CategoryLink[];
  configurable: { options: ConfigurableOption[]; childIds: number[] } | null;
}

export interface MediaInput {
  file: string;
  label?: string | null;
  position?: number;
  disabled?: boolean;
  types?: MediaRole[];
}

/**
 * A product to create or update, identified by sku. On update, only the fields given change; `null` clears a value (at a
 * store view: drops the override so the default applies again). Attribute values may name options by id or by admin label.
 */
export interface ProductInput {
  sku: string;
  /** Renames the product (updates only). */
  newSku?: string;
  typeId?: ProductTypeId;
  /** Attribute set id or name. */
  attributeSet?: number | string;
  status?: ProductStatusValue;
  visibility?: VisibilityValue;
  /** Minor units. */
  price?: number | null;
  specialPrice?: number | null;
  specialFromDate?: string | null;
  specialToDate?: string | null;
  weight?: number | null;
  attributes?: Record<string, string | number | boolean | Array<string | number> | null>;
  stock?: { qty?: number; isInStock?: boolean };
  /** Replaces the product's category assignments. */
  categoryLinks?: Array<{ categoryId: number; position?: number }>;
  /** Replaces the gallery. */
  media?: MediaInput[];
  /** Configurable products only: the super attributes (codes), the children (skus), and labels of the options on this product; replaces all. */
  configurable?: { attributeCodes: string[]; childSkus: string[]; labels?: Record<string, string> };
}

export interface SaveOptions {
  /** Store view whose scoped values are written (0 or omitted: the default values). */
  storeId?: number;
}

export type ConditionType = 'eq' | 'neq' | 'like' | 'nlike' | 'gt' | 'gteq' | 'lt' | 'lteq' | 'in' | 'nin' | 'null' | 'notnull' | 'finset';

/** Magento's SearchCriteria: filters inside a group are OR-ed, groups are AND-ed. */
export interface SearchCriteria {
  filterGroups: Array<{ filters: Array<{ field: string; value: string; conditionType: ConditionType }> }>;
  sortOrders?: Array<{ field: string; direction: 'ASC' | 'DESC' }>;
  pageSize?: number;
  currentPage?: number;
}

export interface ProductList {
  items: Product[];
  totalCount: number;
}

/** Which optional parts of a product a read loads (both by default). */
export interface ProductParts {
  media?: boolean;
  categoryLinks?: boolean;
}

/**
 * The product service contract: every write (REST, import, CLI, other modules) goes through save/delete, which validate
 * everything first, write in one transaction and dispatch catalog_product_save_before/after (and the stock event).
 */
export interface ProductRepository {
  /** Throws NoSuchEntityError for an unknown sku. `parts` as in getMany. */
  get(sku: string, options?: SaveOptions, parts?: ProductParts): Promise<Product>;
  getById(id: number, options?: SaveOptions, parts?: ProductParts): Promise<Product>;
  /**
   * Batch read; unknown ids are left out. `parts` leaves out what the caller does not need (a cart pricing its lines needs
   * neither the gallery nor the category links): those come back as empty arrays.
   */
  getMany(ids: number[], storeId?: number, parts?: ProductParts): Promise<Map<number, Product>>;
  getList(criteria: SearchCriteria, options?: SaveOptions): Promise<ProductList>;
  save(input: ProductInput, options?: SaveOptions): Promise<Product>;
  /** Several products in one transaction (import): all are validated before anything is written. */
  saveMany(inputs: Array<{ input: ProductInput; storeId?: number }>, onProgress?: (done: number, total: number) => void): Promise<Product[]>;
  delete(sku: string): Promise<void>;
}

/** Magento's message for an unknown product. */
export const PRODUCT_NOT_FOUND = "The product that was requested doesn't exist. Verify the product and try again.";
