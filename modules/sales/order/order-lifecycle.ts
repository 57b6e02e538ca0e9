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
import { ensureDocumentSequence, nextDocumentNumber } from './document-sequence';
import {
  canCancel,
  cardAuthorization,
  countOpen,
  INVOICE_STATE,
  invoicesOf,
  openInvoiceCount,
  shareOf,
  commentColumns,
  documentLines,
  isVirtualOrder,
  NOT_FOUND,
  onLockedOrder,
  ORDER_STATUS,
  leftToBill,
  qtyToCancel,
  qtyToInvoice,
  qtyToShip,
  requestedQtys,
  shippingTaxOf,
  stateAfter,
  stateAfterCancel,
  stockLines,
  storeOfOrder,
  sum,
  type DocumentComment,
  type ItemQty,
  type InvoiceRow,
  type ItemRow,
  type LockedOrder,
  type OrderState,
} from './order-documents';

export { ORDER_STATUS, type OrderState } from './order-documents';

/** Magento's InvoiceOrder arguments. */
export interface InvoiceRequest {
  /**
   * Capture the amount online (card payments; default true). false on a card payment creates an open invoice (Magento's
   * state 1, "Pending"): nothing is captured until POST /V1/invoices/:id/capture. Offline methods are paid at once either way.
   */
  capture?: boolean;
  /** What to invoice; none = everything left. */
  items?: ItemQty[];
  comment?: DocumentComment;
  /** Email the invoice to the customer once committed (Magento's `notify`, default false). */
  notify?: boolean;
}

export interface ShipmentTrack {
  track_number: string;
  title: string;
  carrier_code: string;
}

/** Magento's ShipOrder arguments. */
export interface ShipRequest {
  items?: ItemQty[];
  tracks?: ShipmentTrack[];
  comment?: DocumentComment;
  /** Email the shipment to the customer once committed (Magento's `notify`, default false). */
  notify?: boolean;
}

