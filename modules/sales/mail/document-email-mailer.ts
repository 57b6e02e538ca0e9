import { inject, injectable } from 'inversify';
import { Kernel } from '../../../app';
import type { MailService } from '../../../app/mail/mail-service';
import { SalesConfigPath as P } from '../api/sales-config-paths';
import { SalesInternal } from '../model/sales-internal-tokens';
import { INVOICE_STATE } from '../order/order-documents';
import type { SalesDocument, SalesDocumentQuery } from '../order/sales-document-query';
import { documentTemplateFor, type DocumentEmailKind, type DocumentLineView, type DocumentView } from './document-email-templates';
import { salesMessage, type OrderMailContext, type OrderMailContextLoader, type SalesEmailPaths } from './order-mail-context';

export type { DocumentEmailKind } from './document-email-templates';

const PATHS: Record<DocumentEmailKind, SalesEmailPaths> = {
  invoice: { enabled: P.InvoiceEmailEnabled, copyTo: P.InvoiceEmailCopyTo },
  shipment: { enabled: P.ShipmentEmailEnabled, copyTo: P.ShipmentEmailCopyTo },
  creditmemo: { enabled: P.CreditmemoEmailEnabled, copyTo: P.CreditmemoEmailCopyTo },
};

const amount = (row: Record<string, unknown>, column: string) => Number(row[column] ?? 0);

/**
 * Magento's InvoiceSender, ShipmentSender and CreditmemoSender: the customer email for a new document, in its order's store
 * view locale, queued through the kernel's MailService like the order confirmation. Sent only when the admin asked for it
 * (`notify`, see the document observers); `sales_email/<type>/enabled` = 0 turns a kind off for a store view and
 * `sales_email/<type>/copy_to` adds blind copies.
 */
@injectable()
export class DocumentEmailMailer {
  constructor(
    @inject(Kernel.Mail) private readonly mail: MailService,
    @inject(SalesInternal.OrderMailContext) private readonly orders: OrderMailContextLoader,
    @inject(SalesInternal.SalesDocumentQuery) private readonly documents: SalesDocumentQuery,
  ) {}

  /** Answers false when nothing is queued: the document or its order no longer exists, or this kind of email is off. */
  async queue(kind: DocumentEmailKind, documentId: number): Promise<boolean> {
    const doc = await this.documents.byId(kind, documentId);
    if (!doc) return false;
    const ctx = await this.orders.load(doc.orderId, PATHS[kind]);
    if (!ctx) return false;
    const content = this.view(doc, ctx);
    const template = documentTemplateFor(ctx.locale);
    await this.mail.queue(salesMessage(ctx, { subject: template.subject(content), text: template.text(content), html: template.html(content) }));
    return true;
  }

  private view(doc: SalesDocument, ctx: OrderMailContext): DocumentView {
    const { money } = ctx;
    const shipment = doc.kind === 'shipment';
    const items: DocumentLineView[] = doc.items.flatMap((line) => {
      const item = ctx.items.get(Number(line.order_item_id));
      if (!item) return [];
      const view: DocumentLineView = { name: String(item.name), sku: String(item.sku), qty: Number(line.qty) };
      return shipment ? [view] : [{ ...view, price: money(Number(line.price ?? 0)), rowTotal: money(Number(line.row_total ?? 0)) }];
    });
    const row = doc.row;
    const negative = (column: string) => (amount(row, column) ? money(-Math.abs(amount(row, column))) : null);
    return {
      kind: doc.kind,
      storeName: ctx.storeName,
      orderNumber: String(ctx.order.increment_id),
      number: doc.number,
      customerName: ctx.customerName,
      items,
      totals: shipment
        ? null
        : {
            subtotal: money(amount(row, 'subtotal')),
            shipping: money(amount(row, 'shipping_amount')),
            discount: negative('discount_amount'),
            adjustmentRefund: doc.kind === 'creditmemo' && amount(row, 'adjustment_positive') ? money(amount(row, 'adjustment_positive')) : null,
            adjustmentFee: doc.kind === 'creditmemo' ? negative('adjustment_negative') : null,
            tax: money(amount(row, 'tax_amount')),
            grandTotal: money(amount(row, 'grand_total')),
          },
      paymentPending: doc.kind === 'invoice' && Number(row.state) === INVOICE_STATE.open,
      tracks: doc.tracks.map((t) => ({ title: t.title, number: t.track_number })),
      shippingAddress: ctx.shippingAddress,
      // A shipment shows where it goes and how; invoices and credit memos also show who pays and how (the method's title only).
      billingAddress: shipment ? null : ctx.billingAddress,
      shippingMethod: ctx.shippingMethod,
      paymentMethod: shipment ? null : ctx.paymentMethod,
      comment: doc.comment?.visible ? doc.comment.text : null,
      orderLink: ctx.orderLink,
    };
  }
}
