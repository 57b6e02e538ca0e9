import type { Category } from './category';
import type { Product, ProductInput } from './product';
import type { StockItem } from './stock';

export interface ProductSaveBeforeEvent {
  input: ProductInput;
  /** The product as stored before the change (default values), null when it is new. */
  previous: Product | null;
  storeId: number;
  isNew: boolean;
}

export interface ProductSaveAfterEvent {
  /** As saved, read for `storeId`. */
  product: Product;
  previous: Product | null;
  storeId: number;
  isNew: boolean;
}

export interface ProductDeleteAfterEvent {
  product: Product;
}

export interface CategorySaveAfterEvent {
  category: Category;
  previous: Category | null;
  storeId: number;
  isNew: boolean;
}

export interface CategoryDeleteAfterEvent {
  /** The deleted category and its subtree's ids. */
  category: Category;
  deletedIds: number[];
}

export interface StockChangeEvent {
  sku: string;
  item: StockItem;
  previous: StockItem | null;
  /** save: the stock item was edited; reserve/release/deduct/restock: the reservation API moved quantities. */
  reason: 'save' | 'reserve' | 'release' | 'deduct' | 'restock';
  reference?: string;
}

declare module '../../../app/event/event-map' {
  interface EventMap {
    catalog_product_save_before: ProductSaveBeforeEvent;
    catalog_product_save_after: ProductSaveAfterEvent;
    catalog_product_delete_after: ProductDeleteAfterEvent;
    catalog_category_save_after: CategorySaveAfterEvent;
    catalog_category_delete_after: CategoryDeleteAfterEvent;
    cataloginventory_stock_item_save_after: StockChangeEvent;
  }
}
