import { InputError } from '../../../app';
import type { CustomerSearchCriteria, SearchCondition } from '../api/customer-repository';
import { assertSortable } from '../service/customer-search';

const CONDITIONS: SearchCondition[] = ['eq', 'neq', 'in', 'nin', 'gt', 'gteq', 'lt', 'lteq', 'from', 'to'];
const MAX_PAGE_SIZE = 300;
const MAX_FILTERS = 20;

/** `a[b][0]=x` whatever query parser produced the object: bracket keys kept flat, or nested objects and arrays. */
function flatten(value: unknown, prefix: string, out: Array<[string, string]>): void {
  if (value === undefined || value === null) return;
  if (typeof value === 'object') {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) flatten(inner, prefix ? `${prefix}[${key}]` : key, out);
    return;
  }
  out.push([prefix, String(value)]);
}

/**
 * Magento's `searchCriteria[filterGroups][0][filters][0][field]=email&…[value]=…&…[conditionType]=eq`,
 * `searchCriteria[sortOrders][0][field|direction]`, `searchCriteria[pageSize|currentPage]`. Anything else under
 * searchCriteria is refused, as are pages over 300.
 */
export function parseSearchCriteria(query: Record<string, unknown>): CustomerSearchCriteria {
  const entries: Array<[string, string]> = [];
  flatten(query, '', entries);
  const groups = new Map<number, Map<number, { field?: string; value?: string; conditionType?: string }>>();
  const sorts = new Map<number, { field?: string; direction?: string }>();
  let pageSize = 20;
  let currentPage = 1;
  for (const [key, value] of entries) {
    if (!key.startsWith('searchCriteria')) continue;
    let m: RegExpExecArray | null;
    if ((m = /^searchCriteria\[filter_?[gG]roups\]\[(\d+)\]\[filters\]\[(\d+)\]\[(field|value|condition_?[tT]ype)\]$/.exec(key))) {
      const group = groups.get(Number(m[1])) ?? new Map();
      groups.set(Number(m[1]), group);
      const filter = group.get(Number(m[2])) ?? {};
      group.set(Number(m[2]), filter);
      const part = m[3].startsWith('condition') ? 'conditionType' : (m[3] as 'field' | 'value');
      filter[part] = value;
    } else if ((m = /^searchCriteria\[sort_?[oO]rders\]\[(\d+)\]\[(field|direction)\]$/.exec(key))) {
      const sort = sorts.get(Number(m[1])) ?? {};
      sorts.set(Number(m[1]), sort);
      sort[m[2] as 'field' | 'direction'] = value;
    } else if (/^searchCriteria\[page_?[sS]ize\]$/.test(key)) {
      pageSize = positive(value, 'pageSize');
    } else if (/^searchCriteria\[current_?[pP]age\]$/.test(key)) {
      currentPage = positive(value, 'currentPage');
    } else {
      throw new InputError(`Unknown search criteria parameter "${key}".`);
    }
  }
  if (pageSize > MAX_PAGE_SIZE) throw new InputError(`searchCriteria[pageSize] must be at most ${MAX_PAGE_SIZE}.`);
  const filterGroups = [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, filters]) => ({
      filters: [...filters.entries()]
        .sort(([a], [b]) => a - b)
        .map(([, f]) => {
          if (!f.field || f.value === undefined) throw new InputError('Each search filter needs a field and a value.');
          const conditionType = (f.conditionType ?? 'eq') as SearchCondition;
          if (!CONDITIONS.includes(conditionType)) throw new InputError(`Unknown condition type "${f.conditionType}"; use one of: ${CONDITIONS.join(', ')}.`);
          return { field: f.field, value: f.value, conditionType };
        }),
    }));
  if (filterGroups.reduce((n, g) => n + g.filters.length, 0) > MAX_FILTERS) throw new InputError(`At most ${MAX_FILTERS} search filters are accepted.`);
  const sortOrders = [...sorts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, s]) => {
      if (!s.field) throw new InputError('Each sort order needs a field.');
      assertSortable(s.field);
      const direction = (s.direction ?? 'ASC').toUpperCase();
      if (direction !== 'ASC' && direction !== 'DESC') throw new InputError(`Sort direction must be ASC or DESC, not "${s.direction}".`);
      return { field: s.field, direction: direction as 'ASC' | 'DESC' };
    });
  return { filterGroups, sortOrders, pageSize, currentPage };
}

function positive(value: string, name: string): number {
  if (!/^[1-9]\d{0,6}$/.test(value)) throw new InputError(`searchCriteria[${name}] must be a positive integer.`);
  return Number(value);
}
