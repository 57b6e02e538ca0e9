import type { GraphQLContext } from '../../../app';
import { labelIn } from '../api/attribute';
import { CatalogInternal } from '../model/catalog-internal-tokens';
import type { ProductSearchArgs, ProductSearchResult } from '../service/product-search-service';
import { CatalogRequest, type ProductSource } from './catalog-request';

/** What Query.products hands to the Products fields: the result page; items load only when asked for. */
export interface ProductsSource {
  result: ProductSearchResult;
}

/** Query.products: Magento's argument checks and errors, then one page of ids; the items come through the request's loaders. */
export async function resolveProducts(_root: unknown, args: ProductSearchArgs, ctx: GraphQLContext): Promise<ProductsSource> {
  const request = CatalogRequest.of(ctx);
  const result = await ctx.get(CatalogInternal.ProductSearch).search(args, await request.store);
  return { result };
}

export function loadPage(ids: number[], ctx: GraphQLContext): Promise<ProductSource[]> {
  return CatalogRequest.of(ctx).page(ids);
}

export const productsResolvers = {
  items: (source: ProductsSource, _args: unknown, ctx: GraphQLContext) => loadPage(source.result.ids, ctx),
  total_count: (source: ProductsSource) => source.result.totalCount,
  page_info: (source: ProductsSource) => ({ page_size: source.result.pageSize, current_page: source.result.currentPage, total_pages: source.result.totalPages }),
  aggregations: (source: ProductsSource, args: { filter?: { category?: { includeDirectChildrenOnly?: boolean | null } | null } | null }) =>
    source.result.aggregations({ includeDirectChildrenOnly: args.filter?.category?.includeDirectChildrenOnly }),
  sort_fields: async (source: ProductsSource, _args: unknown, ctx: GraphQLContext) => {
    const request = CatalogRequest.of(ctx);
    const [snapshot, store] = await Promise.all([request.snapshot, request.store]);
    const label = (code: string, fallback: string) => {
      const attribute = snapshot.get(code);
      return attribute ? labelIn(attribute, store.storeId) : fallback;
    };
    const options = [
      { value: 'position', label: 'Position' },
      { value: 'name', label: label('name', 'Product Name') },
      { value: 'price', label: label('price', 'Price') },
    ];
    if (source.result.hasSearch) options.unshift({ value: 'relevance', label: 'Relevance' });
    const fallback = await ctx.get(CatalogInternal.ProductSearch).defaultSort(store);
    return { default: source.result.hasSearch ? 'relevance' : fallback, options };
  },
};
