import type { Product } from './product';

/** Minor units. */
export interface PriceAmount {
  regular: number;
  final: number;
}

export interface PriceRange {
  minimum: PriceAmount;
  maximum: PriceAmount;
}

/** What prices, dates and URLs depend on in a store view. */
export interface StoreCatalogContext {
  storeId: number;
  storeCode: string;
  /** Today's date (YYYY-MM-DD) in the store view's time zone: special prices start and end by it. */
  today: string;
  /** The base currency prices are kept in and shown in. */
  currency: string;
  /** Minor units per major unit, as a power of ten (USD: 2). */
  currencyDigits: number;
  /** Secure media URL of product images: https://…/media/catalog/product */
  productMediaUrl: string;
  productUrlSuffix: string;
  categoryUrlSuffix: string;
  /** The root category of the store view's group. */
  rootCategoryId: number;
}

export interface CatalogContextProvider {
  forStore(storeId: number): Promise<StoreCatalogContext>;
}

/** A product's own final price on `today`: the special price when set, lower, and within its dates; else the price. */
export function finalPriceOf(product: Pick<Product, 'price' | 'specialPrice' | 'specialFromDate' | 'specialToDate'>, today: string): number {
  const special = product.specialPrice;
  if (special === null || special >= product.price) return product.price;
  if (product.specialFromDate && product.specialFromDate > today) return product.price;
  if (product.specialToDate && product.specialToDate < today) return product.price;
  return special;
}

export interface ProductPricing {
  /**
   * Price ranges in a store view: a simple or virtual product's own price; a configurable's min/max over its salable
   * enabled children (all enabled children when none is salable).
   */
  priceRanges(productIds: number[], storeId: number): Promise<Map<number, PriceRange>>;
}
