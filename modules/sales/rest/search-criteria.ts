import { InputError } from '../../../app';
import type { ConditionType, OrderCriteria, OrderFilter } from '../order/admin-order-query';

type Fields = Record<string, (raw: string) => string | number>;

/** The order fields searchCriteria may filter and sort on, and how a query-string value becomes a column value. */
export const ORDER_FIELDS: Fields = {
  entity_id: toInteger,
  increment_id: (raw) => raw,
  state: (raw) => raw,
  status: (raw) => raw,
  store_id: toInteger,
  customer_id: toInteger,
  // Magento sends "2026-01-31 10:00:00" (UTC); our columns hold epoch milliseconds.
  created_at: toEpoch,
  updated_at: toEpoch,
};
/** An invoice's, shipment's or credit memo's searchable fields (Magento's getList); invoices also have a `state`. */
export const DOCUMENT_FIELDS: Fields = {
  entity_id: toInteger,
  increment_id: (raw) => raw,
  order_id: toInteger,
  created_at: toEpoch,
};
export const INVOICE_FIELDS: Fields = { ...DOCUMENT_FIELDS, state: toInteger };

const CONDITIONS: readonly ConditionType[] = ['eq', 'neq', 'in', 'nin', 'like', 'gt', 'gteq', 'lt', 'lteq', 'null', 'notnull'];
const MAX_PAGE_SIZE = 300;
const DEFAULT_PAGE_SIZE = 20;

function toInteger(raw: string): number {
  if (!/^\d+$/.test(raw)) throw new InputError(`"${raw}" is not a valid number.`);
  return Number(raw);
}

function toEpoch(raw: string): number {
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/.test(raw) ? `${raw.replace(' ', 'T')}${raw.length > 10 ? '' : 'T00:00:00'}Z` : 'x');
  if (Number.isNaN(time)) throw new InputError(`"${raw}" is not a valid date (YYYY-MM-DD HH:MM:SS).`);
  return time;
}

/** Express may hand the query over nested (extended parser) or with the brackets kept in the keys: both become flat keys. */
function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}[${key}]` : key, out);
  } else if (value !== undefined) out.set(prefix, String(value));
}

const camel = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Magento's `searchCriteria[filter_groups][0][filters][0][field]=…` (camelCase accepted too), sort_orders, pageSize, currentPage. */
export function parseSearchCriteria(query: Record<string, unknown>, fields: Fields = ORDER_FIELDS): { criteria: OrderCriteria; echo: Record<string, unknown> } {
  const flat = new Map<string, string>();
  flatten(query, '', flat);
  const groups = new Map<number, Map<number, Record<string, string>>>();
  const sorts = new Map<number, Record<string, string>>();
  const paging: Record<string, string> = {};
  for (const [key, value] of flat) {
    const parts = key.match(/\[([^\]]*)\]/g)?.map((p) => camel(p.slice(1, -1)));
    if (!key.startsWith('searchCriteria[') || !parts) continue;
    if (parts[0] === 'filter_groups' && parts[2] === 'filters' && parts.length === 5) {
      const group = groups.get(Number(parts[1])) ?? new Map<number, Record<string, string>>();
      groups.set(Number(parts[1]), group);
      group.set(Number(parts[3]), { ...group.get(Number(parts[3])), [parts[4]]: value });
    } else if (parts[0] === 'sort_orders' && parts.length === 3) {
      sorts.set(Number(parts[1]), { ...sorts.get(Number(parts[1])), [parts[2]]: value });
    } else if ((parts[0] === 'page_size' || parts[0] === 'current_page') && parts.length === 1) {
      paging[parts[0]] = value;
    } else {
      throw new InputError(`"${key}" is not a searchCriteria field.`);
    }
  }
  const echoGroups: Array<{ filters: Array<Record<string, string>> }> = [];
  const criteriaGroups: OrderFilter[][] = [];
  for (const [, group] of [...groups].sort(([a], [b]) => a - b)) {
    const filters = [...group].sort(([a], [b]) => a - b).map(([, f]) => f);
    criteriaGroups.push(filters.map((f) => toFilter(f, fields)));
    echoGroups.push({ filters: filters.map((f) => ({ field: f.field, value: f.value ?? '', condition_type: f.condition_type ?? 'eq' })) });
  }
  const sortOrders = [...sorts].sort(([a], [b]) => a - b).map(([, s]) => s);
  const sort = sortOrders.map((s) => {
    if (!s.field || !Object.hasOwn(fields, s.field)) throw new InputError(`"${s.field ?? ''}" cannot be used for sorting.`);
    const direction = (s.direction ?? 'ASC').toUpperCase();
    if (direction !== 'ASC' && direction !== 'DESC') throw new InputError('Sort direction must be ASC or DESC.');
    return { column: s.field, direction: direction.toLowerCase() as 'asc' | 'desc' };
  });
  const pageSize = paging.page_size === undefined ? DEFAULT_PAGE_SIZE : toInteger(paging.page_size);
  const currentPage = paging.current_page === undefined ? 1 : toInteger(paging.current_page);
  if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) throw new InputError(`pageSize must be between 1 and ${MAX_PAGE_SIZE}.`);
  if (currentPage < 1) throw new InputError('currentPage value must be greater than 0.');
  return {
    criteria: { groups: criteriaGroups, sort, pageSize, currentPage },
    echo: { filter_groups: echoGroups, ...(sort.length ? { sort_orders: sort.map((s) => ({ field: s.column, direction: s.direction.toUpperCase() })) } : {}), page_size: pageSize, current_page: currentPage },
  };
}

function toFilter(filter: Record<string, string>, fields: Fields): OrderFilter {
  const convert = filter.field && Object.hasOwn(fields, filter.field) ? fields[filter.field] : undefined;
  if (!convert) throw new InputError(`"${filter.field ?? ''}" cannot be used for filtering.`);
  const condition = (filter.condition_type ?? 'eq') as ConditionType;
  if (!CONDITIONS.includes(condition)) throw new InputError(`Invalid condition type "${condition}".`);
  const raw = filter.value ?? '';
  if (condition === 'null' || condition === 'notnull') return { column: filter.field, condition, value: '' };
  if (condition === 'like') return { column: filter.field, condition, value: raw };
  if (condition === 'in' || condition === 'nin') return { column: filter.field, condition, value: raw.split(',').map((v) => convert(v.trim())) };
  return { column: filter.field, condition, value: convert(raw) };
}
