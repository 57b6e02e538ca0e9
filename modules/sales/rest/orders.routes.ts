import { z } from 'zod';
import { InputError, Kernel, NoSuchEntityError, type RestRequest, type RestRoute } from '../../../app';
import { CatalogApi } from '../../catalog/api';
import { SalesInternal } from '../model/sales-internal-tokens';
import type { InvoiceRequest, ShipRequest } from '../order/order-lifecycle';
import { orderHistory } from '../order/order-comments';
import { NOT_FOUND, storeOfOrder } from '../order/order-documents';
import type { DocumentKind, SalesDocument } from '../order/sales-document-query';
import { creditmemoDto, invoiceDto, shipmentDto } from './document-dto';
import { dateTime, orderDto } from './order-dto';
import { DOCUMENT_FIELDS, INVOICE_FIELDS, parseSearchCriteria } from './search-criteria';

/** Magento_Sales' ACL ids (Sales > Operations > Orders > Actions), declared in the manifest's `acl`. */
export const SalesAcl = {
  sales: 'Magento_Sales::sales',
  operation: 'Magento_Sales::sales_operation',
  order: 'Magento_Sales::sales_order',
  actions: 'Magento_Sales::actions',
  view: 'Magento_Sales::actions_view',
  invoice: 'Magento_Sales::sales_invoice',
  ship: 'Magento_Sales::ship',
  cancel: 'Magento_Sales::cancel',
  comment: 'Magento_Sales::comment',
  hold: 'Magento_Sales::hold',
  unhold: 'Magento_Sales::unhold',
  emails: 'Magento_Sales::emails',
  creditmemo: 'Magento_Sales::sales_creditmemo',
} as const;


function idParam(req: RestRequest, what = 'order'): number {
  const id = req.params.id;
  if (!/^\d{1,10}$/.test(id)) throw new InputError(`"${id}" is not a valid ${what} id.`);
  return Number(id);
}
const orderId = (req: RestRequest) => idParam(req);

/** Currency digits of the order's store view (JPY has none). */
const digitsOf = async (req: RestRequest, storeId: number) => (await req.get(CatalogApi.Context).forStore(storeId)).currencyDigits;

// Magento's bodies, as allowlists (API-03): quantities are whole units here.
const itemQty = z.object({ order_item_id: z.number().int().positive(), qty: z.number().int().positive() }).strict();
const comment = z.object({ comment: z.string().trim().min(1).max(2000), is_visible_on_front: z.union([z.literal(0), z.literal(1), z.boolean()]).optional() }).strict();
const invoiceBody = z
  .object({ capture: z.boolean().optional(), items: z.array(itemQty).max(500).optional(), notify: z.boolean().optional(), appendComment: z.boolean().optional(), comment: comment.optional() })
  .strict()
  .optional();
const shipBody = z
  .object({
    items: z.array(itemQty).max(500).optional(),
    tracks: z.array(z.object({ track_number: z.string().trim().min(1).max(255), title: z.string().trim().min(1).max(255), carrier_code: z.string().trim().min(1).max(32) }).strict()).max(50).optional(),
    notify: z.boolean().optional(),
    appendComment: z.boolean().optional(),
    comment: comment.optional(),
  })
  .strict()
  .optional();
const flag = z.union([z.literal(0), z.literal(1), z.boolean()]);
/** Magento's OrderStatusHistoryInterface as addComment takes it (parent_id, when given, must be the order in the path). */
const commentBody = z
  .object({
    statusHistory: z
      .object({
        comment: z.string().trim().min(1).max(2000),
        is_customer_notified: flag.optional(),
        is_visible_on_front: flag.optional(),
        status: z.string().trim().min(1).max(32).optional(),
        parent_id: z.number().int().positive().optional(),
        entity_name: z.literal('order').optional(),
      })
      .strict(),
  })
  .strict();
type CommentBody = z.infer<typeof commentBody>;

