import type { Knex } from 'knex';
import { InputError, NoSuchEntityError, type Database } from '../../../app';
import { SalesTable as T } from '../api/sales-tables';

/** Magento's order states, each with its default status (state → status as in sales_order_status_state). */
export const ORDER_STATUS = { new: 'pending', processing: 'processing', complete: 'complete', canceled: 'canceled', closed: 'closed', holded: 'holded' } as const;
export type OrderState = keyof typeof ORDER_STATUS;

/** Methods whose authorization lives at a card gateway: captured at invoice, voided at cancel, refunded at credit memo. */
export const CARD_METHODS = new Set(['comptoir_card', 'comptoir_card_vault']);

/** Magento's invoice states (Invoice::STATE_OPEN, STATE_PAID, STATE_CANCELED). */
export const INVOICE_STATE = { open: 1, paid: 2, canceled: 3 } as const;

export const NOT_FOUND = "The entity that was requested doesn't exist. Verify the entity and try again.";

export interface LockedOrder {
  entity_id: number;
  increment_id: string;
  store_id: number;
  state: OrderState;
  grand_total: number;
  shipping_method: string | null;
  shipping_amount: number;
  tax_amount: number;
  total_paid: number;
  total_refunded: number;
  shipping_refunded: number;
  shipping_tax_refunded: number;
  subtotal_canceled: number;
  discount_canceled: number;
  tax_canceled: number;
  shipping_canceled: number;
  total_canceled: number;
}

export interface ItemRow {
  item_id: number;
  sku: string;
  stock_sku: string;
  name: string;
  product_type: string;
  price: number;
  qty_ordered: number;
  qty_invoiced: number;
  qty_shipped: number;
  qty_canceled: number;
  qty_refunded: number;
  row_total: number;
  discount_amount: number;
  tax_amount: number;
  row_invoiced: number;
  discount_invoiced: number;
  tax_invoiced: number;
  row_refunded: number;
  discount_refunded: number;
  tax_refunded: number;
  row_canceled: number;
  discount_canceled: number;
  tax_canceled: number;
}

/** One line of a document as requested: Magento's `{order_item_id, qty}`. */
export interface ItemQty {
  order_item_id: number;
  qty: number;
}

/** An optional comment on a document, as Magento's `{comment, is_visible_on_front}`. */
export interface DocumentComment {
  comment: string;
  is_visible_on_front?: number | boolean;
}

const ORDER_NUMBERS = [
  'grand_total', 'shipping_amount', 'tax_amount', 'total_paid', 'total_refunded', 'shipping_refunded', 'shipping_tax_refunded', 'store_id',
  'subtotal_canceled', 'discount_canceled', 'tax_canceled', 'shipping_canceled', 'total_canceled',
] as const;
const ITEM_NUMBERS = [
  'item_id', 'price', 'qty_ordered', 'qty_invoiced', 'qty_shipped', 'qty_canceled', 'qty_refunded', 'row_total', 'discount_amount', 'tax_amount',
  'row_invoiced', 'discount_invoiced', 'tax_invoiced', 'row_refunded', 'discount_refunded', 'tax_refunded', 'row_canceled', 'discount_canceled', 'tax_canceled',
] as const;

/** Reads the order row with a write lock (FOR UPDATE on MariaDB; SQLite serializes writers). */
export async function lockOrder(conn: Knex, client: string, orderId: number): Promise<LockedOrder> {
  let query = conn(T.order).where('entity_id', orderId).first('entity_id', 'increment_id', 'state', 'shipping_method', ...ORDER_NUMBERS);
  if (client === 'mysql') query = query.forUpdate();
  const row = (await query) as LockedOrder | undefined;
  if (!row) throw new NoSuchEntityError(NOT_FOUND);
  for (const key of ORDER_NUMBERS) (row as unknown as Record<string, number>)[key] = Number(row[key]);
  return { ...row, entity_id: Number(row.entity_id) };
}

