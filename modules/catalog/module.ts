import { defineModule } from '../../app';
import { CatalogApi } from './api/tokens';
import { catalogConfigFields } from './config/catalog-config-fields';
import { catalogResolvers } from './graphql/resolvers';
import { catalogMigrations } from './migrations';
import { AttributeSnapshotCache } from './model/attribute-snapshot-cache';
import { CatalogInternal } from './model/catalog-internal-tokens';
import { CategoryTreeCache } from './model/category-tree-cache';
import { FlatProductIndex } from './model/flat-product-index';
import { ProductReader } from './model/product-reader';
import { ProductWriter } from './model/product-writer';
import { catalogObservers } from './observers/catalog-observers';
import { catalogRoutes } from './rest/routes';
import { catalogImportCommand } from './cli/catalog-import.command';
import { catalogReindexCommand } from './cli/catalog-reindex.command';
import { AttributeService } from './service/attribute-service';
import { DefaultCatalogContextProvider } from './service/catalog-context';
import { CategoryService } from './service/category-service';
import { DefaultProductPricing } from './service/pricing-service';
import { DefaultProductRepository } from './service/product-repository';
import { ProductSaveService } from './service/product-save-service';
import { ProductSaveToken } from './service/product-save-token';
import { ProductSearchService } from './service/product-search-service';
import { DefaultSearchAdapter } from './service/search/default-search-adapter';
import { DefaultSearchDocumentBuilder } from './service/search/search-document-builder';
import { StockService } from './service/stock-service';
import { UrlRewriteService } from './service/url-rewrite-service';

/**
 * Magento_Catalog, Magento_CatalogInventory, Magento_ConfigurableProduct, Magento_UrlRewrite and Magento_CatalogSearch in one
 * module: products (simple, virtual, configurable) on attribute sets with store-scoped values, the category tree, prices,
 * stock and reservations, URL rewrites, full-text search, the storefront GraphQL and the admin REST API.
 */
export default defineModule({
  name: 'Comptoir_Catalog',
  version: '1.0.0',
  sequence: ['Comptoir_Store'],
  description: 'Products, categories, prices, stock, URL rewrites, search; storefront GraphQL and admin REST',
  services: (bind) => {
    bind(CatalogInternal.AttributeCache).to(AttributeSnapshotCache).inSingletonScope();
    bind(CatalogInternal.CategoryTree).to(CategoryTreeCache).inSingletonScope();
    bind(CatalogInternal.ProductReader).to(ProductReader).inSingletonScope();
    bind(CatalogInternal.ProductWriter).to(ProductWriter).inSingletonScope();
    bind(CatalogInternal.FlatIndex).to(FlatProductIndex).inSingletonScope();
    bind(CatalogInternal.UrlRewriteService).to(UrlRewriteService).inSingletonScope();
    bind(CatalogInternal.ProductSearch).to(ProductSearchService).inSingletonScope();
    bind(ProductSaveToken).to(ProductSaveService).inSingletonScope();
    bind(CatalogApi.Context).to(DefaultCatalogContextProvider).inSingletonScope();
    bind(CatalogApi.ProductRepository).to(DefaultProductRepository).inSingletonScope();
    bind(CatalogApi.CategoryRepository).to(CategoryService).inSingletonScope();
    bind(CatalogApi.AttributeRepository).to(AttributeService).inSingletonScope();
    // One service answers both contracts; each can still be replaced on its own by preference.
    bind(CatalogInternal.Stock).to(StockService).inSingletonScope();
    bind(CatalogApi.StockRegistry).toDynamicValue((ctx) => ctx.get(CatalogInternal.Stock as never) as never).inSingletonScope();
    bind(CatalogApi.StockReservations).toDynamicValue((ctx) => ctx.get(CatalogInternal.Stock as never) as never).inSingletonScope();
    bind(CatalogApi.Pricing).to(DefaultProductPricing).inSingletonScope();
    bind(CatalogApi.SearchDocuments).to(DefaultSearchDocumentBuilder).inSingletonScope();
    bind(CatalogApi.SearchAdapter).to(DefaultSearchAdapter).inSingletonScope();
    bind(CatalogApi.UrlRewrites).toDynamicValue((ctx) => ctx.get(CatalogInternal.UrlRewriteService as never) as never).inSingletonScope();
  },
  observers: catalogObservers,
  graphql: {
    schema: ['graphql/products.graphqls', 'graphql/configurable.graphqls', 'graphql/categories.graphqls', 'graphql/routing.graphqls'],
    resolvers: catalogResolvers,
    // Built here as plain objects (documents, prices, images, options): graphql-jit reads their unresolved fields inline.
    plainDataTypes: [
      'SimpleProduct', 'VirtualProduct', 'ConfigurableProduct', 'PriceRange', 'ProductPrice', 'Money', 'ProductDiscount', 'ProductImage',
      'ComplexTextValue', 'ConfigurableProductOptions', 'ConfigurableProductOptionsValues', 'ConfigurableVariant', 'ConfigurableAttributeOption',
      'Breadcrumb',
    ],
  },
  rest: catalogRoutes,
  migrations: catalogMigrations,
  config: catalogConfigFields,
  acl: [
    { id: 'Magento_Catalog::catalog', title: 'Catalog' },
    { id: 'Magento_Catalog::catalog_inventory', title: 'Inventory', parent: 'Magento_Catalog::catalog' },
    { id: 'Magento_Catalog::products', title: 'Products', parent: 'Magento_Catalog::catalog_inventory' },
    { id: 'Magento_Catalog::categories', title: 'Categories', parent: 'Magento_Catalog::catalog_inventory' },
    { id: 'Magento_CatalogInventory::cataloginventory', title: 'Inventory Section' },
  ],
  commands: [catalogImportCommand, catalogReindexCommand],
});