/**
 * The order's life after placeOrder, as Magento's: new/pending → processing (something invoiced or shipped) → complete
 * (everything invoiced and shipped) → closed (everything refunded, see CreditmemoService); cancel takes what is neither
 * invoiced nor shipped, and the order is canceled when that was everything (see cancel). Invoices and shipments may be
 * partial. Each step runs in one transaction with the order row locked, so two admins cannot invoice the same units twice;
 * each document gets its own number from its type's sequence (seeded outside the transaction, see document-sequence.ts).
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

  /**
   * Invoices the requested quantities (everything left when none are given). Each line takes its share of what is left of
   * its row total, discount and tax; the first invoice carries the shipping (a voided invoice gives it back). A card
   * authorization is captured for the invoice's grand total only, and the invoice is paid (state 2); with `capture: false`
   * on a card payment the invoice is open (state 1): no gateway call, no transaction id, nothing paid yet. Offline methods
   * are paid at once. Answers the invoice id.
   */
  async invoice(orderId: number, request: InvoiceRequest = {}): Promise<number> {
    await ensureDocumentSequence(this.db.knex, 'invoice', await storeOfOrder(this.db.knex, orderId));
    return onLockedOrder(this.db, orderId, async (conn, order, items) => {
      const refuse = 'The order does not allow an invoice to be created.';
      if (!['new', 'processing'].includes(order.state) || !items.some((i) => qtyToInvoice(i) > 0)) throw new InputError(refuse);
      const qtys = requestedQtys(items, request.items, qtyToInvoice, 'invoice');
      const lines = documentLines(items, qtys, qtyToInvoice, leftToBill);
      // The shipping (and its tax) goes whole on the first invoice that is not canceled; a cancel may have taken it.
      const invoices = (await invoicesOf(conn, orderId)).filter((i) => i.state !== INVOICE_STATE.canceled);
      const shippingTaken = invoices.some(carriesShipping) || order.shipping_canceled > 0;
      const shipping = shippingTaken ? 0 : order.shipping_amount;
      const shippingTax = shippingTaken ? 0 : shippingTaxOf(order, items);
      const subtotal = sum(lines, 'row_total');
      const discount = sum(lines, 'discount_amount');
      const tax = sum(lines, 'tax_amount') + shippingTax;
      const grandTotal = Math.max(0, subtotal - discount + shipping + tax);

      const authorization = await cardAuthorization(conn, orderId);
      const open = authorization !== null && request.capture === false;
      const transactionId = authorization !== null && !open && grandTotal > 0 ? await (await this.gateway(order)).capture(authorization, grandTotal) : null;

      const number = await nextDocumentNumber(conn, 'invoice', order.store_id);
      const [invoiceId] = await conn(T.invoice).insert({
        order_id: orderId,
        increment_id: number,
        state: open ? INVOICE_STATE.open : INVOICE_STATE.paid,
        subtotal,
        discount_amount: discount,
        tax_amount: tax,
        shipping_amount: shipping,
        shipping_tax_amount: shippingTax,
        grand_total: grandTotal,
        transaction_id: transactionId,
        items: JSON.stringify(lines),
        ...commentColumns(request.comment),
        created_at: this.clock.now().getTime(),
      });
      for (const line of lines) {
        const item = items.find((i) => i.item_id === line.order_item_id)!;
        item.qty_invoiced += line.qty;
        item.row_invoiced += line.row_total;
        item.discount_invoiced += line.discount_amount;
        item.tax_invoiced += line.tax_amount;
        await this.saveInvoiced(conn, item);
      }
      const paid = open ? order.total_paid : order.total_paid + grandTotal;
      if (!open) await conn(T.orderPayment).where('order_id', orderId).increment('amount_paid', grandTotal);
      const openInvoices = countOpen(invoices) + (open ? 1 : 0);
      await this.move(conn, orderId, stateAfter(order, items, { paid, refunded: order.total_refunded, openInvoices }), { total_paid: paid });
      const id = Number(invoiceId);
      await this.events.dispatch('sales_order_invoice_save_after', { orderId, invoiceId: id, incrementId: number, notify: request.notify === true });
      return id;
    });
  }

  /**
   * Magento's InvoiceManagementInterface::setCapture: captures an open invoice's grand total against the order's card
   * authorization; the invoice becomes paid (state 2) with the capture's transaction id, and the order's total_paid grows by
   * it. Only an open invoice can be captured. Answers the invoice id.
   */
  async captureInvoice(invoiceId: number): Promise<number> {
    return this.onOpenInvoice(invoiceId, 'The invoice cannot be captured.', async (conn, order, items, invoice, openLeft) => {
      const authorization = await cardAuthorization(conn, order.entity_id);
      if (authorization === null) throw new InputError('The invoice cannot be captured.');
      const transactionId = invoice.grand_total > 0 ? await (await this.gateway(order)).capture(authorization, invoice.grand_total) : null;
      await conn(T.invoice).where('entity_id', invoiceId).update({ state: INVOICE_STATE.paid, transaction_id: transactionId });
      await conn(T.orderPayment).where('order_id', order.entity_id).increment('amount_paid', invoice.grand_total);
      const paid = order.total_paid + invoice.grand_total;
      await this.move(conn, order.entity_id, stateAfter(order, items, { paid, refunded: order.total_refunded, openInvoices: openLeft }), { total_paid: paid });
      await this.events.dispatch('sales_order_invoice_pay', { orderId: order.entity_id, invoiceId });
      return invoiceId;
    });
  }

  /**
   * Magento's InvoiceManagementInterface::setVoid for an open invoice: it becomes canceled (state 3) and its quantities and
   * amounts are taken back from the order items' *_invoiced counters, so they can be invoiced again (its shipping too).
   * Nothing was captured, so nothing happens at the gateway: the authorization stays for the next invoice or the cancel. A
   * paid (or already canceled) invoice cannot be voided.
   */
  async voidInvoice(invoiceId: number): Promise<void> {
    return this.onOpenInvoice(invoiceId, 'The invoice cannot be voided.', async (conn, order, items, invoice, openLeft) => {
      await conn(T.invoice).where('entity_id', invoiceId).update({ state: INVOICE_STATE.canceled });
      for (const line of invoice.lines) {
        const item = items.find((i) => i.item_id === line.order_item_id)!;
        item.qty_invoiced -= line.qty;
        item.row_invoiced -= line.row_total;
        item.discount_invoiced -= line.discount_amount;
        item.tax_invoiced -= line.tax_amount;
        await this.saveInvoiced(conn, item);
      }
      // As Magento's Invoice::cancel, the order is (or stays) processing: the freed units are left to invoice.
      await this.move(conn, order.entity_id, stateAfter(order, items, { paid: order.total_paid, refunded: order.total_refunded, openInvoices: openLeft }));
      await this.events.dispatch('sales_order_invoice_cancel', { orderId: order.entity_id, invoiceId });
    });
  }

  /**
   * Runs `work` on an open invoice of an order that can still move (new or processing), in the order's transaction with its
   * row locked; anything else is refused with `refusal`. `openLeft`: the order's open invoices once this one is settled.
   */
  private onOpenInvoice<T>(
    invoiceId: number,
    refusal: string,
    work: (conn: Knex, order: LockedOrder, items: ItemRow[], invoice: InvoiceRow, openLeft: number) => Promise<T>,
  ): Promise<T> {
    return orderOfInvoice(this.db.knex, invoiceId).then((orderId) =>
      onLockedOrder(this.db, orderId, async (conn, order, items) => {
        const invoices = await invoicesOf(conn, order.entity_id);
        const invoice = invoices.find((i) => i.entity_id === invoiceId)!;
        if (invoice.state !== INVOICE_STATE.open || !['new', 'processing'].includes(order.state)) throw new InputError(refusal);
        return work(conn, order, items, invoice, countOpen(invoices) - 1);
      }),
    );
  }

  private async saveInvoiced(conn: Knex, item: ItemRow): Promise<void> {
    await conn(T.orderItem).where('item_id', item.item_id).update({
      qty_invoiced: item.qty_invoiced,
      row_invoiced: item.row_invoiced,
      discount_invoiced: item.discount_invoiced,
      tax_invoiced: item.tax_invoiced,
    });
  }

  /** Ships the requested quantities (everything left when none are given), taking them out of the warehouse; answers the shipment id. */
  async ship(orderId: number, request: ShipRequest = {}): Promise<number> {
    await ensureDocumentSequence(this.db.knex, 'shipment', await storeOfOrder(this.db.knex, orderId));
    return onLockedOrder(this.db, orderId, async (conn, order, items) => {
      const refuse = 'The order does not allow a shipment to be created.';
      if (!['new', 'processing'].includes(order.state) || isVirtualOrder(order) || !items.some((i) => qtyToShip(i) > 0)) throw new InputError(refuse);
      const qtys = requestedQtys(items, request.items, (i) => qtyToShip(i), 'ship');
      await this.stock.deduct(stockLines(items, (i) => qtys.get(i.item_id) ?? 0), order.increment_id);
      const number = await nextDocumentNumber(conn, 'shipment', order.store_id);
      const [shipmentId] = await conn(T.shipment).insert({
        order_id: orderId,
        increment_id: number,
        items: JSON.stringify([...qtys].map(([id, qty]) => ({ order_item_id: id, qty }))),
        tracks: request.tracks?.length ? JSON.stringify(request.tracks) : null,
        ...commentColumns(request.comment),
        created_at: this.clock.now().getTime(),
      });
      for (const item of items) {
        const qty = qtys.get(item.item_id);
        if (!qty) continue;
        item.qty_shipped += qty;
        await conn(T.orderItem).where('item_id', item.item_id).update({ qty_shipped: item.qty_shipped });
      }
      const openInvoices = await openInvoiceCount(conn, orderId);
      await this.move(conn, orderId, stateAfter(order, items, { paid: order.total_paid, refunded: order.total_refunded, openInvoices }));
      const id = Number(shipmentId);
      await this.events.dispatch('sales_order_shipment_save_after', { orderId, shipmentId: id, incrementId: number, notify: request.notify === true });
      return id;
    });
  }

  /**
   * Cancels what is left of an order (Magento's Order::cancel → registerCancellation), in one transaction with the order row
   * locked. Allowed while the order is new or processing and some units are neither invoiced nor shipped (canCancel: Magento
   * also refuses once everything is invoiced). Each line's qty_canceled takes Magento's getQtyToCancel = min(left to invoice,
   * left to ship): units invoiced but not shipped can still ship, units shipped but not invoiced can still be invoiced, the
   * canceled units can never be invoiced nor shipped (qtyToInvoice/qtyToShip leave them out). Their held stock is released.
   * A card authorization is voided when nothing was captured; after a partial invoice, only its uncaptured rest is released.
   *
   * The state that follows (stateAfterCancel), from Magento's rules:
   * - nothing invoiced or shipped → canceled (Magento: no line has anything to refund → canceled);
   * - invoiced units left to ship → processing (Magento: a refundable line with more to ship than to cancel → processing);
   * - every invoiced unit shipped and the rest canceled → complete (Magento: refundable lines, nothing left to ship → complete);
   * - as complete, with everything invoiced refunded and the money given back → closed (where Magento would say canceled, as
   *   its rule only looks at refundable lines; closed is what our credit memos give an order in that situation);
   * - shipped units not invoiced → processing, so they can still be billed (Magento says canceled when nothing was invoiced,
   *   leaving shipped goods that can never be invoiced).
   */
  cancel(orderId: number): Promise<void> {
    return onLockedOrder(this.db, orderId, async (conn, order, items) => {
      if (!canCancel(order, items)) throw new InputError('We cannot cancel this order.');
      // An open invoice waits for the authorization: it is captured or voided first, never left unpayable.
      const invoices = await invoicesOf(conn, orderId);
      if (countOpen(invoices) > 0) throw new InputError('We cannot cancel this order while it has an open invoice: capture or void the invoice first.');
      const canceled = new Map(items.filter((i) => qtyToCancel(i) > 0).map((i) => [i.item_id, qtyToCancel(i)]));
      await this.stock.release(stockLines(items, (i) => canceled.get(i.item_id) ?? 0), order.increment_id);
      const authorization = await cardAuthorization(conn, orderId);
      if (authorization !== null) {
        const gateway = await this.gateway(order);
        // No invoice is open (refused above): something was paid means part of the authorization was captured.
        if (order.total_paid > 0) await gateway.releaseRemainder(authorization);
        else await gateway.void(authorization);
      }
      const amounts = canceledAmounts(order, items, canceled, invoices);
      for (const item of items) {
        const qty = canceled.get(item.item_id);
        const share = amounts.lines.get(item.item_id);
        if (!qty || !share) continue;
        item.qty_canceled += qty;
        item.row_canceled += share.row;
        item.discount_canceled += share.discount;
        item.tax_canceled += share.tax;
        await conn(T.orderItem)
          .where('item_id', item.item_id)
          .update({ qty_canceled: item.qty_canceled, row_canceled: item.row_canceled, discount_canceled: item.discount_canceled, tax_canceled: item.tax_canceled });
      }
      await this.move(conn, orderId, stateAfterCancel(order, items, { paid: order.total_paid, refunded: order.total_refunded, openInvoices: 0 }), {
        subtotal_canceled: order.subtotal_canceled + amounts.subtotal,
        discount_canceled: order.discount_canceled + amounts.discount,
        tax_canceled: order.tax_canceled + amounts.tax,
        shipping_canceled: order.shipping_canceled + amounts.shipping,
        total_canceled: order.total_canceled + amounts.total,
      });
      const lines = [...canceled].map(([orderItemId, qty]) => ({ orderItemId, qty }));
      await this.events.dispatch('order_cancel_after', { orderId, incrementId: order.increment_id, items: lines });
    });
  }

  /**
   * Magento's OrderManagementInterface::hold: a new or processing order is put on hold (state and status `holded`), where
   * nothing can be invoiced, shipped, captured, voided, refunded or canceled, by the admin or the customer, until `unhold`
   * puts it back in the state and status it had (kept in hold_before_state/hold_before_status).
   */
  hold(orderId: number): Promise<void> {
    return onLockedOrder(this.db, orderId, async (conn, order) => {
      if (!['new', 'processing'].includes(order.state)) throw new InputError('A hold action is not available.');
      await this.move(conn, orderId, 'holded', { hold_before_state: order.state, hold_before_status: ORDER_STATUS[order.state] });
    });
  }

  /** Magento's OrderManagementInterface::unHold: an order on hold goes back to the state and status it had. */
  unhold(orderId: number): Promise<void> {
    return onLockedOrder(this.db, orderId, async (conn, order) => {
      if (order.state !== 'holded') throw new InputError('You cannot remove the hold.');
      const before = (await conn(T.order).where('entity_id', orderId).first('hold_before_state')) as { hold_before_state: string | null };
      const state = (before.hold_before_state ?? 'new') as OrderState;
      await this.move(conn, orderId, state, { hold_before_state: null, hold_before_status: null });
    });
  }

  private async move(conn: Knex, orderId: number, state: OrderState, extra: Record<string, unknown> = {}): Promise<void> {
    await conn(T.order).where('entity_id', orderId).update({ state, status: ORDER_STATUS[state], updated_at: this.clock.now().getTime(), ...extra });
  }

  /** The card gateway of the order's store view. */
  async gateway(order: LockedOrder): Promise<CardGateway> {
    const view = await this.stores.getStoreViewById(order.store_id);
    const gateway = view ? await this.cardMethod.gateway(view.code) : null;
    if (!gateway) throw new InputError('The payment gateway of this order is not available.');
    return gateway;
  }
}


