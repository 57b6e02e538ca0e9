import { inject, injectable } from 'inversify';
import { Kernel, type Database } from '../../../app';
import type { MailService } from '../../../app/mail/mail-service';
import { SalesConfigPath as P } from '../api/sales-config-paths';
import { SalesInternal } from '../model/sales-internal-tokens';
import { ORDER_STATUS_HISTORY } from '../order/order-comments';
import { salesMessage, type OrderMailContextLoader } from './order-mail-context';
import { orderCommentTemplateFor } from './order-comment-templates';

/**
 * Magento's OrderCommentSender: "Update to your order" with the order's status and the comment (sent only when the admin
 * asked for the customer to be notified); in the order's store view locale, queued through the kernel's MailService like the other sales
 * emails. `sales_email/order_comment/enabled` = 0 turns it off for a store view, `sales_email/order_comment/copy_to` adds
 * blind copies.
 */
@injectable()
export class OrderCommentMailer {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.Mail) private readonly mail: MailService,
    @inject(SalesInternal.OrderMailContext) private readonly orders: OrderMailContextLoader,
  ) {}

  /** Answers false when nothing is queued: the comment or its order no longer exists, or the email is off. */
  async queue(commentId: number): Promise<boolean> {
    const [row] = await this.db.select<{ parent_id: number; comment: string }>(`SELECT parent_id, comment FROM ${ORDER_STATUS_HISTORY} WHERE entity_id = ?`, [commentId]);
    if (!row) return false;
    const ctx = await this.orders.load(Number(row.parent_id), { enabled: P.OrderCommentEmailEnabled, copyTo: P.OrderCommentEmailCopyTo });
    if (!ctx) return false;
    const template = orderCommentTemplateFor(ctx.locale);
    const view = {
      storeName: ctx.storeName,
      orderNumber: String(ctx.order.increment_id),
      customerName: ctx.customerName,
      status: template.statusLabel(String(ctx.order.status)),
      comment: String(row.comment),
      orderLink: ctx.orderLink,
    };
    await this.mail.queue(salesMessage(ctx, { subject: template.subject(view), text: template.text(view), html: template.html(view) }));
    return true;
  }
}
