import { createToken } from '../../../app';
import type { AttributeSnapshotCache } from './attribute-snapshot-cache';
import type { CategoryTreeCache } from './category-tree-cache';
import type { FlatProductIndex } from './flat-product-index';
import type { ProductReader } from './product-reader';
import type { ProductWriter } from './product-writer';
import type { UrlRewriteService } from '../service/url-rewrite-service';
import type { ProductSearchService } from '../service/product-search-service';
import type { StockService } from '../service/stock-service';

/** Services private to the module (not in api/): other modules never ask for these. */
export const CatalogInternal = {
  AttributeCache: createToken<AttributeSnapshotCache>('Comptoir_Catalog.internal.AttributeCache'),
  CategoryTree: createToken<CategoryTreeCache>('Comptoir_Catalog.internal.CategoryTree'),
  ProductReader: createToken<ProductReader>('Comptoir_Catalog.internal.ProductReader'),
  ProductWriter: createToken<ProductWriter>('Comptoir_Catalog.internal.ProductWriter'),
  FlatIndex: createToken<FlatProductIndex>('Comptoir_Catalog.internal.FlatIndex'),
  UrlRewriteService: createToken<UrlRewriteService>('Comptoir_Catalog.internal.UrlRewriteService'),
  ProductSearch: createToken<ProductSearchService>('Comptoir_Catalog.internal.ProductSearch'),
  Stock: createToken<StockService>('Comptoir_Catalog.internal.Stock'),
} as const;
