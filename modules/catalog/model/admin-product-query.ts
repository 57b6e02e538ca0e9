import type { Knex } from 'knex';
import { InputError } from '../../../app';
import { CatalogTable as T } from '../api/catalog-tables';
import type { ConditionType, SearchCriteria } from '../api/product';
import type { AttributeSnapshot } from './attribute-rows';
import { AttributeJoiner, STATIC_COLUMNS } from './attribute-join';
import { concatSql } from './sql-helpers';

export const ADMIN_MAX_PAGE_SIZE = 500;
const MONEY_FIELDS = new Set(['price', 'special_price']);

/**
 * Magento's product getList: filters inside a group are OR-ed, groups AND-ed; any attribute can be filtered or sorted on.
 * Money is compared in the API's major units. Returns one page of ids and the total.
 */
export async function findProductIds(knex: Knex, snapshot: AttributeSnapshot, criteria: SearchCriteria, storeId: number, currencyDigits: number): Promise<{ ids: number[]; total: number }> {
  // Value joins are one row per product, and categories filter through a subquery, so rows never repeat a product.
  const query = knex({ e: T.product }).leftJoin({ p: T.productPrice }, 'p.entity_id', 'e.entity_id');
  const joiner = new AttributeJoiner(knex, query, storeId);
  const expressionOf = (field: string): string => {
    if (field === 'category_id') return 'category_id';
    if (Object.hasOwn(STATIC_COLUMNS, field)) return STATIC_COLUMNS[field];
    const attribute = snapshot.get(field);
    if (!attribute) throw new InputError(`"${field}" is not a product attribute and cannot be searched on.`);
    return joiner.valueOf(attribute);
  };
  for (const group of criteria.filterGroups) {
    const filters = group.filters.map((f) => ({ ...f, expression: expressionOf(f.field) }));
    query.where((outer) => {
      for (const filter of filters) {
        const value = filter.conditionType === 'null' || filter.conditionType === 'notnull' ? filter.value : convert(filter.field, filter.value, currencyDigits);
        outer.orWhere((inner) => applyCondition(knex, inner, filter.expression, filter.conditionType, value));
      }
    });
  }
  const countRow = (await query.clone().count({ n: '*' }).first()) as { n: number | string } | undefined;
  const total = Number(countRow?.n ?? 0);
  const pageSize = criteria.pageSize ?? ADMIN_MAX_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > ADMIN_MAX_PAGE_SIZE) throw new InputError(`searchCriteria[pageSize] must be between 1 and ${ADMIN_MAX_PAGE_SIZE}.`);
  const currentPage = criteria.currentPage ?? 1;
  if (!Number.isInteger(currentPage) || currentPage < 1) throw new InputError('searchCriteria[currentPage] must be 1 or more.');
  for (const sort of criteria.sortOrders ?? []) {
    if (sort.field === 'category_id') throw new InputError('Products cannot be sorted by category_id.');
    query.orderByRaw(`${expressionOf(sort.field)} ${sort.direction === 'DESC' ? 'DESC' : 'ASC'}`);
  }
  query.orderBy('e.entity_id', 'asc');
  const rows = (await query.select('e.entity_id').limit(pageSize).offset((currentPage - 1) * pageSize)) as Array<{ entity_id: number }>;
  return { ids: rows.map((r) => Number(r.entity_id)), total };
}

function convert(field: string, value: string, digits: number): string {
  if (!MONEY_FIELDS.has(field)) return value;
  return value
    .split(',')
    .map((part) => {
      const number = Number(part);
      if (part.trim() === '' || !Number.isFinite(number)) throw new InputError(`"${value}" is not an amount for ${field}.`);
      return String(Math.round(number * 10 ** digits));
    })
    .join(',');
}

function applyCondition(knex: Knex, qb: Knex.QueryBuilder, expression: string, condition: ConditionType, value: string): void {
  if (expression === 'category_id') {
    const ids = value.split(',').map((v) => Number(v.trim()));
    if (ids.some((id) => !Number.isInteger(id))) throw new InputError(`"${value}" is not a list of category ids.`);
    const sub = knex(T.categoryProduct).select('product_id').whereIn('category_id', ids);
    if (condition === 'eq' || condition === 'in') qb.whereIn('e.entity_id', sub);
    else if (condition === 'neq' || condition === 'nin') qb.whereNotIn('e.entity_id', sub);
    else throw new InputError(`category_id accepts the eq, in, neq and nin conditions only.`);
    return;
  }
  const column = knex.raw(expression);
  const list = () => value.split(',').map((v) => v.trim());
  switch (condition) {
    case 'eq': qb.where(column, '=', value); break;
    case 'neq': qb.where(column, '<>', value); break;
    case 'like': qb.where(column, 'like', value); break;
    case 'nlike': qb.where(column, 'not like', value); break;
    case 'gt': qb.where(column, '>', value); break;
    case 'gteq': qb.where(column, '>=', value); break;
    case 'lt': qb.where(column, '<', value); break;
    case 'lteq': qb.where(column, '<=', value); break;
    case 'in': qb.whereIn(column as never, list()); break;
    case 'nin': qb.whereNotIn(column as never, list()); break;
    case 'null': qb.whereNull(column as never); break;
    case 'notnull': qb.whereNotNull(column as never); break;
    case 'finset': qb.whereRaw(`${concatSql(knex, "','", expression, "','")} LIKE ?`, [`%,${value},%`]); break;
    default: throw new InputError(`"${String(condition)}" is not a condition type.`);
  }
}
