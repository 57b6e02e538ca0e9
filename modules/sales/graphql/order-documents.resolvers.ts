import DataLoader from 'dataloader';
import type { GraphQLContext } from '../../../app';
import { CatalogApi, labelIn } from '../../catalog/api';
import { SalesInternal } from '../model/sales-internal-tokens';
import type { DocumentKind, SalesDocument } from '../order/sales-document-query';

/** What a CustomerOrder's batched fields need of their order: its id, currency and coupon. */
export interface OrderSource {
  orderId: number;
  digits: number;
  currency: string;
  couponCode: string | null;
}

type Row = Record<string, unknown>;

interface Loaders {
  items: DataLoader<number, Row[]>;
  documents: Record<DocumentKind, DataLoader<number, SalesDocument[]>>;
}

/** Per-request loaders: a page of orders costs one query for all their items and one per kind of document. */
function loaders(ctx: GraphQLContext): Loaders {
  const key = 'Comptoir_Sales.orderDocumentLoaders';
  let found = ctx.extensions.get(key) as Loaders | undefined;
  if (!found) {
    const query = ctx.get(SalesInternal.SalesDocumentQuery);
    const documents = (kind: DocumentKind) =>
      new DataLoader(async (ids: readonly number[]) => {
        const byOrder = await query.forOrders(kind, ids);
        return ids.map((id) => byOrder.get(id) ?? []);
      });
    found = {
      items: new DataLoader(async (ids: readonly number[]) => {
        const byOrder = await query.orderItems(ids);
        return ids.map((id) => byOrder.get(id) ?? []);
      }),
      documents: { invoice: documents('invoice'), shipment: documents('shipment'), creditmemo: documents('creditmemo') },
    };
    ctx.extensions.set(key, found);
  }
  return found;
}

const b64 = (value: string | number) => Buffer.from(String(value)).toString('base64');
const money = (order: OrderSource, minor: unknown) => ({ value: Number(minor ?? 0) / 10 ** order.digits, currency: order.currency });

export function discounts(order: OrderSource, amount: unknown) {
  const minor = Number(amount ?? 0);
  if (!minor) return [];
  return [{ amount: money(order, minor), applied_to: 'ITEM', label: order.couponCode ?? 'Discount', coupon: order.couponCode ? { code: order.couponCode } : null }];
}

/** Magento's order item status (Ordered, Invoiced, Shipped, Refunded, Canceled, Partial, Mixed). */
/** Magento's Sales\Model\Order\Item::getStatusId: quantities compared with what is actually ordered (less canceled and refunded). */
function statusOf(row: Row): string {
  const [ordered, invoiced, shipped, refunded, canceled] = ['qty_ordered', 'qty_invoiced', 'qty_shipped', 'qty_refunded', 'qty_canceled'].map((k) => Number(row[k] ?? 0));
  const actuallyOrdered = ordered - canceled - refunded;
  if (!invoiced && !shipped && !refunded && !canceled) return 'Ordered';
  if (shipped && invoiced && actuallyOrdered === shipped) return 'Shipped';
  if (invoiced && !shipped && actuallyOrdered === invoiced) return 'Invoiced';
  if (refunded && ordered === refunded) return 'Refunded';
  if (canceled && ordered === canceled) return 'Canceled';
  if (Math.max(shipped, invoiced) < actuallyOrdered) return 'Partial';
  return 'Mixed';
}

/** The order item as OrderItemInterface. */
function itemOutput(order: OrderSource, row: Row) {
  return {
    __order: order,
    __options: row.options,
    id: b64(Number(row.item_id)),
    product_name: row.name,
    product_sku: row.stock_sku,
    product_type: row.product_type,
    product_url_key: null,
    product_sale_price: money(order, row.price),
    quantity_ordered: Number(row.qty_ordered),
    quantity_invoiced: Number(row.qty_invoiced),
    quantity_shipped: Number(row.qty_shipped),
    quantity_refunded: Number(row.qty_refunded ?? 0),
    quantity_canceled: Number(row.qty_canceled),
    status: statusOf(row),
    discounts: discounts(order, row.discount_amount),
  };
}

function comments(doc: SalesDocument) {
  // Only comments meant for the customer (is_visible_on_front) reach the storefront.
  return doc.comment?.visible ? [{ message: doc.comment.text, timestamp: new Date(doc.comment.createdAt).toISOString().replace('T', ' ').slice(0, 19) }] : [];
}

function shippingHandling(order: OrderSource, shipping: unknown, shippingTax: unknown) {
  return { amount_excluding_tax: money(order, shipping), amount_including_tax: money(order, Number(shipping ?? 0) + Number(shippingTax ?? 0)), total_amount: money(order, shipping) };
}

