import type { ObserverDeclaration } from '../../../app';
import { SalesInternal } from '../model/sales-internal-tokens';

/**
 * Magento's invoice, shipment and credit memo emails (InvoiceSender, ShipmentSender, CreditmemoSender), sent when the admin
 * action asked for them (`notify: true` in the REST body, carried by the event). Async observers run as the consumers
 * `Comptoir_Sales::sales_send_<type>_email` once the document is committed: a failing mail never rolls the document back,
 * and a rolled-back document never sends a mail.
 */
export const invoiceEmailObserver: ObserverDeclaration<'sales_order_invoice_save_after'> = {
  event: 'sales_order_invoice_save_after',
  name: 'sales_send_invoice_email',
  async: true,
  handler: async (event, ctx) => {
    if (event.notify === true) await ctx.get(SalesInternal.DocumentEmailMailer).queue('invoice', event.invoiceId);
  },
};

export const shipmentEmailObserver: ObserverDeclaration<'sales_order_shipment_save_after'> = {
  event: 'sales_order_shipment_save_after',
  name: 'sales_send_shipment_email',
  async: true,
  handler: async (event, ctx) => {
    if (event.notify === true) await ctx.get(SalesInternal.DocumentEmailMailer).queue('shipment', event.shipmentId);
  },
};

export const creditmemoEmailObserver: ObserverDeclaration<'sales_order_creditmemo_save_after'> = {
  event: 'sales_order_creditmemo_save_after',
  name: 'sales_send_creditmemo_email',
  async: true,
  handler: async (event, ctx) => {
    if (event.notify === true) await ctx.get(SalesInternal.DocumentEmailMailer).queue('creditmemo', event.creditmemoId);
  },
};

/** Magento's OrderCommentSender: the customer email for an admin's comment added with is_customer_notified. */
export const orderCommentEmailObserver: ObserverDeclaration<'sales_order_status_history_save_after'> = {
  event: 'sales_order_status_history_save_after',
  name: 'sales_send_order_comment_email',
  async: true,
  handler: async (event, ctx) => {
    if (event.notify === true) await ctx.get(SalesInternal.OrderCommentMailer).queue(event.commentId);
  },
};