/** The store of an order, read before its transaction (to seed document sequences outside it). */
export async function storeOfOrder(conn: Knex, orderId: number): Promise<number> {
  const row = await conn(T.order).where('entity_id', orderId).first('store_id');
  if (!row) throw new NoSuchEntityError(NOT_FOUND);
  return Number(row.store_id);
}

export async function loadItems(conn: Knex, orderId: number): Promise<ItemRow[]> {
  const rows = (await conn(T.orderItem).where('order_id', orderId).orderBy('item_id')) as ItemRow[];
  return rows.map((row) => {
    const out = { ...row };
    for (const key of ITEM_NUMBERS) (out as unknown as Record<string, number>)[key] = Number(row[key]);
    return out;
  });
}

/** placeOrder leaves shipping_method empty only for virtual orders: there is nothing to ship. */
export const isVirtualOrder = (order: LockedOrder) => order.shipping_method === null;
/** Virtual and downloadable lines are never shipped. */
export const isShippable = (item: ItemRow) => item.product_type !== 'virtual' && item.product_type !== 'downloadable';

/** Magento's OrderItem::getQtyToInvoice, getSimpleQtyToShip, getQtyToRefund. */
export const qtyToInvoice = (item: ItemRow) => Math.max(item.qty_ordered - item.qty_invoiced - item.qty_canceled, 0);
export const qtyToShip = (item: ItemRow, refunded = item.qty_refunded) =>
  isShippable(item) ? Math.max(item.qty_ordered - Math.max(item.qty_shipped, refunded) - item.qty_canceled, 0) : 0;
export const qtyToRefund = (item: ItemRow) => Math.max(item.qty_invoiced - item.qty_refunded, 0);
/**
 * Magento's OrderItem::getQtyToCancel: the units neither invoiced nor shipped (a virtual line: not invoiced). Units shipped
 * but not invoiced are never canceled (the goods are gone): they stay to be invoiced.
 */
export const qtyToCancel = (item: ItemRow) => (isShippable(item) ? Math.min(qtyToInvoice(item), qtyToShip(item)) : qtyToInvoice(item));
/**
 * What is left to bill of a line: its row total, discount and tax less what invoices took and what a cancel took. An invoice
 * takes its units' share of this over qtyToInvoice, so the last units invoiced take exactly the rest.
 */
export const leftToBill = (item: ItemRow) => ({
  row: item.row_total - item.row_invoiced - item.row_canceled,
  discount: item.discount_amount - item.discount_invoiced - item.discount_canceled,
  tax: item.tax_amount - item.tax_invoiced - item.tax_canceled,
});

/** Magento's Order::canCancel (we have no hold nor payment review): a new or processing order with units left to cancel. */
export const canCancel = (order: LockedOrder, items: ItemRow[]) => ['new', 'processing'].includes(order.state) && items.some((i) => qtyToCancel(i) > 0);

/**
 * The share of `amount` (what is left of a line's amount) that `qty` of `qtyLeft` units take, rounded half-up. When a document
 * takes the last units it takes exactly what is left, so the rounding remainders land on the last document and the documents
 * add up to the order's amounts exactly.
 */
export function shareOf(amount: number, qty: number, qtyLeft: number): number {
  if (qty >= qtyLeft) return amount;
  return Math.floor((amount * qty * 2 + qtyLeft) / (qtyLeft * 2));
}

/**
 * The quantities a document takes: the requested `{order_item_id, qty}` lines, or everything left when none are given. An
 * unknown item, a repeated item, or more than is left is a clear InputError; lines with nothing left are dropped.
 */
