import type { GraphQLContext } from '../../../app';
import { encodeUid } from '../model/uid';
import type { ProductSearchArgs } from '../service/product-search-service';
import { CatalogInternal } from '../model/catalog-internal-tokens';
import { CatalogRequest, type CategorySource } from './catalog-request';
import { loadPage } from './products.resolver';
import type { CategoryTree } from '../model/category-tree';

async function categoryUrl(category: CategorySource, ctx: GraphQLContext): Promise<string | null> {
  return category.urlPath ? category.urlPath + (await CatalogRequest.of(ctx).store).categoryUrlSuffix : null;
}

/** CategoryTree fields; everything but product_count and products comes from the in-memory tree. */
export const categoryTreeResolvers = {
  uid: (category: CategorySource) => encodeUid(category.id),
  url_key: (category: CategorySource) => category.urlKey,
  url_path: (category: CategorySource) => category.urlPath,
  url_suffix: async (_category: CategorySource, _args: unknown, ctx: GraphQLContext) => (await CatalogRequest.of(ctx).store).categoryUrlSuffix,
  canonical_url: (category: CategorySource, _args: unknown, ctx: GraphQLContext) => categoryUrl(category, ctx),
  product_count: (category: CategorySource, _args: unknown, ctx: GraphQLContext) => CatalogRequest.of(ctx).productCount.load(category.id),
  children_count: async (category: CategorySource, _args: unknown, ctx: GraphQLContext) => String((await CatalogRequest.of(ctx).tree).subtreeIds(category.id).length - 1),
  include_in_menu: (category: CategorySource) => (category.includeInMenu ? 1 : 0),
  is_anchor: (category: CategorySource) => (category.isAnchor ? 1 : 0),
  description: (category: CategorySource) => category.description,
  meta_title: (category: CategorySource) => category.metaTitle,
  meta_keywords: (category: CategorySource) => category.metaKeywords,
  meta_description: (category: CategorySource) => category.metaDescription,
  created_at: (category: CategorySource) => category.createdAt,
  updated_at: (category: CategorySource) => category.updatedAt,
  breadcrumbs: (category: CategorySource, _args: unknown, ctx: GraphQLContext) => {
    const answer = (tree: CategoryTree) => {
      const crumbs = tree
        .lineage(category.id)
        .filter((c) => c.level >= 2 && c.id !== category.id)
        .map((c) => ({ category_id: c.id, category_uid: encodeUid(c.id), category_name: c.name, category_level: c.level, category_url_key: c.urlKey, category_url_path: c.urlPath }));
      return crumbs.length ? crumbs : null;
    };
    // Once the request's tree is known (a listed product's categories), without a promise.
    const request = CatalogRequest.of(ctx);
    return request.treeValue ? answer(request.treeValue) : request.tree.then(answer);
  },
  children: async (category: CategorySource, _args: unknown, ctx: GraphQLContext) => {
    const request = CatalogRequest.of(ctx);
    const [tree, store] = await Promise.all([request.tree, request.store]);
    return category.childrenIds.filter((id) => tree.isVisibleUnder(id, store.rootCategoryId)).map((id) => tree.get(id)!);
  },
  products: async (category: CategorySource, args: Pick<ProductSearchArgs, 'pageSize' | 'currentPage' | 'sort'>, ctx: GraphQLContext) => {
    const store = await CatalogRequest.of(ctx).store;
    const result = await ctx.get(CatalogInternal.ProductSearch).search({ ...args, filter: { category_uid: { eq: encodeUid(category.id) } } }, store);
    return {
      items: () => loadPage(result.ids, ctx),
      total_count: result.totalCount,
      page_info: { page_size: result.pageSize, current_page: result.currentPage, total_pages: result.totalPages },
    };
  },
  redirect_code: (category: CategorySource) => category.__route?.redirectCode ?? 0,
  relative_url: (category: CategorySource, _args: unknown, ctx: GraphQLContext) => category.__route?.relativeUrl ?? categoryUrl(category, ctx),
  type: () => 'CATEGORY',
};
