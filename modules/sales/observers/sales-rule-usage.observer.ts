import type { ObserverDeclaration } from '../../../app';
import { Kernel } from '../../../app';
import { SalesInternal } from '../model/sales-internal-tokens';
import { appliedRulesOf } from '../totals/collectors';

/**
 * Magento's SalesRule usage counting (its sales_order_place_after observer): runs synchronously in the order's transaction,
 * recollects the cart's totals to learn which rules and coupon the order got, and counts them. A coupon (or a customer's
 * allowance) used up meanwhile by a concurrent checkout throws, which rolls the whole order back (UNABLE_TO_PLACE_ORDER).
 */
export const salesRuleUsageObserver: ObserverDeclaration<'sales_order_place_after'> = {
  event: 'sales_order_place_after',
  name: 'salesrule_count_usage',
  handler: async (event, ctx) => {
    const cart = await ctx.get(SalesInternal.CartStore).byId(event.quoteId);
    if (!cart) return;
    const store = await ctx.get(Kernel.ScopeResolver).getStoreById(event.storeId);
    const totals = await ctx.get(SalesInternal.TotalsService).collect(cart, store?.storeCode ?? 'default');
    const applied = appliedRulesOf(totals);
    if (applied.length) await ctx.get(SalesInternal.SalesRules).recordUsage(applied, cart.customerId);
  },
};