export function requestedQtys(items: ItemRow[], requested: ItemQty[] | undefined, left: (item: ItemRow) => number, verb: string): Map<number, number> {
  const out = new Map<number, number>();
  if (!requested?.length) {
    for (const item of items) if (left(item) > 0) out.set(item.item_id, left(item));
    return out;
  }
  for (const line of requested) {
    const item = items.find((i) => i.item_id === line.order_item_id);
    if (!item) throw new InputError(`The order has no item with order_item_id ${line.order_item_id}.`);
    if (out.has(item.item_id)) throw new InputError(`The item with order_item_id ${line.order_item_id} is listed twice.`);
    if (!Number.isInteger(line.qty) || line.qty <= 0) throw new InputError(`The quantity for order_item_id ${line.order_item_id} must be a whole number greater than 0.`);
    if (line.qty > left(item)) throw new InputError(`Cannot ${verb} ${line.qty} of "${item.stock_sku}" (order_item_id ${item.item_id}): ${left(item)} left to ${verb}.`);
    out.set(item.item_id, line.qty);
  }
  return out;
}

/** Stock is held per stock sku (a configurable's child), summed over the order's lines. */
export function stockLines(items: ItemRow[], qty: (item: ItemRow) => number): Array<{ sku: string; qty: number }> {
  const bySku = new Map<string, number>();
  for (const item of items) if (qty(item) > 0) bySku.set(item.stock_sku, (bySku.get(item.stock_sku) ?? 0) + qty(item));
  return [...bySku].map(([sku, n]) => ({ sku, qty: n }));
}

/** The tax of the order's shipping: the order's tax less its lines'. */
export const shippingTaxOf = (order: LockedOrder, items: ItemRow[]) => order.tax_amount - items.reduce((sum, i) => sum + i.tax_amount, 0);

/** What the order's documents say besides its items: money paid and refunded, and how many invoices are still open. */
export interface OrderTotals {
  paid: number;
  refunded: number;
  /** Open invoices (created with capture: false, not yet captured nor voided): the order waits for their money. */
  openInvoices: number;
}

/**
 * The state after a document, from the items as they now are: processing while anything is left to invoice or ship, or
 * while an invoice is open (not paid yet); complete when everything is invoiced, paid and shipped (a virtual order:
 * invoiced and paid); closed when, on top of that, everything invoiced was refunded, money included (Magento's closed).
 */
export function stateAfter(order: LockedOrder, items: ItemRow[], totals: OrderTotals): OrderState {
  const toInvoice = items.reduce((sum, i) => sum + qtyToInvoice(i), 0);
  const toShip = isVirtualOrder(order) ? 0 : items.reduce((sum, i) => sum + qtyToShip(i), 0);
  if (toInvoice > 0 || toShip > 0 || totals.openInvoices > 0) return 'processing';
  const invoiced = items.reduce((sum, i) => sum + i.qty_invoiced, 0);
  const refunded = items.reduce((sum, i) => sum + i.qty_refunded, 0);
  return invoiced > 0 && refunded >= invoiced && totals.refunded >= totals.paid ? 'closed' : 'complete';
}

/**
 * The state after a cancel, once the canceled quantities are set: canceled when nothing of the order was invoiced or shipped;
 * otherwise what the documents give (stateAfter): processing while invoiced units are left to ship or shipped units to
 * invoice, complete when every remaining unit is invoiced and shipped, closed when on top of that everything invoiced was
 * refunded. See OrderLifecycle.cancel for how this follows Magento.
 */
export function stateAfterCancel(order: LockedOrder, items: ItemRow[], totals: OrderTotals): OrderState {
  if (items.every((i) => i.qty_invoiced === 0 && i.qty_shipped === 0)) return 'canceled';
  return stateAfter(order, items, totals);
}

/** An invoice row as the order steps read it: amounts in minor units, lines parsed. */
export interface InvoiceRow {
  entity_id: number;
  state: number;
  grand_total: number;
  shipping_amount: number;
  shipping_tax_amount: number;
  transaction_id: string | null;
  lines: DocumentLine[];
}

