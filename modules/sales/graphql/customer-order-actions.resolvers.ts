import type { GraphQLContext } from '../../../app';
import { InputError } from '../../../app';
import { CustomerApi } from '../../customer/api';
import { SalesInternal } from '../model/sales-internal-tokens';
import { orderIdOf } from '../order/customer-order-actions';
import { CartView, customerCaller } from './cart-view';
import { orderOutput } from './order-view';

const missing = (field: string) => new InputError(`Required parameter "${field}" is missing or incorrect.`);

/** cancelOrder and reorderItems (signed-in customers only: guests get graphql-authorization), and the cancellation settings. */
export const customerOrderActionResolvers = {
  Mutation: {
    cancelOrder: async (_: unknown, args: { input?: { order_id?: string | null; reason?: string | null } | null }, ctx: GraphQLContext) => {
      const customer = await ctx.get(CustomerApi.CustomerAuth).requireCustomer(ctx);
      const input = args.input;
      if (!input) throw new InputError('CancelOrderInput is missing.');
      if (input.order_id == null || !String(input.order_id).trim()) throw missing('order_id');
      if (typeof input.reason !== 'string' || !input.reason.trim()) throw missing('reason');
      const outcome = await ctx.get(SalesInternal.CustomerOrderActions).cancel(customer.customerId, ctx.store.storeCode, orderIdOf(input.order_id), input.reason);
      return { error: outcome.error, order: outcome.order ? await orderOutput(ctx, outcome.order) : null };
    },
    reorderItems: async (_: unknown, args: { orderNumber: string }, ctx: GraphQLContext) => {
      const caller = await customerCaller(ctx);
      const number = typeof args.orderNumber === 'string' ? args.orderNumber.trim() : '';
      if (!number) throw new InputError('Required parameter "orderNumber" is missing.');
      const { cart, errors } = await ctx.get(SalesInternal.CustomerOrderActions).reorder(caller, number);
      return { cart: new CartView(cart, ctx), userInputErrors: errors };
    },
  },
  StoreConfig: {
    // The store view the StoreConfig object describes (availableStores lists every one of the website).
    order_cancellation_enabled: async (source: { store_code: string }, _args: unknown, ctx: GraphQLContext) =>
      (await ctx.get(SalesInternal.CustomerOrderActions).cancellationSettings(source.store_code)).enabled,
    order_cancellation_reasons: async (source: { store_code: string }, _args: unknown, ctx: GraphQLContext) =>
      (await ctx.get(SalesInternal.CustomerOrderActions).cancellationSettings(source.store_code)).reasons.map((description) => ({ description })),
  },
};
