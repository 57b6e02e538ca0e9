import { Kernel, type GraphQLContext } from '../../../app';
import { InputError } from '../../../app';
import { SalesApi } from '../api/tokens';
import { SalesTable as T } from '../api/sales-tables';
import { SalesInternal } from '../model/sales-internal-tokens';
import { PlaceOrderFailure } from '../order/order-placement';
import type { OrderRow } from '../order/customer-order-query';
import { callerOf, CartView } from './cart-view';
import { orderOutput } from './order-view';

async function placedOrder(ctx: GraphQLContext, orderId: number) {
  const [row] = await ctx.get(Kernel.Database).select<OrderRow>(`SELECT * FROM ${T.order} WHERE entity_id = ?`, [orderId]);
  return orderOutput(ctx, row);
}

export const checkoutResolvers = {
  Cart: {
    available_payment_methods: async (view: CartView, _args: unknown, ctx: GraphQLContext) => {
      const totals = await view.totals();
      const out = [];
      for (const method of ctx.get(SalesApi.PaymentMethodPool).list()) {
        if (await method.isAvailable(view.cart, totals, ctx.store.storeCode)) out.push({ code: method.code, title: await method.title(ctx.store.storeCode), is_deferred: method.isDeferred });
      }
      return out;
    },
    selected_payment_method: async (view: CartView, _args: unknown, ctx: GraphQLContext) => {
      const method = ctx.get(SalesApi.PaymentMethodPool).list().find((m) => m.code === view.cart.paymentMethod);
      return method ? { code: method.code, title: await method.title(ctx.store.storeCode), purchase_order_number: view.cart.poNumber } : { code: '', title: '', purchase_order_number: null };
    },
  },
  Mutation: {
    setPaymentMethodOnCart: async (_: unknown, args: { input?: { cart_id: string; payment_method: { code: string; purchase_order_number?: string | null; [method: string]: unknown } } | null }, ctx: GraphQLContext) => {
      if (!args.input) throw new InputError('"input" value should be specified');
      const cart = await ctx.get(SalesInternal.CartAccess).active(args.input.cart_id, await callerOf(ctx));
      const code = String(args.input.payment_method?.code ?? '').trim();
      if (!code) throw new InputError('Required parameter "code" for "payment_method" is missing.');
      const method = ctx.get(SalesApi.PaymentMethodPool).list().find((m) => m.code === code);
      const totals = await new CartView(cart, ctx).totals();
      if (!method || !(await method.isAvailable(cart, totals, ctx.store.storeCode))) throw new InputError('The requested Payment Method is not available.');
      const own = args.input.payment_method[code];
      const data = own && typeof own === 'object' ? (own as Record<string, unknown>) : null;
      const kept = await method.assign(cart, { code, purchaseOrderNumber: args.input.payment_method.purchase_order_number, data });
      const poNumber = code === 'purchaseorder' ? String(args.input.payment_method.purchase_order_number).trim() : null;
      await ctx.get(SalesInternal.CartStore).update(cart.id, { paymentMethod: code, poNumber, paymentData: kept });
      return { cart: new CartView((await ctx.get(SalesInternal.CartStore).byId(cart.id))!, ctx) };
    },
    placeOrder: async (_: unknown, args: { input?: { cart_id: string } | null }, ctx: GraphQLContext) => {
      if (!args.input?.cart_id) throw new InputError('Required parameter "cart_id" is missing');
      try {
        const orderId = await ctx.get(SalesInternal.OrderPlacement).place(args.input.cart_id, await callerOf(ctx));
        const order = await placedOrder(ctx, orderId);
        return { errors: [], orderV2: order, order: { order_number: order.number, order_id: order.number } };
      } catch (err) {
        if (err instanceof PlaceOrderFailure) return { errors: [{ code: err.code, message: err.message }], orderV2: null, order: null };
        throw err;
      }
    },
  },
};
