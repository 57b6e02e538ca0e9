import { inject, injectable } from 'inversify';
import type { Knex } from 'knex';
import { Kernel, type Database } from '../../../app';
import type { CartAddress } from '../api/sales-entities';
import { SalesTable as T } from '../api/sales-tables';
import type { AddressCodec } from '../model/address-codec';
import { SalesInternal } from '../model/sales-internal-tokens';

/** One order with what the admin API shows of it. Money stays in minor units here; the REST layer formats it. */
export interface AdminOrder {
  row: Record<string, unknown> & { entity_id: number; increment_id: string; store_id: number; customer_email: string };
  email: string;
  items: Array<Record<string, unknown>>;
  addresses: CartAddress[];
  payment: Record<string, unknown> | undefined;
}

export type ConditionType = 'eq' | 'neq' | 'in' | 'nin' | 'like' | 'gt' | 'gteq' | 'lt' | 'lteq' | 'null' | 'notnull';
export interface OrderFilter {
  column: string;
  condition: ConditionType;
  value: string | number | Array<string | number>;
}
export interface OrderCriteria {
  /** Magento's filter groups: filters inside a group are ORed, groups are ANDed. */
  groups: OrderFilter[][];
  sort: Array<{ column: string; direction: 'asc' | 'desc' }>;
  pageSize: number;
  currentPage: number;
}

const OPERATORS: Partial<Record<ConditionType, string>> = { eq: '=', neq: '<>', gt: '>', gteq: '>=', lt: '<', lteq: '<=' };

/** Reads orders for the admin API (the caller is an authorized admin: no owner filter here, the ACL guards the route). */
@injectable()
export class AdminOrderQuery {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(SalesInternal.AddressCodec) private readonly codec: AddressCodec,
  ) {}

  async byId(orderId: number): Promise<AdminOrder | undefined> {
    const row = await this.db.conn()(T.order).where('entity_id', orderId).first();
    return row ? (await this.load([row]))[0] : undefined;
  }

  async search(criteria: OrderCriteria): Promise<{ orders: AdminOrder[]; total: number }> {
    const { rows, total } = await searchRows(this.db.conn()(T.order), criteria);
    return { orders: await this.load(rows as AdminOrder['row'][]), total };
  }

  /** Items, addresses and payments of a page in three queries. */
  private async load(rows: AdminOrder['row'][]): Promise<AdminOrder[]> {
    if (!rows.length) return [];
    const conn = this.db.conn();
    const ids = rows.map((r) => Number(r.entity_id));
    const [items, addresses, payments] = await Promise.all([
      conn(T.orderItem).whereIn('order_id', ids).orderBy('item_id'),
      conn(T.orderAddress).whereIn('order_id', ids).orderBy('entity_id'),
      conn(T.orderPayment).whereIn('order_id', ids),
    ]);
    return rows.map((row) => {
      const id = Number(row.entity_id);
      return {
        row,
        email: this.codec.decryptEmail(row.customer_email, 'sales_order.customer_email') ?? '',
        items: items.filter((i) => Number(i.order_id) === id),
        addresses: addresses.filter((a) => Number(a.order_id) === id).map((a) => this.codec.fromRow(a, T.orderAddress)),
        payment: payments.find((p) => Number(p.order_id) === id),
      };
    });
  }
}

/**
 * One page of a table's rows matching Magento's searchCriteria (filters ORed within a group, groups ANDed; the sort, then the
 * entity id), and how many match in all.
 */
export async function searchRows(base: Knex.QueryBuilder, criteria: OrderCriteria): Promise<{ rows: Array<Record<string, unknown>>; total: number }> {
  for (const group of criteria.groups) {
    base.where((outer) => {
      for (const filter of group) outer.orWhere((inner) => applyFilter(inner, filter));
    });
  }
  const counted = (await base.clone().count({ n: '*' }).first()) as { n: number | string };
  const rows = (await base
    .orderBy([...criteria.sort, { column: 'entity_id', direction: 'asc' }].map((s) => ({ column: s.column, order: s.direction })))
    .limit(criteria.pageSize)
    .offset((criteria.currentPage - 1) * criteria.pageSize)) as Array<Record<string, unknown>>;
  return { rows, total: Number(counted.n) };
}

function applyFilter(query: Knex.QueryBuilder, filter: OrderFilter): void {
  const { column, condition, value } = filter;
  const list = Array.isArray(value) ? value : [value];
  if (condition === 'in') query.whereIn(column, list);
  else if (condition === 'nin') query.whereNotIn(column, list);
  else if (condition === 'null') query.whereNull(column);
  else if (condition === 'notnull') query.whereNotNull(column);
  // Magento's like takes the client's own % wildcards; the value is still bound, never spliced into SQL.
  else if (condition === 'like') query.where(column, 'like', String(value));
  else query.where(column, OPERATORS[condition]!, value as string | number);
}
