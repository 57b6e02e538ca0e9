import type { ServiceLocator } from '../../../app';
import type { AnyObserverDeclaration } from '../../../app/module/manifest';
import { CatalogConfigPath } from '../api/config-paths';
import { CatalogApi } from '../api/tokens';
import { CatalogInternal } from '../model/catalog-internal-tokens';

const URL_CONFIG = new Set<string>([CatalogConfigPath.ProductUrlSuffix, CatalogConfigPath.CategoryUrlSuffix]);

/** The default context provider caches store settings; a replacement bound by preference may not have reset(). */
function resetContext(ctx: ServiceLocator): void {
  const provider = ctx.get(CatalogApi.Context) as { reset?: () => void };
  provider.reset?.();
}

/**
 * Sync observers: they run in the saving transaction, so a taken URL key or a failing index update rolls the save back,
 * and whatever path saved the product (REST, import, CLI, another module) the URLs and the search index follow.
 */
export const catalogObservers: AnyObserverDeclaration[] = [
  {
    event: 'catalog_product_save_after',
    name: 'catalog_product_url_rewrites',
    handler: async ({ product }, ctx) => ctx.get(CatalogInternal.UrlRewriteService).syncProducts([product.id]),
  },
  {
    event: 'catalog_product_save_after',
    name: 'catalog_product_flat_index',
    handler: async ({ product }, ctx) => ctx.get(CatalogInternal.FlatIndex).reindex([product.id]),
  },
  {
    event: 'catalog_product_save_after',
    name: 'catalog_product_search_index',
    handler: async ({ product }, ctx) => {
      // A configurable's document carries its children's option labels, so a child's change reindexes its parents too.
      const parents = await ctx.get(CatalogInternal.ProductReader).loadParentIds([product.id]);
      await ctx.get(CatalogApi.SearchAdapter).index([product.id, ...parents]);
    },
  },
  {
    event: 'catalog_product_delete_after',
    name: 'catalog_product_delete_cleanup',
    handler: async ({ product }, ctx) => {
      await ctx.get(CatalogInternal.UrlRewriteService).removeEntities('product', [product.id]);
      await ctx.get(CatalogApi.SearchAdapter).remove([product.id]);
    },
  },
  {
    event: 'catalog_category_save_after',
    name: 'catalog_category_url_rewrites',
    handler: async ({ category }, ctx) => ctx.get(CatalogInternal.UrlRewriteService).syncCategories([category.id]),
  },
  {
    event: 'catalog_category_delete_after',
    name: 'catalog_category_delete_cleanup',
    handler: async ({ deletedIds }, ctx) => ctx.get(CatalogInternal.UrlRewriteService).removeEntities('category', deletedIds),
  },
  {
    event: 'store_save_after',
    name: 'catalog_store_view_urls_and_index',
    handler: async ({ store, isNew, previous }, ctx) => {
      if (!isNew && previous?.isActive === store.isActive) return;
      // A new (or reactivated) store view gets every product and category URL and its own search documents.
      await ctx.get(CatalogInternal.UrlRewriteService).regenerateAll();
      await ctx.get(CatalogInternal.FlatIndex).reindexAll();
      await ctx.get(CatalogApi.SearchAdapter).reindexAll();
    },
  },
  {
    event: 'config_save_after',
    name: 'catalog_context_reset_on_config',
    handler: (_payload, ctx) => resetContext(ctx),
  },
  {
    event: 'store_save_after',
    name: 'catalog_context_reset_on_store',
    handler: (_payload, ctx) => resetContext(ctx),
  },
  {
    event: 'config_save_after',
    name: 'catalog_url_suffix_changed',
    handler: async ({ path }, ctx) => {
      if (URL_CONFIG.has(path)) await ctx.get(CatalogInternal.UrlRewriteService).regenerateAll();
    },
  },
];
