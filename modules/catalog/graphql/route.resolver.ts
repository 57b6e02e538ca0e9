import type { GraphQLContext } from '../../../app';
import { ProductStatus, Visibility } from '../api/product';
import { CatalogApi } from '../api/tokens';
import { encodeUid } from '../model/uid';
import { CatalogRequest, type CategorySource, type ProductSource } from './catalog-request';

/** "/women/tops.html?x=1#top" → "women/tops.html". */
export function requestPathOf(url: string): string {
  return String(url)
    .replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '')
    .replace(/[?#].*$/, '')
    .replace(/^\/+/, '');
}

/**
 * Query.route: the entity behind a storefront URL in the current store view. A current URL answers with redirect_code 0;
 * an old one (kept when a url key changed) answers with 301 and the new relative_url. Disabled, invisible or foreign
 * entities answer null, as an unknown URL does.
 */
export async function resolveRoute(_root: unknown, args: { url: string }, ctx: GraphQLContext): Promise<ProductSource | CategorySource | null> {
  const path = requestPathOf(args.url);
  if (!path) return null;
  const rewrite = await ctx.get(CatalogApi.UrlRewrites).findByRequestPath(path, ctx.store.storeId);
  if (!rewrite) return null;
  const route = { relativeUrl: rewrite.redirectType ? rewrite.targetPath : rewrite.requestPath, redirectCode: rewrite.redirectType };
  const request = CatalogRequest.of(ctx);
  if (rewrite.entityType === 'product') {
    const product = await request.cores.load(rewrite.entityId);
    if (!product || product.status !== ProductStatus.Enabled || product.visibility === Visibility.NotVisibleIndividually) return null;
    return { ...product, __route: route };
  }
  const [tree, store] = await Promise.all([request.tree, request.store]);
  const category = tree.get(rewrite.entityId);
  if (!category || !tree.isVisibleUnder(category.id, store.rootCategoryId)) return null;
  return { ...category, __route: route };
}

/** Query.urlResolver (deprecated in Magento 2.4 for `route`): the same lookup, answered as an EntityUrl. */
export async function resolveUrlResolver(root: unknown, args: { url: string }, ctx: GraphQLContext) {
  const entity = await resolveRoute(root, args, ctx);
  if (!entity) return null;
  const relativeUrl = entity.__route!.relativeUrl;
  return {
    id: entity.id,
    entity_uid: encodeUid(entity.id),
    relative_url: relativeUrl,
    canonical_url: relativeUrl,
    redirectCode: entity.__route!.redirectCode,
    type: 'typeId' in entity ? 'PRODUCT' : 'CATEGORY',
  };
}