/** The order's invoices, oldest first (inside the order's transaction, after its row is locked). */
export async function invoicesOf(conn: Knex, orderId: number): Promise<InvoiceRow[]> {
  const rows = await conn(T.invoice).where('order_id', orderId).orderBy('entity_id');
  return rows.map((r) => ({
    entity_id: Number(r.entity_id),
    state: Number(r.state),
    grand_total: Number(r.grand_total),
    shipping_amount: Number(r.shipping_amount),
    shipping_tax_amount: Number(r.shipping_tax_amount),
    transaction_id: r.transaction_id ?? null,
    lines: JSON.parse(String(r.items)) as DocumentLine[],
  }));
}

/** How many of these invoices are open (created with capture: false, neither captured nor voided yet). */
export const countOpen = (invoices: ReadonlyArray<{ state: number }>) => invoices.filter((i) => i.state === INVOICE_STATE.open).length;

/** The order's open invoices, counted in the database (no need to read and parse them). */
export async function openInvoiceCount(conn: Knex, orderId: number): Promise<number> {
  const row = (await conn(T.invoice).where({ order_id: orderId, state: INVOICE_STATE.open }).count({ n: '*' }).first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}

/** The card authorization an order's payment holds (its gateway transaction id), or null for offline methods. */
export async function cardAuthorization(conn: Knex, orderId: number): Promise<string | null> {
  const payment = (await conn(T.orderPayment).where('order_id', orderId).first('method', 'last_trans_id')) as { method: string; last_trans_id: string | null } | undefined;
  return payment && CARD_METHODS.has(payment.method) && payment.last_trans_id ? payment.last_trans_id : null;
}

export function commentColumns(comment: DocumentComment | undefined): { comment: string | null; comment_visible: boolean } {
  const text = comment?.comment?.trim();
  return { comment: text ? text : null, comment_visible: Boolean(text && comment?.is_visible_on_front) };
}

/** One invoice line, kept in sales_invoice.items with its share of the line's amounts. */
export interface DocumentLine {
  order_item_id: number;
  qty: number;
  price: number;
  row_total: number;
  discount_amount: number;
  tax_amount: number;
}

export function sum<K extends string>(rows: Array<Record<K, number>>, key: K): number {
  return rows.reduce((total, row) => total + row[key], 0);
}

/**
 * Runs one step on an order (invoice, ship, refund, cancel) in one transaction, with the order row locked (FOR UPDATE on
 * MariaDB; SQLite serializes writers) and its items loaded, so two admins cannot take the same units twice.
 */
export function onLockedOrder<T>(db: Database, orderId: number, work: (conn: Knex, order: LockedOrder, items: ItemRow[]) => Promise<T>): Promise<T> {
  // Invoices capture and refunds return money at the gateway: their record must survive a power loss (TransactionOptions.durable).
  return db.transaction(
    async () => {
      const conn = db.conn();
      const order = await lockOrder(conn, db.client, orderId);
      return work(conn, order, await loadItems(conn, orderId));
    },
    { durable: true },
  );
}

/**
 * A document's lines: each requested item with its share (shareOf) of what is left of its row total, discount and tax, over
 * the `left` units those amounts still cover.
 */
export function documentLines(
  items: ItemRow[],
  qtys: Map<number, number>,
  left: (item: ItemRow) => number,
  remaining: (item: ItemRow) => { row: number; discount: number; tax: number },
): DocumentLine[] {
  return items
    .filter((i) => qtys.has(i.item_id))
    .map((i) => {
      const qty = qtys.get(i.item_id)!;
      const unitsLeft = left(i);
      const amounts = remaining(i);
      return {
        order_item_id: i.item_id,
        qty,
        price: i.price,
        row_total: shareOf(amounts.row, qty, unitsLeft),
        discount_amount: shareOf(amounts.discount, qty, unitsLeft),
        tax_amount: shareOf(amounts.tax, qty, unitsLeft),
      };
    });
}