function lineBase(order: OrderSource, doc: SalesDocument, line: SalesDocument['items'][number], items: Row[]) {
  const row = items.find((i) => Number(i.item_id) === line.order_item_id);
  return {
    id: b64(`${doc.kind}/${doc.id}/${line.order_item_id}`),
    order_item: row ? itemOutput(order, row) : null,
    product_name: row?.name ?? null,
    product_sku: String(row?.stock_sku ?? ''),
    product_sale_price: money(order, line.price ?? row?.price),
    discounts: discounts(order, line.discount_amount),
  };
}

function totalOf(order: OrderSource, doc: SalesDocument) {
  const r = doc.row;
  return {
    base_grand_total: money(order, r.grand_total),
    grand_total: money(order, r.grand_total),
    subtotal: money(order, r.subtotal),
    total_shipping: money(order, r.shipping_amount),
    total_tax: money(order, r.tax_amount),
    discounts: discounts(order, r.discount_amount),
    shipping_handling: shippingHandling(order, r.shipping_amount, r.shipping_tax_amount),
  };
}

async function documentsOf(ctx: GraphQLContext, order: OrderSource, kind: DocumentKind) {
  const { items, documents } = loaders(ctx);
  const [docs, rows] = await Promise.all([documents[kind].load(order.orderId), items.load(order.orderId)]);
  return { docs, rows };
}

/** Labels of a configurable line's chosen options, from its `configurable/<attribute id>/<option id>` uids. */
async function selectedOptions(ctx: GraphQLContext, raw: unknown) {
  const uids: string[] = typeof raw === 'string' && raw ? JSON.parse(raw) : [];
  if (!uids.length) return [];
  const attributes = await ctx.get(CatalogApi.AttributeRepository).list();
  const out: Array<{ label: string; value: string }> = [];
  for (const uid of uids) {
    const [, attributeId, optionId] = Buffer.from(uid, 'base64').toString('utf8').split('/').map(Number);
    const attribute = attributes.find((a) => a.id === attributeId);
    const option = attribute?.options.find((o) => o.id === optionId);
    if (attribute && option) out.push({ label: labelIn(attribute, ctx.store.storeId), value: labelIn(option, ctx.store.storeId) });
  }
  return out;
}

/** CustomerOrder's items, invoices, shipments and credit memos, and the OrderTotal fields that need the order's items. */
export const orderDocumentResolvers = {
  CustomerOrder: {
    items: async (order: OrderSource, _args: unknown, ctx: GraphQLContext) => (await loaders(ctx).items.load(order.orderId)).map((row) => itemOutput(order, row)),
    invoices: async (order: OrderSource, _args: unknown, ctx: GraphQLContext) => {
      const { docs, rows } = await documentsOf(ctx, order, 'invoice');
      return docs.map((doc) => ({
        id: b64(doc.id),
        number: doc.number,
        comments: comments(doc),
        total: totalOf(order, doc),
        items: doc.items.map((line) => ({ ...lineBase(order, doc, line, rows), quantity_invoiced: line.qty })),
      }));
    },
    shipments: async (order: OrderSource, _args: unknown, ctx: GraphQLContext) => {
      const { docs, rows } = await documentsOf(ctx, order, 'shipment');
      return docs.map((doc) => ({
        id: b64(doc.id),
        number: doc.number,
        comments: comments(doc),
        tracking: doc.tracks.map((t) => ({ carrier: t.carrier_code, number: t.track_number, title: t.title })),
        items: doc.items.map((line) => ({ ...lineBase(order, doc, line, rows), quantity_shipped: line.qty })),
      }));
    },
    credit_memos: async (order: OrderSource, _args: unknown, ctx: GraphQLContext) => {
      const { docs, rows } = await documentsOf(ctx, order, 'creditmemo');
      return docs.map((doc) => ({
        id: b64(doc.id),
        number: doc.number,
        comments: comments(doc),
        total: { ...totalOf(order, doc), adjustment: money(order, Number(doc.row.adjustment_positive ?? 0) - Number(doc.row.adjustment_negative ?? 0)) },
        items: doc.items.map((line) => ({ ...lineBase(order, doc, line, rows), quantity_refunded: line.qty })),
      }));
    },
  },
  OrderTotal: {
    /** The order's shipping with its tax: the order's tax less its items'. */
    shipping_handling: async (total: { __order: OrderSource & { shipping: number; tax: number } }, _args: unknown, ctx: GraphQLContext) => {
      const order = total.__order;
      const items = await loaders(ctx).items.load(order.orderId);
      const itemTax = items.reduce((sum, i) => sum + Number(i.tax_amount), 0);
      return shippingHandling(order, order.shipping, order.tax - itemTax);
    },
  },
  OrderItemInterface: { __resolveType: () => 'OrderItem' },
  InvoiceItemInterface: { __resolveType: () => 'InvoiceItem' },
  ShipmentItemInterface: { __resolveType: () => 'ShipmentItem' },
  CreditMemoItemInterface: { __resolveType: () => 'CreditMemoItem' },
  OrderItem: {
    selected_options: (item: { __options: unknown }, _args: unknown, ctx: GraphQLContext) => selectedOptions(ctx, item.__options),
  },
};
