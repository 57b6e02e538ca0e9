import { inject, injectable } from 'inversify';
import { Kernel, type Database } from '../../../app';
import type { CartAddress } from '../api/sales-entities';
import { SalesTable as T } from '../api/sales-tables';
import type { AddressCodec } from '../model/address-codec';
import { SalesInternal } from '../model/sales-internal-tokens';
import { visibleOrderComments } from './order-comments';

export interface OrderRow {
  entity_id: number;
  increment_id: string;
  store_id: number;
  customer_id: number | null;
  customer_email: string;
  email_hash: string;
  status: string;
  currency: string;
  subtotal: number;
  shipping_amount: number;
  discount_amount: number;
  tax_amount: number;
  grand_total: number;
  coupon_code: string | null;
  shipping_method: string | null;
  shipping_description: string | null;
  created_at: number;
}

export interface PaymentRow {
  order_id: number;
  method: string;
  po_number: string | null;
  cc_type: string | null;
  cc_last_4: string | null;
  cc_exp_month: number | null;
  cc_exp_year: number | null;
}

export interface OrderSearch {
  customerId: number;
  storeIds: number[] | null;
  number?: { eq?: string | null; in?: Array<string | null> | null; match?: string | null } | null;
  sortField: 'NUMBER' | 'CREATED_AT';
  sortDirection: 'ASC' | 'DESC';
  pageSize: number;
  currentPage: number;
}

/** LIKE wildcards in a user's text are matched literally ('!' escapes on SQLite and MariaDB alike). */
const likeLiteral = (text: string) => text.replace(/[!%_]/g, (c) => `!${c}`);

/** Reads orders for their owners: every query carries the customer id (or, for guests, the number, email and postcode). */
@injectable()
export class CustomerOrderQuery {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(SalesInternal.AddressCodec) private readonly codec: AddressCodec,
  ) {}

  async search(search: OrderSearch): Promise<{ rows: OrderRow[]; total: number }> {
    const base = this.db.conn()(T.order).where('customer_id', search.customerId);
    if (search.storeIds) base.whereIn('store_id', search.storeIds);
    const number = search.number;
    if (number?.eq != null) base.where('increment_id', number.eq);
    if (number?.in) base.whereIn('increment_id', number.in.filter((n): n is string => typeof n === 'string'));
    if (number?.match != null) base.whereRaw("increment_id LIKE ? ESCAPE '!'", [`%${likeLiteral(number.match)}%`]);
    const counted = (await base.clone().count({ n: '*' }).first()) as { n: number | string };
    const column = search.sortField === 'NUMBER' ? 'increment_id' : 'created_at';
    const direction = search.sortDirection === 'ASC' ? 'asc' : 'desc';
    const rows = (await base
      .orderBy([{ column, order: direction }, { column: 'entity_id', order: direction }])
      .limit(search.pageSize)
      .offset((search.currentPage - 1) * search.pageSize)) as OrderRow[];
    return { rows, total: Number(counted.n) };
  }

  /** A store's order by number whose email and billing postcode match (compared as Magento does: email case-insensitively). */
  async guestLookup(storeId: number, number: string, email: string, postcode: string): Promise<OrderRow | undefined> {
    const conn = this.db.conn();
    const row = (await conn(T.order).where({ store_id: storeId, increment_id: number, email_hash: this.codec.emailHash(email) }).first()) as OrderRow | undefined;
    if (!row) return undefined;
    const billing = await conn(T.orderAddress).where({ order_id: row.entity_id, address_type: 'billing' }).first('postcode');
    const normalize = (code: string | null | undefined) => String(code ?? '').replace(/\s+/g, '').toUpperCase();
    return billing && normalize(billing.postcode) === normalize(postcode) ? row : undefined;
  }

  async addresses(orderIds: readonly number[]): Promise<Map<number, CartAddress[]>> {
    const rows = await this.db.conn()(T.orderAddress).whereIn('order_id', orderIds);
    const out = new Map<number, CartAddress[]>();
    for (const row of rows) out.set(Number(row.order_id), [...(out.get(Number(row.order_id)) ?? []), this.codec.fromRow(row, T.orderAddress)]);
    return out;
  }

  /** A guest's order by its id in a store view (the token's target: guestOrderByToken checks who may see it). */
  async byId(storeId: number, orderId: number): Promise<OrderRow | undefined> {
    return (await this.db.conn()(T.order).where({ store_id: storeId, entity_id: orderId }).first()) as OrderRow | undefined;
  }

  /** The storefront's comments of a page of orders, oldest first, in one query. */
  async comments(orderIds: readonly number[]): Promise<Map<number, Array<{ comment: string; createdAt: number }>>> {
    return visibleOrderComments(this.db.conn(), orderIds);
  }

  async payments(orderIds: readonly number[]): Promise<Map<number, PaymentRow>> {
    const rows = (await this.db.conn()(T.orderPayment).whereIn('order_id', orderIds)) as PaymentRow[];
    return new Map(rows.map((row) => [Number(row.order_id), row]));
  }
}
