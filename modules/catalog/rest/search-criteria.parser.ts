import { InputError } from '../../../app';
import type { ConditionType, SearchCriteria } from '../api/product';

const CONDITIONS: readonly ConditionType[] = ['eq', 'neq', 'like', 'nlike', 'gt', 'gteq', 'lt', 'lteq', 'in', 'nin', 'null', 'notnull', 'finset'];
const KEY = /^searchCriteria((?:\[[^\]]*\])+)$/;

/** Magento accepts both spellings of every key. */
const CANONICAL: Record<string, string> = {
  filter_groups: 'filterGroups',
  sort_orders: 'sortOrders',
  page_size: 'pageSize',
  current_page: 'currentPage',
  condition_type: 'conditionType',
};

type Tree = { [key: string]: Tree | string };

/**
 * Reads `searchCriteria[filterGroups][0][filters][0][field]=…` query parameters. Express 5 parses query strings with the
 * "simple" parser, which leaves bracketed keys as they are, so the nesting is rebuilt here (and only here, so no other
 * route grows nested query objects).
 */
export function parseSearchCriteria(query: Record<string, unknown>): SearchCriteria {
  const root: Tree = {};
  for (const [key, raw] of Object.entries(query)) {
    const match = KEY.exec(key);
    if (!match) continue;
    const value = Array.isArray(raw) ? String(raw[raw.length - 1]) : String(raw);
    const path = [...match[1].matchAll(/\[([^\]]*)\]/g)].map((m) => CANONICAL[m[1]] ?? m[1]);
    if (path.length > 6 || path.some((p) => p === '' || p === '__proto__' || p === 'constructor' || p === 'prototype')) throw new InputError(`Unsupported search criteria parameter "${key}".`);
    let node = root;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else {
        const next = node[part];
        if (typeof next === 'string') throw new InputError(`Conflicting search criteria parameter "${key}".`);
        node = (next as Tree) ?? (node[part] = {});
      }
    });
  }
  const list = (tree: Tree | string | undefined, what: string): Tree[] => {
    if (tree === undefined) return [];
    if (typeof tree === 'string') throw new InputError(`searchCriteria[${what}] must be a list.`);
    const indexes = Object.keys(tree);
    if (indexes.some((i) => !/^\d{1,3}$/.test(i))) throw new InputError(`searchCriteria[${what}] must be indexed 0, 1, 2…`);
    return indexes.sort((a, b) => Number(a) - Number(b)).map((i) => tree[i] as Tree);
  };
  const int = (value: Tree | string | undefined, what: string): number | undefined => {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !/^\d+$/.test(value)) throw new InputError(`searchCriteria[${what}] must be a whole number.`);
    return Number(value);
  };
  const criteria: SearchCriteria = {
    filterGroups: list(root.filterGroups, 'filterGroups').map((group, g) => ({
      filters: list(group.filters, `filterGroups][${g}][filters`).map((filter, f) => {
        const field = filter.field;
        const conditionType = (filter.conditionType ?? 'eq') as ConditionType;
        if (typeof field !== 'string' || !field) throw new InputError(`searchCriteria[filterGroups][${g}][filters][${f}][field] is required.`);
        if (!CONDITIONS.includes(conditionType)) throw new InputError(`"${String(conditionType)}" is not a condition type (${CONDITIONS.join(', ')}).`);
        const value = typeof filter.value === 'string' ? filter.value : '';
        if (filter.value === undefined && conditionType !== 'null' && conditionType !== 'notnull') throw new InputError(`searchCriteria[filterGroups][${g}][filters][${f}][value] is required.`);
        return { field, value, conditionType };
      }),
    })),
    sortOrders: list(root.sortOrders, 'sortOrders').map((sort, s) => {
      if (typeof sort.field !== 'string' || !sort.field) throw new InputError(`searchCriteria[sortOrders][${s}][field] is required.`);
      const direction = String(sort.direction ?? 'ASC').toUpperCase();
      if (direction !== 'ASC' && direction !== 'DESC') throw new InputError(`searchCriteria[sortOrders][${s}][direction] is ASC or DESC.`);
      return { field: sort.field, direction };
    }),
    pageSize: int(root.pageSize, 'pageSize'),
    currentPage: int(root.currentPage, 'currentPage'),
  };
  return criteria;
}

/** The criteria as Magento echoes them in search results. */
export function searchCriteriaOutput(criteria: SearchCriteria) {
  return {
    filter_groups: criteria.filterGroups.map((g) => ({ filters: g.filters.map((f) => ({ field: f.field, value: f.value, condition_type: f.conditionType })) })),
    ...(criteria.sortOrders?.length ? { sort_orders: criteria.sortOrders.map((s) => ({ field: s.field, direction: s.direction })) } : {}),
    ...(criteria.pageSize !== undefined ? { page_size: criteria.pageSize } : {}),
    ...(criteria.currentPage !== undefined ? { current_page: criteria.currentPage } : {}),
  };
}
