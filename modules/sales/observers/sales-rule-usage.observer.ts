import type { ObserverDeclaration } from '../../../app';
import { SalesInternal } from '../model/sales-internal-tokens';

/**
 * Magento's SalesRule usage counting (its sales_order_place_after observer): runs synchronously in the order's transaction and
 * counts the rules and coupons the order's totals applied (carried by the event). A coupon (or a customer's allowance) used up
 * meanwhile by a concurrent checkout throws, which rolls the whole order back (UNABLE_TO_PLACE_ORDER).
 */
export const salesRuleUsageObserver: ObserverDeclaration<'sales_order_place_after'> = {
  event: 'sales_order_place_after',
  name: 'salesrule_count_usage',
  handler: async (event, ctx) => {
    if (event.appliedRules.length) await ctx.get(SalesInternal.SalesRules).recordUsage(event.appliedRules, event.customerId);
  },
};
