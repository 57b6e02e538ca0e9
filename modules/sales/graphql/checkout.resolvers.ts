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

type PaymentInput = { cart_id: string; payment_method: { code: string; purchase_order_number?: string | null; [method: string]: unknown } };

/** Checks the method against the cart (available, its own data valid) and keeps it on the cart; answers the cart's id. */
async function setPaymentMethod(ctx: GraphQLContext, input: PaymentInput): Promise<number> {
  const cart = await ctx.get(SalesInternal.CartAccess).active(input.cart_id, await callerOf(ctx));
  const code = String(input.payment_method?.code ?? '').trim();
  if (!code) throw new InputError('Required parameter "code" for "payment_method" is missing.');
  const method = ctx.get(SalesApi.PaymentMethodPool).list().find((m) => m.code === code);
  const totals = await new CartView(cart, ctx).totals();
  if (!method || !(await method.isAvailable(cart, totals, ctx.store.storeCode))) throw new InputError('The requested Payment Method is not available.');
  const own = input.payment_method[code];
  const data = own && typeof own === 'object' ? (own as Record<string, unknown>) : null;
  const kept = await method.assign(cart, { code, purchaseOrderNumber: input.payment_method.purchase_order_number, data });
  const poNumber = code === 'purchaseorder' ? String(input.payment_method.purchase_order_number).trim() : null;
  await ctx.get(SalesInternal.CartStore).update(cart.id, { paymentMethod: code, poNumber, paymentData: kept });
  return cart.id;
}

/** placeOrder's answer: the order, or Magento's PlaceOrderError for a refusal the buyer can act on. */
async function placeOrder(ctx: GraphQLContext, cartId: string) {
  try {
    const orderId = await ctx.get(SalesInternal.OrderPlacement).place(cartId, await callerOf(ctx));
    const order = await placedOrder(ctx, orderId);
    return { errors: [], orderV2: order, order: { order_number: order.number, order_id: order.number } };
  } catch (err) {
    if (err instanceof PlaceOrderFailure) return { errors: [{ code: err.code, message: err.message }], orderV2: null, order: null };
    throw err;
  }
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
    setPaymentMethodOnCart: async (_: unknown, args: { input?: PaymentInput | null }, ctx: GraphQLContext) => {
      if (!args.input) throw new InputError('"input" value should be specified');
      const cartId = await setPaymentMethod(ctx, args.input);
      return { cart: new CartView((await ctx.get(SalesInternal.CartStore).byId(cartId))!, ctx) };
    },
    placeOrder: async (_: unknown, args: { input?: { cart_id: string } | null }, ctx: GraphQLContext) => {
      if (!args.input?.cart_id) throw new InputError('Required parameter "cart_id" is missing');
      return placeOrder(ctx, args.input.cart_id);
    },
    /** Deprecated in Magento 2.4 (setPaymentMethodOnCart and placeOrder in one request); still sent by older storefronts. */
    setPaymentMethodAndPlaceOrder: async (_: unknown, args: { input?: PaymentInput | null }, ctx: GraphQLContext) => {
      if (!args.input) throw new InputError('"input" value should be specified');
      if (!args.input.cart_id) throw new InputError('Required parameter "cart_id" is missing');
      await setPaymentMethod(ctx, args.input);
      return placeOrder(ctx, args.input.cart_id);
    },
  },
};
