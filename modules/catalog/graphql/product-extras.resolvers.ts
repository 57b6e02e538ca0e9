import type { GraphQLContext } from '../../../app';
import { labelIn, type AttributeMetadata } from '../api/attribute';
import type { AttributeValue } from '../api/product';
import type { UrlRewrite } from '../api/url-rewrite';
import type { AttributeSnapshot } from '../model/attribute-rows';
import { CatalogRequest, type ProductSource } from './catalog-request';

type Resolver = (product: ProductSource, args: Record<string, unknown>, ctx: GraphQLContext) => unknown;

/** A stored value as Magento's String fields give it: text as is, numbers and option ids as digits, booleans as 1/0. */
function valueText(value: AttributeValue | undefined): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (Array.isArray(value)) return value.length ? value.join(',') : null;
  return null;
}

/** A plain EAV attribute: its value when the product has one, null otherwise (also when no such attribute exists). */
const plain = (code: string): Resolver => (product) => valueText(product.attributes[code]);

/** Magento keeps these dates as datetimes (news_from_date, news_to_date: the legacy codes behind new_from_date/new_to_date). */
const dateTime = (code: string): Resolver => (product) => {
  const text = valueText(product.attributes[code]);
  return text && /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text} 00:00:00` : text;
};

/** An option id (manufacturer is a select in Magento). */
const optionId = (code: string): Resolver => (product) => {
  const value = product.attributes[code];
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : null;
};

/** "catalog/product/view/id/5/category/3" → id=5, category=3 (Magento's parameters of a target path). */
export function targetPathParameters(targetPath: string): Array<{ name: string; value: string }> {
  const parts = targetPath.replace(/^\/+|\/+$/g, '').split('/');
  const out: Array<{ name: string; value: string }> = [];
  for (let i = 3; i + 1 < parts.length; i += 2) out.push({ name: parts[i], value: parts[i + 1] });
  return out;
}

const urlRewriteOutput = (rewrites: UrlRewrite[]) => rewrites.map((r) => ({ url: r.requestPath, parameters: targetPathParameters(r.targetPath) }));

/** AttributeFilterInput keys our attribute metadata keeps; Magento reports the others as FILTER_NOT_FOUND and does not apply them. */
const ATTRIBUTE_FLAGS: Record<string, (attribute: AttributeMetadata) => boolean> = {
  is_filterable: (a) => a.isFilterable,
  is_searchable: (a) => a.isSearchable,
};

interface CustomAttributesOutput {
  items: Array<{ code: string; value?: string; selected_options?: Array<{ label: string; value: string }> }>;
  errors: Array<{ type: 'FILTER_NOT_FOUND'; message: string }>;
}

/**
 * custom_attributesV2: the product's values of user-defined attributes (Comptoir keeps no "visible on front" flag, so all of
 * them), in attribute order. Selects and multiselects answer with their selected options labelled in the store view, other
 * inputs with the value as text (booleans 1/0), as Magento's EavGraphQl does. Filters on flags we keep apply; the others are
 * reported in `errors`, as Magento reports a filter that does not belong to the entity.
 */
export function customAttributesOf(product: ProductSource, filters: Record<string, unknown> | null | undefined, snapshot: AttributeSnapshot, storeId: number): CustomAttributesOutput {
  const errors: CustomAttributesOutput['errors'] = [];
  const tests: Array<(attribute: AttributeMetadata) => boolean> = [];
  for (const [key, wanted] of Object.entries(filters ?? {})) {
    if (wanted === null || wanted === undefined) continue;
    const flag = ATTRIBUTE_FLAGS[key];
    if (!flag) {
      errors.push({ type: 'FILTER_NOT_FOUND', message: `Cannot filter by "${key}" as that field does not belong to "catalog_product".` });
      continue;
    }
    tests.push((attribute) => flag(attribute) === wanted);
  }
  const items: CustomAttributesOutput['items'] = [];
  for (const attribute of snapshot.list('catalog_product')) {
    if (!attribute.isUserDefined || attribute.backendType === 'static' || !tests.every((test) => test(attribute))) continue;
    const value = product.attributes[attribute.code];
    if (attribute.input === 'select' || attribute.input === 'multiselect') {
      const selected = new Set((Array.isArray(value) ? value : [value]).filter((v): v is number => typeof v === 'number'));
      if (!selected.size) continue;
      const options = attribute.options.filter((o) => selected.has(o.id)).map((o) => ({ label: labelIn(o, storeId), value: String(o.id) }));
      items.push({ code: attribute.code, selected_options: options });
      continue;
    }
    const text = valueText(value);
    if (text !== null) items.push({ code: attribute.code, value: text });
  }
  return { items, errors };
}

/**
 * ProductInterface fields Magento storefront clients commonly ask for, beyond the core ones (shared by every product type).
 * Tier prices, reviews and product links (related, up-sell, cross-sell) are not provided by any Comptoir module yet: a catalog
 * without them answers an empty list and a zero rating/count, which is what Magento answers for a product that has none.
 */
export const productExtraResolvers: Record<string, Resolver> = {
  url_rewrites: (product, _args, ctx) => CatalogRequest.of(ctx).urlRewrites.load(product.id).then(urlRewriteOutput),
  only_x_left_in_stock: (product, _args, ctx) => {
    // A configurable has no quantity of its own (Magento answers null for it too): its variants answer.
    if (product.typeId === 'configurable') return null;
    const { salableQty, isInStock } = product.stock;
    return CatalogRequest.of(ctx)
      .stockThreshold()
      .then((threshold) => (threshold > 0 && isInStock && salableQty > 0 && salableQty <= threshold ? salableQty : null));
  },
  new_from_date: dateTime('news_from_date'),
  new_to_date: dateTime('news_to_date'),
  manufacturer: optionId('manufacturer'),
  country_of_manufacture: plain('country_of_manufacture'),
  gift_message_available: plain('gift_message_available'),
  options_container: plain('options_container'),
  swatch_image: plain('swatch_image'),
  price_tiers: () => [],
  rating_summary: () => 0,
  review_count: () => 0,
  related_products: () => [],
  upsell_products: () => [],
  crosssell_products: () => [],
  product_links: () => [],
  custom_attributesV2: (product, args, ctx) => {
    const request = CatalogRequest.of(ctx);
    const filters = args.filters as Record<string, unknown> | null | undefined;
    if (request.snapshotValue) return customAttributesOf(product, filters, request.snapshotValue, ctx.store.storeId);
    return request.snapshot.then((snapshot) => customAttributesOf(product, filters, snapshot, ctx.store.storeId));
  },
};

/** Type resolution for the interfaces these fields return. */
export const productExtraTypeResolvers = {
  AttributeValueInterface: { __resolveType: (value: { selected_options?: unknown }) => (value.selected_options ? 'AttributeSelectedOptions' : 'AttributeValue') },
  AttributeSelectedOptionInterface: { __resolveType: () => 'AttributeSelectedOption' },
  ProductLinksInterface: { __resolveType: () => 'ProductLinks' },
};
