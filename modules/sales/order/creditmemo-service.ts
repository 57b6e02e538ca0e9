import { inject, injectable } from 'inversify';
import { Kernel, type Clock, type Database, type EventBus } from '../../../app';
import { InputError } from '../../../app';
import { CatalogApi, type StockReservations } from '../../catalog/api';
import { SalesTable as T } from '../api/sales-tables';
import { SalesInternal } from '../model/sales-internal-tokens';
import { ensureDocumentSequence, nextDocumentNumber } from './document-sequence';
import {
  cardAuthorization,
  commentColumns,
  countOpen,
  INVOICE_STATE,
  invoicesOf,
  documentLines,
  onLockedOrder,
  ORDER_STATUS,
  qtyToRefund,
  qtyToShip,
  requestedQtys,
  shareOf,
  sum,
  stateAfter,
  stockLines,
  storeOfOrder,
  type DocumentComment,
  type DocumentLine,
  type ItemQty,
  type ItemRow,
} from './order-documents';
import type { OrderLifecycle } from './order-lifecycle';

/** Magento's RefundOrder arguments, amounts already in minor units (the REST layer converts them). */
export interface RefundRequest {
  /** What to refund, of what was invoiced; none = everything invoiced and not yet refunded. */
  items?: ItemQty[];
  /** Shipping to refund; by default what is left of the invoiced shipping. */
  shippingAmount?: number;
  adjustmentPositive?: number;
  adjustmentNegative?: number;
  /** Order item ids whose shipped units go back to stock (Magento's return_to_stock_items). */
  returnToStockItems?: number[];
  comment?: DocumentComment;
  /** Email the credit memo to the customer once committed (Magento's `notify`, default false). */
  notify?: boolean;
}

/** A credit memo line: an invoice line plus whether its shipped units went back to stock. */
export interface CreditmemoLine extends DocumentLine {
  back_to_stock: boolean;
}

/**
 * Credit memos (Magento's RefundOrder): only invoiced units are refunded, each line taking its share of what is left of its
 * invoiced row, discount and tax. Card payments are refunded online, against the invoices' captures (newest first); other
 * methods offline. Refunded units that were never shipped give their reservation back; shipped units go back to stock only
 * for the items listed in return_to_stock_items. Once everything invoiced is refunded, nothing is left to invoice and the
 * money is all given back, the order is closed.
 */
