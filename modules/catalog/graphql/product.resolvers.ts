import type { GraphQLContext } from '../../../app';
import type { MediaEntry, MediaRole } from '../api/product';
import { Visibility } from '../api/product';
import type { StoreCatalogContext } from '../api/pricing';
import { isConfigurableSalable, priceRangeOf } from '../model/price-range';
import type { ProductCore } from '../model/product-core';
import { encodeUid } from '../model/uid';
import { CatalogRequest, type CategorySource, type ProductSource } from './catalog-request';
import { money, productPrice } from './money';
import { productExtraResolvers } from './product-extras.resolvers';

type Resolver = (product: ProductSource, args: Record<string, unknown>, ctx: GraphQLContext) => unknown;

function imageUrl(entry: MediaEntry, mediaUrl: string): string {
  return /^https:\/\//i.test(entry.file) ? entry.file : mediaUrl + entry.file;
}

function roleImage(role: MediaRole): Resolver {
  return (product, _args, ctx) =>
    withMedia(product, ctx, (media, store) => {
      const entry = media.find((m) => m.types.includes(role));
      if (!entry) return { url: `${store.productMediaUrl}/placeholder/${role}.jpg`, label: product.name, position: null, disabled: false };
      return { url: imageUrl(entry, store.productMediaUrl), label: entry.label ?? product.name, position: entry.position, disabled: entry.disabled };
    });
}

/** Calls `use` with a product's gallery and the store context: at once for listed products (loaded with the page), else once loaded. */
function withMedia<T>(product: ProductSource, ctx: GraphQLContext, use: (media: MediaEntry[], store: StoreCatalogContext) => T): T | Promise<T> {
  const request = CatalogRequest.of(ctx);
  const media = request.mediaNow(product.id);
  if (media && request.storeValue) return use(media, request.storeValue);
  return Promise.all([request.media.load(product.id), request.store]).then(([loaded, store]) => use(loaded, store));
}

const text = (code: string): Resolver => (product) => (typeof product.attributes[code] === 'string' ? product.attributes[code] : null);
const html = (code: string): Resolver => (product) => (typeof product.attributes[code] === 'string' ? { html: product.attributes[code] } : null);

/** Calls `use` with the request's store context: at once when it is known, else once it resolves. */
export function withStore<T>(ctx: GraphQLContext, use: (store: StoreCatalogContext) => T): T | Promise<T> {
  const request = CatalogRequest.of(ctx);
  return request.storeValue ? use(request.storeValue) : request.store.then(use);
}

/** The URL a storefront links to: the url key and the suffix, for products that have a page of their own. */
export function productUrl(product: ProductSource, ctx: GraphQLContext): string | null | Promise<string | null> {
  if (!product.urlKey || product.visibility === Visibility.NotVisibleIndividually) return null;
  return withStore(ctx, (store) => product.urlKey + store.productUrlSuffix);
}

/**
 * The product's price range in the store view (a configurable's over its variants). Listed products have their store context
 * and children loaded already: answered without a promise then.
 */
function withPriceRange<T>(product: ProductSource, ctx: GraphQLContext, use: (range: ReturnType<typeof priceRangeOf>, store: StoreCatalogContext) => T): T | Promise<T> {
  const request = CatalogRequest.of(ctx);
  const children = product.typeId === 'configurable' ? request.childrenNow(product.id) : null;
  if (request.storeValue && children !== undefined) return use(priceRangeOf(product, children, request.storeValue.today), request.storeValue);
  return (async () => {
    const store = await request.store;
    return use(priceRangeOf(product, product.typeId === 'configurable' ? await request.children(product.id) : null, store.today), store);
  })();
}

