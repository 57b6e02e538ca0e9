import type { Knex } from 'knex';
import { InputError } from '../../../app';
import type { CustomerSearchFilter, SearchCondition } from '../api/customer-repository';

/** Searchable fields and their conditions. Encrypted fields cannot be searched; the email only by exact match (blind index). */
const FIELDS: Record<string, { column: string; conditions: SearchCondition[]; kind: 'int' | 'time' | 'bool' | 'email' }> = {
  id: { column: 'entity_id', conditions: ['eq', 'neq', 'in', 'nin', 'gt', 'gteq', 'lt', 'lteq'], kind: 'int' },
  entity_id: { column: 'entity_id', conditions: ['eq', 'neq', 'in', 'nin', 'gt', 'gteq', 'lt', 'lteq'], kind: 'int' },
  email: { column: 'email_hash', conditions: ['eq', 'in'], kind: 'email' },
  website_id: { column: 'website_id', conditions: ['eq', 'neq', 'in', 'nin'], kind: 'int' },
  store_id: { column: 'store_id', conditions: ['eq', 'neq', 'in', 'nin'], kind: 'int' },
  group_id: { column: 'group_id', conditions: ['eq', 'neq', 'in', 'nin'], kind: 'int' },
  is_active: { column: 'is_active', conditions: ['eq'], kind: 'bool' },
  created_at: { column: 'created_at', conditions: ['gt', 'gteq', 'lt', 'lteq', 'from', 'to'], kind: 'time' },
  updated_at: { column: 'updated_at', conditions: ['gt', 'gteq', 'lt', 'lteq', 'from', 'to'], kind: 'time' },
};

export const SORTABLE_FIELDS = ['id', 'entity_id', 'website_id', 'store_id', 'group_id', 'created_at', 'updated_at'];

const OPERATORS: Partial<Record<SearchCondition, string>> = { eq: '=', neq: '<>', gt: '>', gteq: '>=', lt: '<', lteq: '<=', from: '>=', to: '<=' };

export function assertSortable(field: string): void {
  if (!SORTABLE_FIELDS.includes(field)) throw new InputError(`Sorting by "${field}" is not supported; sortable fields: ${SORTABLE_FIELDS.join(', ')}.`);
}

/** Magento's SearchCriteria on customer_entity: ORs within a filter group, ANDs between groups, every value bound. */
export function applySearchCriteria(query: Knex.QueryBuilder, groups: Array<{ filters: CustomerSearchFilter[] }>, emailIndex: (email: string) => string): void {
  for (const group of groups) {
    const filters = group.filters.map((filter) => compile(filter, emailIndex));
    if (!filters.length) continue;
    query.where((inner) => {
      for (const apply of filters) inner.orWhere(apply);
    });
  }
}

function compile(filter: CustomerSearchFilter, emailIndex: (email: string) => string): (q: Knex.QueryBuilder) => void {
  const spec = Object.hasOwn(FIELDS, filter.field) ? FIELDS[filter.field] : undefined;
  if (!spec) throw new InputError(`"${filter.field}" cannot be used to search customers; searchable fields: ${Object.keys(FIELDS).join(', ')}.`);
  const condition = filter.conditionType;
  if (!spec.conditions.includes(condition)) {
    throw new InputError(`The "${condition}" condition cannot be used on "${filter.field}"; use one of: ${spec.conditions.join(', ')}.`);
  }
  const values = condition === 'in' || condition === 'nin' ? filter.value.split(',').map((v) => v.trim()) : [filter.value];
  const bound = values.map((value) => convert(spec.kind, value, filter.field, emailIndex));
  return (q) => {
    if (condition === 'in') q.whereIn(spec.column, bound);
    else if (condition === 'nin') q.whereNotIn(spec.column, bound);
    else q.where(spec.column, OPERATORS[condition]!, bound[0]);
  };
}

function convert(kind: 'int' | 'time' | 'bool' | 'email', value: string, field: string, emailIndex: (email: string) => string): string | number | boolean {
  if (kind === 'email') return emailIndex(value);
  if (kind === 'bool') {
    if (!['0', '1', 'true', 'false'].includes(value)) throw new InputError(`Invalid value of "${value}" provided for the ${field} field.`);
    return value === '1' || value === 'true';
  }
  if (kind === 'int') {
    if (!/^\d+$/.test(value)) throw new InputError(`Invalid value of "${value}" provided for the ${field} field.`);
    return Number(value);
  }
  // Magento's dates are "YYYY-MM-DD[ HH:MM:SS]" in UTC; stored as epoch milliseconds here.
  const match = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}:\d{2}))?$/.exec(value);
  const ms = match ? Date.parse(`${match[1]}T${match[2] ?? '00:00:00'}Z`) : NaN;
  if (Number.isNaN(ms)) throw new InputError(`Invalid value of "${value}" provided for the ${field} field.`);
  return ms;
}