/** Magento sends amounts as decimals of the order currency. */
const amount = z.number().nonnegative().max(1e12);
const refundBody = z
  .object({
    items: z.array(itemQty).max(500).optional(),
    notify: z.boolean().optional(),
    appendComment: z.boolean().optional(),
    comment: comment.optional(),
    arguments: z
      .object({
        shipping_amount: amount.optional(),
        adjustment_positive: amount.optional(),
        adjustment_negative: amount.optional(),
        extension_attributes: z.object({ return_to_stock_items: z.array(z.number().int().positive()).max(500).optional() }).strict().optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .optional();
type RefundBody = z.infer<typeof refundBody>;

/** A decimal amount in minor units; refused when it has more decimals than the currency. */
function toMinor(name: string, value: number | undefined, digits: number): number | undefined {
  if (value === undefined) return undefined;
  const minor = Math.round(value * 10 ** digits);
  if (Math.abs(minor - value * 10 ** digits) > 1e-6) throw new InputError(`${name} has more than ${digits} decimals.`);
  return minor;
}

/** The order's store view; Magento's not-found answer when there is no such order (one indexed read). */
const storeOf = (req: RestRequest, orderId: number): Promise<number> => storeOfOrder(req.get(Kernel.Database).conn(), orderId);

/** One invoice, shipment or credit memo with its order's items and currency. */
function documentRoute(path: string, kind: DocumentKind, resource: string, dto: (doc: SalesDocument, items: Array<Record<string, unknown>>, digits: number) => unknown): RestRoute {
  return {
    method: 'GET',
    path,
    resource,
    handler: async (req) => {
      const doc = await req.get(SalesInternal.SalesDocumentQuery).byId(kind, idParam(req, kind));
      if (!doc) throw new NoSuchEntityError(NOT_FOUND);
      const order = await req.get(SalesInternal.AdminOrderQuery).byId(doc.orderId);
      if (!order) throw new NoSuchEntityError(NOT_FOUND);
      return dto(doc, order.items, await digitsOf(req, Number(order.row.store_id)));
    },
  };
}

/**
 * Magento's invoice, shipment and credit memo getList (`GET /V1/invoices`, `/V1/shipments`, `/V1/creditmemos`): a page of
 * documents matching searchCriteria, each in the shape its single GET answers; their orders are read in one go.
 */
function documentListRoute(path: string, kind: DocumentKind, resource: string, dto: (doc: SalesDocument, items: Array<Record<string, unknown>>, digits: number) => unknown): RestRoute {
  return {
    method: 'GET',
    path,
    resource,
    handler: async (req) => {
      const { criteria, echo } = parseSearchCriteria(req.query as Record<string, unknown>, kind === 'invoice' ? INVOICE_FIELDS : DOCUMENT_FIELDS);
      const { documents, total } = await req.get(SalesInternal.SalesDocumentQuery).search(kind, criteria);
      const orderIds = [...new Set(documents.map((d) => d.orderId))];
      const { orders } = orderIds.length
        ? await req.get(SalesInternal.AdminOrderQuery).search({ groups: [[{ column: 'entity_id', condition: 'in', value: orderIds }]], sort: [], pageSize: orderIds.length, currentPage: 1 })
        : { orders: [] };
      const byId = new Map(orders.map((o) => [Number(o.row.entity_id), o]));
      const items = await Promise.all(
        documents.map(async (doc) => {
          const order = byId.get(doc.orderId)!;
          return dto(doc, order.items, await digitsOf(req, Number(order.row.store_id)));
        }),
      );
      return { items, search_criteria: echo, total_count: total };
    },
  };
}

/**
 * Magento's order REST API (`/V1/orders`, `/V1/order/:id/invoice|ship|refund`, `/V1/orders/:id/cancel`, `/V1/invoices/:id`,
 * `/V1/invoices/:id/capture|void`, `/V1/shipment/:id`, `/V1/creditmemo/:id`), same paths and shapes. Document actions answer the new document's id.
 */
export const orderRoutes: RestRoute[] = [
  {
    method: 'GET',
    path: '/orders/:id',
    resource: SalesAcl.view,
    handler: async (req) => {
      const order = await req.get(SalesInternal.AdminOrderQuery).byId(orderId(req));
      if (!order) throw new NoSuchEntityError(NOT_FOUND);
      return orderDto(order, await digitsOf(req, Number(order.row.store_id)));
    },
  },
  {
    method: 'GET',
    path: '/orders',
    resource: SalesAcl.order,
    handler: async (req) => {
      const { criteria, echo } = parseSearchCriteria(req.query as Record<string, unknown>);
      const { orders, total } = await req.get(SalesInternal.AdminOrderQuery).search(criteria);
      const items = await Promise.all(orders.map(async (o) => orderDto(o, await digitsOf(req, Number(o.row.store_id)))));
      return { items, search_criteria: echo, total_count: total };
    },
  },
  {
    method: 'POST',
    path: '/order/:id/invoice',
    resource: SalesAcl.invoice,
    body: invoiceBody,
    handler: (req) => {
      const body = (req.body ?? {}) as InvoiceRequest;
      return req.get(SalesInternal.OrderLifecycle).invoice(orderId(req), { capture: body.capture, items: body.items, comment: body.comment, notify: body.notify });
    },
  },
  {
    method: 'POST',
    path: '/order/:id/ship',
    resource: SalesAcl.ship,
    body: shipBody,
    handler: (req) => {
      const body = (req.body ?? {}) as ShipRequest;
      return req.get(SalesInternal.OrderLifecycle).ship(orderId(req), { items: body.items, tracks: body.tracks, comment: body.comment, notify: body.notify });
    },
  },
  {
    method: 'POST',
    path: '/order/:id/refund',
    resource: SalesAcl.creditmemo,
    body: refundBody,
    handler: async (req) => {
      const id = orderId(req);
      const body = (req.body ?? {}) as NonNullable<RefundBody>;
      const args = body.arguments ?? {};
      const digits = await digitsOf(req, await storeOf(req, id));
      return req.get(SalesInternal.CreditmemoService).refund(id, {
        items: body.items,
        comment: body.comment,
        notify: body.notify,
        shippingAmount: toMinor('arguments.shipping_amount', args.shipping_amount, digits),
        adjustmentPositive: toMinor('arguments.adjustment_positive', args.adjustment_positive, digits),
        adjustmentNegative: toMinor('arguments.adjustment_negative', args.adjustment_negative, digits),
        returnToStockItems: args.extension_attributes?.return_to_stock_items,
      });
    },
  },
  {
    method: 'POST',
    path: '/orders/:id/cancel',
    resource: SalesAcl.cancel,
    handler: async (req) => {
      await req.get(SalesInternal.OrderLifecycle).cancel(orderId(req));
      return true;
    },
  },
  {
    // Magento's OrderManagementInterface::notify: the order confirmation sent again (queued); answers whether it was.
    method: 'POST',
    path: '/orders/:id/emails',
    resource: SalesAcl.emails,
    handler: async (req) => {
      const id = orderId(req);
      await storeOf(req, id);
      return req.get(SalesInternal.OrderConfirmationMailer).queue(id);
    },
  },
  {
    // Magento's OrderManagementInterface::hold: answers true.
    method: 'POST',
    path: '/orders/:id/hold',
    resource: SalesAcl.hold,
    handler: async (req) => {
      await req.get(SalesInternal.OrderLifecycle).hold(orderId(req));
      return true;
    },
  },
  {
    // Magento's OrderManagementInterface::unHold: answers true.
    method: 'POST',
    path: '/orders/:id/unhold',
    resource: SalesAcl.unhold,
    handler: async (req) => {
      await req.get(SalesInternal.OrderLifecycle).unhold(orderId(req));
      return true;
    },
  },
  {
    // Magento's OrderManagementInterface::getCommentsList: the order's history, oldest first, in Magento's search result shape.
    method: 'GET',
    path: '/orders/:id/comments',
    resource: SalesAcl.view,
    handler: async (req) => {
      const id = orderId(req);
      await storeOf(req, id);
      const items = (await orderHistory(req.get(Kernel.Database).conn(), id)).map((c) => ({
        entity_id: c.id,
        parent_id: id,
        entity_name: 'order',
        comment: c.comment,
        status: c.status,
        is_customer_notified: c.isCustomerNotified ? 1 : 0,
        is_visible_on_front: c.isVisibleOnFront ? 1 : 0,
        created_at: dateTime(c.createdAt),
      }));
      return { items, search_criteria: { filter_groups: [] }, total_count: items.length };
    },
  },
  {
    // Magento's OrderManagementInterface::addComment: answers true; a notified comment is emailed after commit.
    method: 'POST',
    path: '/orders/:id/comments',
    resource: SalesAcl.comment,
    body: commentBody,
    handler: async (req) => {
      const id = orderId(req);
      const history = (req.body as CommentBody).statusHistory;
      if (history.parent_id !== undefined && history.parent_id !== id) throw new InputError('The comment\'s parent_id is not the order in the path.');
      await req.get(SalesInternal.OrderComments).add(id, {
        comment: history.comment,
        isCustomerNotified: Boolean(Number(history.is_customer_notified ?? 0)),
        isVisibleOnFront: Boolean(Number(history.is_visible_on_front ?? 0)),
        status: history.status,
      });
      return true;
    },
  },
  {
    // Magento's InvoiceManagementInterface::setCapture: captures an open invoice; answers its id as a string, as Magento's.
    method: 'POST',
    path: '/invoices/:id/capture',
    resource: SalesAcl.invoice,
    handler: async (req) => String(await req.get(SalesInternal.OrderLifecycle).captureInvoice(idParam(req, 'invoice'))),
  },
  {
    // Magento's InvoiceManagementInterface::setVoid: cancels an open invoice, freeing its quantities; answers true.
    method: 'POST',
    path: '/invoices/:id/void',
    resource: SalesAcl.invoice,
    handler: async (req) => {
      await req.get(SalesInternal.OrderLifecycle).voidInvoice(idParam(req, 'invoice'));
      return true;
    },
  },
  documentListRoute('/invoices', 'invoice', SalesAcl.invoice, invoiceDto),
  documentListRoute('/shipments', 'shipment', SalesAcl.view, shipmentDto),
  documentListRoute('/creditmemos', 'creditmemo', SalesAcl.creditmemo, creditmemoDto),
  documentRoute('/invoices/:id', 'invoice', SalesAcl.invoice, invoiceDto),
  documentRoute('/shipment/:id', 'shipment', SalesAcl.view, shipmentDto),
  documentRoute('/creditmemo/:id', 'creditmemo', SalesAcl.creditmemo, creditmemoDto),
];
