import type { ObserverDeclaration } from '../../../app';
import { SalesInternal } from '../model/sales-internal-tokens';

/**
 * Magento's order confirmation, sent once the order is committed: an async observer runs as the consumer
 * `Comptoir_Sales::sales_send_order_confirmation`, so a slow renderer or mail server never holds the checkout transaction.
 * At least once: a crash between the mail and the consumer's record of it sends it again.
 */
export const orderConfirmationObserver: ObserverDeclaration<'sales_order_place_after'> = {
  event: 'sales_order_place_after',
  name: 'sales_send_order_confirmation',
  async: true,
  // Sending waits on the mail server (or the disk): outside any transaction, as the kernel's mail consumer does.
  transaction: false,
  handler: async (event, ctx) => {
    await ctx.get(SalesInternal.OrderConfirmationMailer).send(event.orderId);
  },
};