@injectable()
export class CreditmemoService {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.EventBus) private readonly events: EventBus,
    @inject(Kernel.Clock) private readonly clock: Clock,
    @inject(CatalogApi.StockReservations) private readonly stock: StockReservations,
    @inject(SalesInternal.OrderLifecycle) private readonly lifecycle: OrderLifecycle,
  ) {}

  /** Answers the credit memo id. */
  async refund(orderId: number, request: RefundRequest = {}): Promise<number> {
    await ensureDocumentSequence(this.db.knex, 'creditmemo', await storeOfOrder(this.db.knex, orderId));
    return onLockedOrder(this.db, orderId, async (conn, order, items) => {
      if (!['processing', 'complete'].includes(order.state) || order.total_paid <= order.total_refunded) {
        throw new InputError('The order does not allow a credit memo to be created.');
      }
      // Refunds go against what was paid: the units and amounts of paid invoices only, never an open invoice's.
      const invoices = await invoicesOf(conn, orderId);
      const paidInvoices = invoices.filter((i) => i.state === INVOICE_STATE.paid);
      const paidOf = new Map<number, { qty: number; row: number; discount: number; tax: number }>();
      for (const line of paidInvoices.flatMap((i) => i.lines)) {
        const paid = paidOf.get(line.order_item_id) ?? { qty: 0, row: 0, discount: 0, tax: 0 };
        paidOf.set(line.order_item_id, { qty: paid.qty + line.qty, row: paid.row + line.row_total, discount: paid.discount + line.discount_amount, tax: paid.tax + line.tax_amount });
      }
      const paidLine = (i: ItemRow) => paidOf.get(i.item_id) ?? { qty: 0, row: 0, discount: 0, tax: 0 };
      const refundableQty = (i: ItemRow) => Math.min(qtyToRefund(i), Math.max(paidLine(i).qty - i.qty_refunded, 0));
      const qtys = requestedQtys(items, request.items, refundableQty, 'refund');
      for (const id of request.returnToStockItems ?? []) {
        if (!items.some((i) => i.item_id === id)) throw new InputError(`return_to_stock_items: the order has no item with order_item_id ${id}.`);
      }
      const lines: CreditmemoLine[] = documentLines(items, qtys, refundableQty, (i) => ({
        row: paidLine(i).row - i.row_refunded,
        discount: paidLine(i).discount - i.discount_refunded,
        tax: paidLine(i).tax - i.tax_refunded,
      })).map((line) => ({ ...line, back_to_stock: (request.returnToStockItems ?? []).includes(line.order_item_id) }));

      // Shipping is invoiced whole with the first invoice; once that invoice is paid, what is left of it may be refunded, with
      // its tax in proportion.
      const shippingLeft = sum(paidInvoices, 'shipping_amount') - order.shipping_refunded;
      const shippingTaxLeft = sum(paidInvoices, 'shipping_tax_amount') - order.shipping_tax_refunded;
      const shipping = request.shippingAmount ?? shippingLeft;
      for (const [name, value] of [['shipping_amount', shipping], ['adjustment_positive', request.adjustmentPositive ?? 0], ['adjustment_negative', request.adjustmentNegative ?? 0]] as const) {
        if (!Number.isInteger(value) || value < 0) throw new InputError(`${name} must be an amount of 0 or more.`);
      }
      if (shipping > shippingLeft) throw new InputError(`The shipping amount to refund cannot be more than what is left of the invoiced shipping.`);
      const shippingTax = shippingLeft > 0 ? shareOf(shippingTaxLeft, shipping, shippingLeft) : 0;
      const subtotal = sum(lines, 'row_total');
      const discount = sum(lines, 'discount_amount');
      const tax = sum(lines, 'tax_amount') + shippingTax;
      const adjustmentPositive = request.adjustmentPositive ?? 0;
      const adjustmentNegative = request.adjustmentNegative ?? 0;
      const grandTotal = subtotal - discount + shipping + tax + adjustmentPositive - adjustmentNegative;
      const refundable = order.total_paid - order.total_refunded;
      if (grandTotal <= 0 || (!lines.length && !shipping && !adjustmentPositive)) throw new InputError("The credit memo's total must be positive.");
      if (grandTotal > refundable) throw new InputError(`The credit memo's total is more than what can still be refunded of this order.`);

      const online = (await cardAuthorization(conn, orderId)) !== null;
      const transactionId = online ? await this.refundOnline(orderId, order, grandTotal) : null;

      // Units refunded before they were shipped free their reservation; shipped ones go back to stock when asked.
      const release = new Map<number, number>();
      const restock = new Map<number, number>();
      for (const item of items) {
        const qty = qtys.get(item.item_id);
        if (!qty) continue;
        const freed = qtyToShip(item) - qtyToShip(item, item.qty_refunded + qty);
        // A virtual line is never shipped: every refunded unit of it still held is freed.
        const held = item.product_type === 'virtual' || item.product_type === 'downloadable' ? qty : freed;
        if (held > 0) release.set(item.item_id, held);
        if (qty - held > 0 && (request.returnToStockItems ?? []).includes(item.item_id)) restock.set(item.item_id, qty - held);
      }
      if (release.size) await this.stock.release(stockLines(items, (i) => release.get(i.item_id) ?? 0), order.increment_id);
      // One atomic qty + n per line: a shipment or reservation racing this refund is never overwritten.
      if (restock.size) await this.stock.restock(stockLines(items, (i) => restock.get(i.item_id) ?? 0), order.increment_id);

      const number = await nextDocumentNumber(conn, 'creditmemo', order.store_id);
      const [creditmemoId] = await conn(T.creditmemo).insert({
        order_id: orderId,
        increment_id: number,
        subtotal,
        discount_amount: discount,
        tax_amount: tax,
        shipping_amount: shipping,
        shipping_tax_amount: shippingTax,
        adjustment_positive: adjustmentPositive,
        adjustment_negative: adjustmentNegative,
        grand_total: grandTotal,
        transaction_id: transactionId,
        online,
        items: JSON.stringify(lines),
        ...commentColumns(request.comment),
        created_at: this.clock.now().getTime(),
      });
      for (const line of lines) {
        const item = items.find((i) => i.item_id === line.order_item_id)!;
        item.qty_refunded += line.qty;
        item.row_refunded += line.row_total;
        item.discount_refunded += line.discount_amount;
        item.tax_refunded += line.tax_amount;
        await conn(T.orderItem).where('item_id', item.item_id).update({
          qty_refunded: item.qty_refunded,
          row_refunded: item.row_refunded,
          discount_refunded: item.discount_refunded,
          tax_refunded: item.tax_refunded,
        });
      }
      const refunded = order.total_refunded + grandTotal;
      await conn(T.orderPayment).where('order_id', orderId).increment('amount_refunded', grandTotal);
      const state = stateAfter(order, items, { paid: order.total_paid, refunded, openInvoices: countOpen(invoices) });
      await conn(T.order).where('entity_id', orderId).update({
        state,
        status: ORDER_STATUS[state],
        total_refunded: refunded,
        shipping_refunded: order.shipping_refunded + shipping,
        shipping_tax_refunded: order.shipping_tax_refunded + shippingTax,
        updated_at: this.clock.now().getTime(),
      });
      const id = Number(creditmemoId);
      await this.events.dispatch('sales_order_creditmemo_save_after', { orderId, creditmemoId: id, incrementId: number, notify: request.notify === true });
      return id;
    });
  }

  /** Refunds `amount` against the order's captures, newest invoice first; answers the last refund's transaction id. */
  private async refundOnline(orderId: number, order: Parameters<OrderLifecycle['gateway']>[0], amount: number): Promise<string> {
    const conn = this.db.conn();
    const gateway = await this.lifecycle.gateway(order);
    const invoices = await conn(T.invoice).where('order_id', orderId).whereNotNull('transaction_id').orderBy('entity_id', 'desc');
    let left = amount;
    let last: string | null = null;
    for (const invoice of invoices) {
      const available = Number(invoice.grand_total) - Number(invoice.total_refunded);
      const part = Math.min(available, left);
      if (part <= 0) continue;
      last = await gateway.refund(invoice.transaction_id, part);
      await conn(T.invoice).where('entity_id', invoice.entity_id).increment('total_refunded', part);
      left -= part;
      if (left === 0) break;
    }
    if (left > 0 || !last) throw new InputError('The credit memo cannot be refunded online: not enough was captured.');
    return last;
  }
}
