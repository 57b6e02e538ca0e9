import { createToken } from '../../../app';
import type { AttributeRepository } from './attribute';
import type { CategoryRepository } from './category';
import type { CatalogContextProvider, ProductPricing } from './pricing';
import type { ProductRepository } from './product';
import type { SearchAdapter, SearchDocumentBuilder } from './search';
import type { StockRegistry, StockReservations } from './stock';
import type { UrlRewriteFinder } from './url-rewrite';

/** Service ids other modules ask the container for. */
export const CatalogApi = {
  ProductRepository: createToken<ProductRepository>('Comptoir_Catalog.ProductRepository'),
  CategoryRepository: createToken<CategoryRepository>('Comptoir_Catalog.CategoryRepository'),
  AttributeRepository: createToken<AttributeRepository>('Comptoir_Catalog.AttributeRepository'),
  StockRegistry: createToken<StockRegistry>('Comptoir_Catalog.StockRegistry'),
  StockReservations: createToken<StockReservations>('Comptoir_Catalog.StockReservations'),
  SearchAdapter: createToken<SearchAdapter>('Comptoir_Catalog.SearchAdapter'),
  SearchDocuments: createToken<SearchDocumentBuilder>('Comptoir_Catalog.SearchDocuments'),
  UrlRewrites: createToken<UrlRewriteFinder>('Comptoir_Catalog.UrlRewrites'),
  Pricing: createToken<ProductPricing>('Comptoir_Catalog.Pricing'),
  Context: createToken<CatalogContextProvider>('Comptoir_Catalog.Context'),
} as const;
