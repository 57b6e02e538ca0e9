import type { GraphQLContext } from '../../../app';
import { StoreApi, storeConfigField } from '../../store/api';
import { CatalogConfigPath } from '../api/config-paths';
import { encodeUid } from '../model/uid';

interface StoreConfigSource {
  store_code: string;
  store_group_code: string;
}

async function rootCategoryId(source: StoreConfigSource, ctx: GraphQLContext): Promise<number | null> {
  const group = await ctx.get(StoreApi.StoreRepository).getGroup(source.store_group_code);
  return group?.rootCategoryId || null;
}

/** The catalog's StoreConfig fields, read through the config fallback of the store view the object describes. */
export const storeConfigResolvers = {
  product_url_suffix: storeConfigField(CatalogConfigPath.ProductUrlSuffix),
  category_url_suffix: storeConfigField(CatalogConfigPath.CategoryUrlSuffix),
  catalog_default_sort_by: storeConfigField(CatalogConfigPath.DefaultSortBy),
  root_category_id: (source: StoreConfigSource, _args: unknown, ctx: GraphQLContext) => rootCategoryId(source, ctx),
  root_category_uid: async (source: StoreConfigSource, _args: unknown, ctx: GraphQLContext) => {
    const id = await rootCategoryId(source, ctx);
    return id ? encodeUid(id) : null;
  },
};
