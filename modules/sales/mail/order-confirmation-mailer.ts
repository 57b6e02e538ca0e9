import { inject, injectable } from 'inversify';
import { Kernel } from '../../../app';
import type { MailService } from '../../../app/mail/mail-service';
import { SalesConfigPath as P } from '../api/sales-config-paths';
import { SalesInternal } from '../model/sales-internal-tokens';
import { salesMessage, type OrderMailContextLoader } from './order-mail-context';
import { confirmationTemplateFor, type ConfirmationView } from './order-confirmation-templates';

export { copyToList } from './mail-layout';

/**
 * Magento's OrderSender: renders the order confirmation in its store view's locale and sends it through the kernel's
 * MailService, hold switch honored (IR-01). It runs in the async observer of sales_order_place_after, after the order
 * committed and retried until it succeeds, so the mail goes out from there rather than through a second hop (a `mail_queued`
 * event, the outbox, the queue, the kernel's mail consumer): that hop cost a checkout a tenth of its SQL statements. The
 * order is read here, not carried by the event: event payloads hold ids only, and the email and address are decrypted just
 * long enough to render the mail.
 */
@injectable()
export class OrderConfirmationMailer {
  constructor(
    @inject(Kernel.Mail) private readonly mail: MailService,
    @inject(SalesInternal.OrderMailContext) private readonly orders: OrderMailContextLoader,
  ) {}

  /**
   * Answers false when nothing is sent: the order no longer exists, or its store view has order emails off
   * (`sales_email/order/enabled` = 0). `sales_email/order/copy_to` addresses get a blind copy. A held mail (IR-01) is parked
   * and counts as sent.
   */
  async send(orderId: number): Promise<boolean> {
    const message = await this.compose(orderId);
    if (!message) return false;
    await this.mail.send(message);
    return true;
  }

  /**
   * Magento's OrderManagementInterface::notify (POST /V1/orders/:id/emails): the confirmation again, queued through the
   * outbox (at least once, after the caller's commit) rather than sent in the request. Answers false as `send` does.
   */
  async queue(orderId: number): Promise<boolean> {
    const message = await this.compose(orderId);
    if (!message) return false;
    await this.mail.queue(message);
    return true;
  }

  private async compose(orderId: number) {
    const ctx = await this.orders.load(orderId, { enabled: P.OrderEmailEnabled, copyTo: P.OrderEmailCopyTo });
    if (!ctx) return null;
    const { order, money } = ctx;
    const template = confirmationTemplateFor(ctx.locale);
    const content: ConfirmationView = {
      storeName: ctx.storeName,
      number: String(order.increment_id),
      customerName: ctx.customerName,
      items: [...ctx.items.values()].map((item) => ({
        name: String(item.name),
        sku: String(item.sku),
        qty: Number(item.qty_ordered),
        price: money(Number(item.price)),
        rowTotal: money(Number(item.row_total)),
      })),
      subtotal: money(Number(order.subtotal)),
      shipping: money(Number(order.shipping_amount)),
      discount: Number(order.discount_amount) ? money(-Math.abs(Number(order.discount_amount))) : null,
      tax: money(Number(order.tax_amount)),
      grandTotal: money(Number(order.grand_total)),
      shippingAddress: ctx.shippingAddress,
      billingAddress: ctx.billingAddress,
      shippingMethod: ctx.shippingMethod,
      paymentMethod: ctx.paymentMethod,
      orderLink: ctx.orderLink,
    };
    return salesMessage(ctx, { subject: template.subject(content), text: template.text(content), html: template.html(content) });
  }
}