/** The invoice that took the order's shipping (or its tax alone, when the shipping itself is free). */
const carriesShipping = (invoice: { shipping_amount: number; shipping_tax_amount: number }) => invoice.shipping_amount !== 0 || invoice.shipping_tax_amount !== 0;

/** The order an invoice belongs to, read before its transaction; a missing invoice is Magento's no-such-entity. */
async function orderOfInvoice(conn: Knex, invoiceId: number): Promise<number> {
  const row = await conn(T.invoice).where('entity_id', invoiceId).first('order_id');
  if (!row) throw new NoSuchEntityError(NOT_FOUND);
  return Number(row.order_id);
}

/**
 * What a cancel takes off the order, as Magento's *_canceled totals (Order::registerCancellation), in minor units: each
 * canceled line's share (shareOf) of what is left to bill of its row total, discount and tax (leftToBill) over its units left
 * to invoice, kept per line (`lines`, written to the item's *_canceled columns) so that units shipped before the cancel and
 * invoiced after it take exactly the rest; the shipping and its tax when no invoice has taken them and no units are left to
 * invoice (shipped units still to bill keep the shipping for their invoice). total = subtotal - discount + shipping + tax.
 * Called before the canceled quantities are written.
 */
export function canceledAmounts(order: LockedOrder, items: ItemRow[], canceled: Map<number, number>, invoices: Array<{ state: number; shipping_amount: number; shipping_tax_amount: number }>) {
  const lines = new Map<number, { row: number; discount: number; tax: number }>();
  let subtotal = 0;
  let discount = 0;
  let tax = 0;
  for (const item of items) {
    const qty = canceled.get(item.item_id);
    if (!qty) continue;
    const left = leftToBill(item);
    const units = qtyToInvoice(item);
    const share = { row: shareOf(left.row, qty, units), discount: shareOf(left.discount, qty, units), tax: shareOf(left.tax, qty, units) };
    lines.set(item.item_id, share);
    subtotal += share.row;
    discount += share.discount;
    tax += share.tax;
  }
  const shippingInvoiced = invoices.some((i) => i.state !== INVOICE_STATE.canceled && carriesShipping(i));
  const leftToInvoice = items.some((i) => qtyToInvoice(i) - (canceled.get(i.item_id) ?? 0) > 0);
  const shipping = shippingInvoiced || leftToInvoice || order.shipping_canceled ? 0 : order.shipping_amount;
  const shippingTax = shipping ? shippingTaxOf(order, items) : 0;
  return { subtotal, discount, tax: tax + shippingTax, shipping, total: subtotal - discount + shipping + tax + shippingTax, lines };
}

export type { ItemRow };
