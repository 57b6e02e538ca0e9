import type { Knex } from 'knex';
import { InputError } from '../../../app';
import type { AttributeMetadata } from '../api/attribute';
import { CatalogTable as T } from '../api/catalog-tables';
import type { StoreCatalogContext } from '../api/pricing';
import type { AttributeSnapshot } from './attribute-rows';
import type { AttributeJoiner } from './attribute-join';
import type { CategoryTree } from './category-tree';
import { likeContains, whereSkuIn } from './sql-helpers';
import { decodeUid } from './uid';

/** One field of ProductAttributeFilterInput: FilterEqualTypeInput, FilterMatchTypeInput or FilterRangeTypeInput. */
export interface FilterValue {
  eq?: string | null;
  in?: Array<string | null> | null;
  match?: string | null;
  match_type?: 'FULL' | 'PARTIAL' | null;
  from?: string | null;
  to?: string | null;
}

export interface FilterContext {
  knex: Knex;
  query: Knex.QueryBuilder;
  joiner: AttributeJoiner;
  snapshot: AttributeSnapshot;
  tree: CategoryTree;
  store: StoreCatalogContext;
  minQueryLength: number;
  /** Joins and returns the listing price expression (once). */
  price: () => Knex.Raw;
}

/** What the filters decided that sorting and aggregations need. */
export interface AppliedFilters {
  /** Categories a category filter narrowed to (its listing sets), for position sorting and category facets. */
  categoryId: number | null;
  positionJoined: boolean;
}

const CATEGORY_KEYS = new Set(['category_id', 'category_uid', 'category_url_path']);
const MATCH_KEYS = new Set(['name', 'description', 'short_description']);

/** Applies ProductAttributeFilterInput to a query over `catalog_product_entity e`, refusing what it cannot honour with a clear message. */
export function applyStorefrontFilters(ctx: FilterContext, filter: Record<string, FilterValue | null | undefined>): AppliedFilters {
  const applied: AppliedFilters = { categoryId: null, positionJoined: false };
  for (const [key, value] of Object.entries(filter)) {
    if (value === null || value === undefined) continue;
    if (CATEGORY_KEYS.has(key)) applyCategory(ctx, key, value, applied);
    else if (key === 'sku') whereSkuIn(ctx.knex, ctx.query, 'e.sku', equalValues(key, value));
    else if (key === 'price') applyPrice(ctx, value);
    else {
      const attribute = ctx.snapshot.get(key);
      if (!attribute) throw new InputError(`"${key}" is not a product attribute.`);
      if (key !== 'url_key' && !MATCH_KEYS.has(key) && !attribute.isFilterable && !attribute.isSearchable) throw new InputError(`The attribute "${key}" is not filterable.`);
      applyAttribute(ctx, attribute, value);
    }
  }
  return applied;
}

function equalValues(key: string, value: FilterValue): string[] {
  if (value.match != null || value.from != null || value.to != null) throw new InputError(`Filter "${key}" accepts eq or in only.`);
  const values = value.eq != null ? [value.eq] : (value.in ?? []).filter((v): v is string => v !== null);
  if (value.eq == null && value.in == null) throw new InputError(`Filter "${key}" needs eq or in.`);
  return values.map(String);
}

function applyCategory(ctx: FilterContext, key: string, value: FilterValue, applied: AppliedFilters): void {
  const ids = equalValues(key, value).map((raw) => {
    if (key === 'category_uid') return decodeUid(raw);
    if (key === 'category_id') {
      if (!/^\d+$/.test(raw.trim())) throw new InputError(`"${raw}" is not a category id.`);
      return Number(raw);
    }
    return ctx.tree.findByUrlPath(raw.replace(/^\/+|\/+$/g, ''))?.id ?? -1;
  });
  const visible = ids.filter((id) => ctx.tree.isVisibleUnder(id, ctx.store.rootCategoryId));
  const listing = [...new Set(visible.flatMap((id) => ctx.tree.listingIds(id)))];
  if (!listing.length) {
    ctx.query.whereRaw('1 = 0');
    return;
  }
  if (!applied.positionJoined) {
    // One join filters and gives each product its position (the lowest among the matched categories).
    const positions = ctx.knex(T.categoryProduct).whereIn('category_id', listing).groupBy('product_id').select('product_id', ctx.knex.raw('MIN(position) AS position'));
    ctx.query.join(positions.as('cpos'), 'cpos.product_id', 'e.entity_id');
    applied.positionJoined = true;
    applied.categoryId = visible.length === 1 ? visible[0] : null;
  } else {
    ctx.query.whereIn('e.entity_id', ctx.knex(T.categoryProduct).whereIn('category_id', listing).select('product_id'));
    applied.categoryId = null;
  }
}

function number(key: string, raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0) throw new InputError(`Invalid value "${raw}" for filter ${key}: expected a number, 0 or more.`);
  return value;
}

function applyPrice(ctx: FilterContext, value: FilterValue): void {
  if (value.eq != null || value.in != null || value.match != null) throw new InputError('Filter "price" accepts from and to only.');
  if (value.from == null && value.to == null) throw new InputError('Filter "price" needs from or to.');
  const scale = 10 ** ctx.store.currencyDigits;
  const from = value.from != null ? Math.round(number('price.from', value.from) * scale) : null;
  const to = value.to != null ? Math.round(number('price.to', value.to) * scale) : null;
  if (from !== null && to !== null && from > to) throw new InputError('Invalid price filter: "from" is greater than "to".');
  const price = ctx.price();
  if (from !== null) ctx.query.where(price, '>=', from);
  if (to !== null) ctx.query.where(price, '<=', to);
}

function applyAttribute(ctx: FilterContext, attribute: AttributeMetadata, value: FilterValue): void {
  const key = attribute.code;
  if (value.match != null) {
    if (value.eq != null || value.in != null) throw new InputError(`Filter "${key}" takes either match or eq/in.`);
    const text = String(value.match).trim();
    if (text.length < ctx.minQueryLength) throw new InputError(`Invalid match filter. Minimum length is ${ctx.minQueryLength}.`);
    if (attribute.input !== 'text' && attribute.input !== 'textarea') throw new InputError(`Filter "${key}" accepts eq or in only.`);
    const expression = ctx.joiner.valueOf(attribute);
    const phrases = value.match_type === 'FULL' ? [text] : text.split(/\s+/);
    for (const phrase of phrases) ctx.query.whereRaw(`${expression} LIKE ? ESCAPE '!'`, [likeContains(phrase)]);
    return;
  }
  const values = equalValues(key, value);
  if (attribute.input === 'select' || attribute.input === 'multiselect' || attribute.input === 'boolean') {
    const ids = values.map((raw) => {
      if (!/^\d+$/.test(raw.trim())) throw new InputError(`Invalid value "${raw}" for filter ${key}: expected an option id.`);
      return Number(raw);
    });
    ctx.query.whereExists(
      ctx.knex(T.productOptionIndex).whereRaw('entity_id = e.entity_id').where('attribute_id', attribute.id).whereIn('value', ids).select(ctx.knex.raw('1')),
    );
    return;
  }
  const wanted = key === 'url_key' ? values.map((v) => v.toLowerCase()) : values;
  ctx.joiner.narrowToValues(attribute, wanted);
  ctx.query.whereIn(ctx.knex.raw(ctx.joiner.valueOf(attribute)) as never, wanted);
}