/** Resolvers shared by SimpleProduct, VirtualProduct and ConfigurableProduct (GraphQL binds resolvers per object type). */
export const productFieldResolvers: Record<string, Resolver> = {
  uid: (product) => encodeUid(product.id),
  url_key: (product) => product.urlKey,
  url_suffix: (_product, _args, ctx) => withStore(ctx, (store) => store.productUrlSuffix),
  canonical_url: (product, _args, ctx) => productUrl(product, ctx),
  description: html('description'),
  short_description: html('short_description'),
  meta_title: text('meta_title'),
  meta_keyword: text('meta_keyword'),
  meta_description: text('meta_description'),
  price_range: (product, _args, ctx) =>
    withPriceRange(product, ctx, (range, store) => ({ minimum_price: productPrice(range.minimum, store), maximum_price: productPrice(range.maximum, store) })),
  /** Magento 2.3's prices, still read by older storefronts: the same range, as amounts. */
  price: (product, _args, ctx) =>
    withPriceRange(product, ctx, (range, store) => ({
      minimalPrice: { amount: money(range.minimum.final, store) },
      maximalPrice: { amount: money(range.maximum.final, store) },
      regularPrice: { amount: money(range.minimum.regular, store) },
    })),
  special_price: (product, _args, ctx) => (product.specialPrice === null ? null : withStore(ctx, (store) => product.specialPrice! / 10 ** store.currencyDigits)),
  special_from_date: (product) => (product.specialFromDate ? `${product.specialFromDate} 00:00:00` : null),
  special_to_date: (product) => (product.specialToDate ? `${product.specialToDate} 00:00:00` : null),
  image: roleImage('image'),
  small_image: roleImage('small_image'),
  thumbnail: roleImage('thumbnail'),
  media_gallery: (product, _args, ctx) =>
    withMedia(product, ctx, (media, store) =>
      media
        .filter((m) => !m.disabled)
        .map((m) => ({ __typename: 'ProductImage', url: imageUrl(m, store.productMediaUrl), label: m.label ?? product.name, position: m.position, disabled: m.disabled })),
    ),
  /** Magento 2.3's gallery, still read by older storefronts: every entry, hidden ones flagged, `file` as stored. */
  media_gallery_entries: (product, _args, ctx) =>
    withMedia(product, ctx, (media) =>
      media.map((m) => ({ id: m.id, uid: encodeUid(m.id), media_type: 'image', label: m.label, position: m.position, disabled: m.disabled, types: m.types, file: m.file })),
    ),
  categories: async (product, _args, ctx): Promise<CategorySource[]> => {
    const request = CatalogRequest.of(ctx);
    const [links, tree, store] = await Promise.all([request.categoryLinks.load(product.id), request.tree, request.store]);
    return links.filter((l) => tree.isVisibleUnder(l.categoryId, store.rootCategoryId)).map((l) => tree.get(l.categoryId)!);
  },
  stock_status: (product, _args, ctx) => {
    if (product.typeId !== 'configurable') return product.stock.isInStock && product.stock.salableQty > 0 ? 'IN_STOCK' : 'OUT_OF_STOCK';
    const request = CatalogRequest.of(ctx);
    const status = (children: ProductCore[]) => (isConfigurableSalable(product, children) ? 'IN_STOCK' : 'OUT_OF_STOCK');
    const children = request.childrenNow(product.id);
    return children ? status(children) : request.children(product.id).then(status);
  },
  color: (product) => (typeof product.attributes.color === 'number' ? product.attributes.color : null),
  type_id: (product) => product.typeId,
  attribute_set_id: (product) => product.attributeSetId,
  created_at: (product) => product.createdAt,
  updated_at: (product) => product.updatedAt,
  redirect_code: (product) => product.__route?.redirectCode ?? 0,
  relative_url: (product, _args, ctx) => product.__route?.relativeUrl ?? productUrl(product, ctx),
  type: () => 'PRODUCT',
  weight: (product) => product.weight,
  ...productExtraResolvers,
};

const TYPE_NAMES: Record<string, string> = { simple: 'SimpleProduct', virtual: 'VirtualProduct', configurable: 'ConfigurableProduct' };

export function productTypeName(product: { typeId: string }): string {
  return TYPE_NAMES[product.typeId] ?? 'SimpleProduct';
}

export function withoutWeight(resolvers: Record<string, Resolver>): Record<string, Resolver> {
  const { weight: _weight, ...rest } = resolvers;
  return rest;
}
