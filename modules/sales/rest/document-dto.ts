import type { SalesDocument } from '../order/sales-document-query';

/** Magento's datetime format in REST payloads ("2026-01-31 10:00:00", UTC). */
const dateTime = (ms: unknown) => new Date(Number(ms)).toISOString().replace('T', ' ').slice(0, 19);

type OrderItemRow = Record<string, unknown>;

function comments(doc: SalesDocument) {
  if (!doc.comment) return [];
  return [{ parent_id: doc.id, comment: doc.comment.text, is_visible_on_front: doc.comment.visible ? 1 : 0, is_customer_notified: 0, created_at: dateTime(doc.comment.createdAt) }];
}

function itemBase(doc: SalesDocument, line: SalesDocument['items'][number], orderItems: OrderItemRow[], m: (minor: unknown) => number) {
  const item = orderItems.find((i) => Number(i.item_id) === line.order_item_id);
  return {
    parent_id: doc.id,
    order_item_id: line.order_item_id,
    product_id: item ? Number(item.product_id) : null,
    sku: item ? String(item.stock_sku) : null,
    name: item ? String(item.name) : null,
    qty: line.qty,
    price: m(line.price ?? item?.price ?? 0),
    base_price: m(line.price ?? item?.price ?? 0),
  };
}

/** The totals invoices and credit memos share (a credit memo's state is Magento's 2: refunded; an invoice says its own), discounts negative as Magento shows them. */
function moneyTotals(r: SalesDocument['row'], m: (minor: unknown) => number) {
  return {
    state: 2,
    subtotal: m(r.subtotal),
    base_subtotal: m(r.subtotal),
    discount_amount: -m(r.discount_amount),
    base_discount_amount: -m(r.discount_amount),
    tax_amount: m(r.tax_amount),
    base_tax_amount: m(r.tax_amount),
    shipping_amount: m(r.shipping_amount),
    base_shipping_amount: m(r.shipping_amount),
    shipping_tax_amount: m(r.shipping_tax_amount),
  };
}

/** A document line's amounts. */
function lineAmounts(line: SalesDocument['items'][number], m: (minor: unknown) => number) {
  return { row_total: m(line.row_total), base_row_total: m(line.row_total), discount_amount: m(line.discount_amount), tax_amount: m(line.tax_amount) };
}

/** Magento's InvoiceInterface (`GET /V1/invoices/:id`): amounts as decimals of the order currency. */
export function invoiceDto(doc: SalesDocument, orderItems: OrderItemRow[], digits: number) {
  const r = doc.row;
  const m = (minor: unknown) => Number(minor ?? 0) / 10 ** digits;
  return {
    entity_id: doc.id,
    order_id: doc.orderId,
    increment_id: doc.number,
    ...moneyTotals(r, m),
    // Magento's Invoice::STATE_OPEN (1, "Pending": created with capture false, not captured yet), STATE_PAID (2), STATE_CANCELED (3, voided).
    state: Number(r.state ?? 2),
    grand_total: m(r.grand_total),
    base_grand_total: m(r.grand_total),
    base_total_refunded: m(r.total_refunded),
    total_qty: doc.items.reduce((sum, i) => sum + i.qty, 0),
    transaction_id: r.transaction_id ?? null,
    created_at: dateTime(r.created_at),
    items: doc.items.map((line) => ({
      ...itemBase(doc, line, orderItems, m),
      ...lineAmounts(line, m),
    })),
    comments: comments(doc),
  };
}

/** Magento's ShipmentInterface (`GET /V1/shipment/:id`). */
export function shipmentDto(doc: SalesDocument, orderItems: OrderItemRow[], digits: number) {
  const m = (minor: unknown) => Number(minor ?? 0) / 10 ** digits;
  return {
    entity_id: doc.id,
    order_id: doc.orderId,
    increment_id: doc.number,
    total_qty: doc.items.reduce((sum, i) => sum + i.qty, 0),
    created_at: dateTime(doc.row.created_at),
    items: doc.items.map((line) => itemBase(doc, line, orderItems, m)),
    tracks: doc.tracks.map((t) => ({ parent_id: doc.id, order_id: doc.orderId, track_number: t.track_number, title: t.title, carrier_code: t.carrier_code })),
    comments: comments(doc),
  };
}

/** Magento's CreditmemoInterface (`GET /V1/creditmemo/:id`). */
export function creditmemoDto(doc: SalesDocument, orderItems: OrderItemRow[], digits: number) {
  const r = doc.row;
  const m = (minor: unknown) => Number(minor ?? 0) / 10 ** digits;
  return {
    entity_id: doc.id,
    order_id: doc.orderId,
    increment_id: doc.number,
    ...moneyTotals(r, m),
    adjustment_positive: m(r.adjustment_positive),
    adjustment_negative: m(r.adjustment_negative),
    grand_total: m(r.grand_total),
    base_grand_total: m(r.grand_total),
    transaction_id: r.transaction_id ?? null,
    created_at: dateTime(r.created_at),
    items: doc.items.map((line) => ({
      ...itemBase(doc, line, orderItems, m),
      ...lineAmounts(line, m),
      back_to_stock: Boolean(line.back_to_stock),
    })),
    comments: comments(doc),
  };
}
