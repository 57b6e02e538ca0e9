import { inject, injectable } from 'inversify';
import type { Knex } from 'knex';
import { Kernel, type Clock, type Database, type EventBus } from '../../../app';
import { InputError, NoSuchEntityError } from '../../../app';
import { CatalogApi, type StockReservations } from '../../catalog/api';
import { StoreApi, type StoreRepository } from '../../store/api';
import type { CardGateway } from '../api/payment';
import { SalesTable as T } from '../api/sales-tables';
import { SalesInternal } from '../model/sales-internal-tokens';
import type { CardMethod } from '../payment/card-method';

/** Magento's order states, each with its default status (state → status as in sales_order_status_state). */
export const ORDER_STATUS = { new: 'pending', processing: 'processing', complete: 'complete', canceled: 'canceled' } as const;
export type OrderState = keyof typeof ORDER_STATUS;

/** Methods whose authorization lives at a card gateway: captured at invoice, voided at cancel. */
const CARD_METHODS = new Set(['comptoir_card', 'comptoir_card_vault']);

interface LockedOrder {
  entity_id: number;
  increment_id: string;
  store_id: number;
  state: OrderState;
  grand_total: number;
  shipping_method: string | null;
}

interface ItemRow {
  item_id: number;
  stock_sku: string;
  qty_ordered: number;
  qty_invoiced: number;
  qty_shipped: number;
}

/**
 * The order's life after placeOrder, as Magento's: new/pending → processing (invoiced or shipped) → complete (invoiced and
 * shipped); canceled from new/processing while nothing is invoiced or shipped. Each step runs in one transaction with the
 * order row locked (FOR UPDATE on MariaDB; SQLite serializes writers), so two admins cannot invoice or cancel the same order
 * twice. Invoices and shipments cover the whole order (partial ones are not supported yet).
 */
