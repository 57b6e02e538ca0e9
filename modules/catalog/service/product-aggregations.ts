import type { Knex } from 'knex';
import { labelIn } from '../api/attribute';
import { CatalogTable as T } from '../api/catalog-tables';
import type { StoreCatalogContext } from '../api/pricing';
import type { AttributeSnapshot } from '../model/attribute-rows';
import type { CategoryTree } from '../model/category-tree';
import { encodeUid } from '../model/uid';

export interface AggregationOption {
  label: string;
  value: string;
  count: number;
}

export interface Aggregation {
  attribute_code: string;
  label: string;
  count: number;
  position: number;
  options: AggregationOption[];
}

export interface AggregationInput {
  knex: Knex;
  /** SELECT e.entity_id of every matching product (no paging). */
  matching: () => Knex.QueryBuilder;
  /** SELECT e.entity_id, price (listing price, minor units) of every matching product. */
  pricesQuery: () => Knex.QueryBuilder;
  snapshot: AttributeSnapshot;
  tree: CategoryTree;
  store: StoreCatalogContext;
  categoryId: number | null;
  includeDirectChildrenOnly: boolean;
}

/**
 * Layered navigation over the whole matching set, three queries: price buckets (Magento's automatic step: a power of ten
 * giving at least two buckets), categories (distinct products per category, subcategories counted in anchors), and the
 * options of filterable select/multiselect/boolean attributes (a configurable counts once per option its children have).
 */
export async function computeAggregations(input: AggregationInput): Promise<Aggregation[]> {
  const out: Aggregation[] = [];
  const priceAttribute = input.snapshot.get('price');
  const prices = ((await input.pricesQuery()) as Array<{ entity_id: number; price: number | null }>).map((r) => Number(r.price ?? 0));
  if (prices.length && priceAttribute?.isFilterable) {
    const options = priceBuckets(prices, input.store.currencyDigits);
    out.push({ attribute_code: 'price', label: labelIn(priceAttribute, input.store.storeId), count: options.length, position: priceAttribute.position, options });
  }

  const pairs = (await input.knex(T.categoryProduct).whereIn('product_id', input.matching()).select('category_id', 'product_id')) as Array<{ category_id: number; product_id: number }>;
  const productsIn = new Map<number, Set<number>>();
  for (const pair of pairs) {
    const set = productsIn.get(Number(pair.category_id)) ?? new Set<number>();
    set.add(Number(pair.product_id));
    productsIn.set(Number(pair.category_id), set);
  }
  const candidates = input.includeDirectChildrenOnly && input.categoryId ? (input.tree.get(input.categoryId)?.childrenIds ?? []) : [...input.tree.categories.keys()];
  const categoryOptions: AggregationOption[] = [];
  for (const id of candidates) {
    if (id === input.categoryId || !input.tree.isVisibleUnder(id, input.store.rootCategoryId)) continue;
    const products = new Set<number>();
    for (const member of input.tree.listingIds(id)) for (const product of productsIn.get(member) ?? []) products.add(product);
    if (products.size) categoryOptions.push({ label: input.tree.get(id)!.name, value: encodeUid(id), count: products.size });
  }
  if (categoryOptions.length) out.push({ attribute_code: 'category_uid', label: 'Category', count: categoryOptions.length, position: 0, options: categoryOptions });

  const facets = input.snapshot.list().filter((a) => a.isFilterable && (a.input === 'select' || a.input === 'multiselect' || a.input === 'boolean'));
  if (facets.length) {
    const rows = (await input.knex(T.productOptionIndex)
      .whereIn('entity_id', input.matching())
      .whereIn('attribute_id', facets.map((a) => a.id))
      .groupBy('attribute_id', 'value')
      .select('attribute_id', 'value', input.knex.raw('COUNT(*) AS n'))) as Array<{ attribute_id: number; value: number; n: number | string }>;
    for (const attribute of facets) {
      const counts = new Map(rows.filter((r) => Number(r.attribute_id) === attribute.id).map((r) => [Number(r.value), Number(r.n)]));
      const options: AggregationOption[] =
        attribute.input === 'boolean'
          ? [1, 0].filter((v) => counts.get(v)).map((v) => ({ label: v ? 'Yes' : 'No', value: String(v), count: counts.get(v)! }))
          : attribute.options.filter((o) => counts.get(o.id)).map((o) => ({ label: labelIn(o, input.store.storeId), value: String(o.id), count: counts.get(o.id)! }));
      if (options.length) out.push({ attribute_code: attribute.code, label: labelIn(attribute, input.store.storeId), count: options.length, position: attribute.position, options });
    }
  }
  return out;
}

/** Buckets of a power-of-ten width, labelled in major units ("10-20", value "10_20"), as Magento's automatic price step. */
export function priceBuckets(minorPrices: number[], digits: number): AggregationOption[] {
  const scale = 10 ** digits;
  const prices = minorPrices.map((p) => p / scale);
  const max = Math.max(...prices);
  let step = 10 ** Math.max(0, String(Math.floor(max)).length - 1);
  const bucketsOf = (width: number) => new Set(prices.map((p) => Math.floor(p / width))).size;
  while (step > 1 && bucketsOf(step) < 2) step /= 10;
  const counts = new Map<number, number>();
  for (const price of prices) {
    const bucket = Math.floor(price / step);
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([bucket, count]) => {
      const from = bucket * step;
      const to = from + step;
      return { label: `${from}-${to}`, value: `${from}_${to}`, count };
    });
}