@injectable()
export class OrderLifecycle {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.EventBus) private readonly events: EventBus,
    @inject(Kernel.Clock) private readonly clock: Clock,
    @inject(CatalogApi.StockReservations) private readonly stock: StockReservations,
    @inject(StoreApi.StoreRepository) private readonly stores: StoreRepository,
    @inject(SalesInternal.CardMethod) private readonly cardMethod: CardMethod,
  ) {}

  /** Invoices the whole order, capturing a card authorization; answers the invoice id. */
  invoice(orderId: number): Promise<number> {
    return this.db.transaction(async () => {
      const conn = this.db.conn();
      const order = await this.lock(conn, orderId);
      const items = await this.items(conn, orderId);
      const invoiced = items.every((i) => i.qty_invoiced >= i.qty_ordered);
      if (!['new', 'processing'].includes(order.state) || invoiced) throw new InputError('The order does not allow an invoice to be created.');
      const payment = await conn(T.orderPayment).where('order_id', orderId).first('method', 'last_trans_id');
      let transactionId: string | null = null;
      if (payment && CARD_METHODS.has(payment.method) && payment.last_trans_id) {
        transactionId = await (await this.gateway(order)).capture(payment.last_trans_id, Number(order.grand_total));
      }
      const now = this.clock.now().getTime();
      const [invoiceId] = await conn(T.invoice).insert({
        order_id: orderId,
        increment_id: order.increment_id,
        grand_total: order.grand_total,
        transaction_id: transactionId,
        items: JSON.stringify(items.map((i) => ({ order_item_id: Number(i.item_id), qty: Number(i.qty_ordered) }))),
        created_at: now,
      });
      await conn(T.orderItem).where('order_id', orderId).update({ qty_invoiced: conn.ref('qty_ordered') });
      await conn(T.orderPayment).where('order_id', orderId).update({ amount_paid: order.grand_total });
      const shipped = this.isVirtual(order) || items.every((i) => i.qty_shipped >= i.qty_ordered);
      await this.move(conn, orderId, shipped ? 'complete' : 'processing', { total_paid: order.grand_total });
      const id = Number(invoiceId);
      await this.events.dispatch('sales_order_invoice_save_after', { orderId, invoiceId: id, incrementId: order.increment_id });
      return id;
    });
  }

  /** Ships the whole order, taking the held stock out of the warehouse; answers the shipment id. */
  ship(orderId: number): Promise<number> {
    return this.db.transaction(async () => {
      const conn = this.db.conn();
      const order = await this.lock(conn, orderId);
      const items = await this.items(conn, orderId);
      const shipped = items.every((i) => i.qty_shipped >= i.qty_ordered);
      if (!['new', 'processing'].includes(order.state) || shipped || this.isVirtual(order)) throw new InputError('The order does not allow a shipment to be created.');
      await this.stock.deduct(this.lines(items, (i) => i.qty_ordered - i.qty_shipped), order.increment_id);
      const [shipmentId] = await conn(T.shipment).insert({
        order_id: orderId,
        increment_id: order.increment_id,
        items: JSON.stringify(items.map((i) => ({ order_item_id: Number(i.item_id), qty: Number(i.qty_ordered) - Number(i.qty_shipped) }))),
        tracks: null,
        created_at: this.clock.now().getTime(),
      });
      await conn(T.orderItem).where('order_id', orderId).update({ qty_shipped: conn.ref('qty_ordered') });
      const invoiced = items.every((i) => i.qty_invoiced >= i.qty_ordered);
      await this.move(conn, orderId, invoiced ? 'complete' : 'processing');
      const id = Number(shipmentId);
      await this.events.dispatch('sales_order_shipment_save_after', { orderId, shipmentId: id, incrementId: order.increment_id });
      return id;
    });
  }

  /** Cancels an order nothing was invoiced or shipped for: the held stock is released and a card authorization voided. */
  cancel(orderId: number): Promise<void> {
    return this.db.transaction(async () => {
      const conn = this.db.conn();
      const order = await this.lock(conn, orderId);
      const items = await this.items(conn, orderId);
      const touched = items.some((i) => i.qty_invoiced > 0 || i.qty_shipped > 0);
      if (!['new', 'processing'].includes(order.state) || touched) throw new InputError('We cannot cancel this order.');
      await this.stock.release(this.lines(items, (i) => i.qty_ordered), order.increment_id);
      const payment = await conn(T.orderPayment).where('order_id', orderId).first('method', 'last_trans_id');
      if (payment && CARD_METHODS.has(payment.method) && payment.last_trans_id) await (await this.gateway(order)).void(payment.last_trans_id);
      await conn(T.orderItem).where('order_id', orderId).update({ qty_canceled: conn.ref('qty_ordered') });
      await this.move(conn, orderId, 'canceled');
      await this.events.dispatch('order_cancel_after', { orderId, incrementId: order.increment_id });
    });
  }

  private async lock(conn: Knex, orderId: number): Promise<LockedOrder> {
    let query = conn(T.order).where('entity_id', orderId).first('entity_id', 'increment_id', 'store_id', 'state', 'grand_total', 'shipping_method');
    if (this.db.client === 'mysql') query = query.forUpdate();
    const row = (await query) as LockedOrder | undefined;
    if (!row) throw new NoSuchEntityError("The entity that was requested doesn't exist. Verify the entity and try again.");
    return { ...row, grand_total: Number(row.grand_total), store_id: Number(row.store_id) };
  }

  private async items(conn: Knex, orderId: number): Promise<ItemRow[]> {
    const rows = (await conn(T.orderItem).where('order_id', orderId).orderBy('item_id')) as ItemRow[];
    return rows.map((r) => ({ ...r, qty_ordered: Number(r.qty_ordered), qty_invoiced: Number(r.qty_invoiced), qty_shipped: Number(r.qty_shipped) }));
  }

  /** Stock is held per stock sku (a configurable's child), summed over the order's lines. */
  private lines(items: ItemRow[], qty: (item: ItemRow) => number) {
    const bySku = new Map<string, number>();
    for (const item of items) if (qty(item) > 0) bySku.set(item.stock_sku, (bySku.get(item.stock_sku) ?? 0) + qty(item));
    return [...bySku].map(([sku, n]) => ({ sku, qty: n }));
  }

  /** placeOrder leaves shipping_method empty only for virtual orders: there is nothing to ship. */
  private isVirtual(order: LockedOrder): boolean {
    return order.shipping_method === null;
  }

  private async move(conn: Knex, orderId: number, state: OrderState, extra: Record<string, unknown> = {}): Promise<void> {
    await conn(T.order).where('entity_id', orderId).update({ state, status: ORDER_STATUS[state], updated_at: this.clock.now().getTime(), ...extra });
  }

  private async gateway(order: LockedOrder): Promise<CardGateway> {
    const view = await this.stores.getStoreViewById(order.store_id);
    const gateway = view ? await this.cardMethod.gateway(view.code) : null;
    if (!gateway) throw new InputError('The payment gateway of this order is not available.');
    return gateway;
  }
}
