import { Kernel, type GraphQLContext } from '../../../app';
import { InputError } from '../../../app/graphql/errors';
import { CatalogApi } from '../../catalog/api';
import { SalesApi } from '../api/tokens';
import { SalesTable as T } from '../api/sales-tables';
import { SalesInternal } from '../model/sales-internal-tokens';
import { PlaceOrderFailure } from '../order/order-placement';
import { callerOf, CartView } from './cart-view';

interface OrderRow {
  entity_id: number;
  increment_id: string;
  status: string;
  customer_email: string;
  currency: string;
  subtotal: number;
  shipping_amount: number;
  tax_amount: number;
  grand_total: number;
  created_at: number;
  store_id: number;
}

async function orderOutput(ctx: GraphQLContext, orderId: number) {
  const row = (await ctx.get(Kernel.Database).conn()(T.order).where('entity_id', orderId).first()) as OrderRow;
  const { currencyDigits: digits } = await ctx.get(CatalogApi.Context).forStore(Number(row.store_id));
  const m = (minor: number) => ({ value: Number(minor) / 10 ** digits, currency: row.currency });
  return {
    id: Buffer.from(String(row.entity_id)).toString('base64'),
    number: row.increment_id,
    order_number: row.increment_id,
    order_date: new Date(Number(row.created_at)).toISOString().replace('T', ' ').slice(0, 19),
    status: row.status,
    email: ctx.get(SalesInternal.AddressCodec).decryptEmail(row.customer_email, 'sales_order.customer_email'),
    total: { grand_total: m(row.grand_total), subtotal: m(row.subtotal), total_shipping: m(row.shipping_amount), total_tax: m(row.tax_amount) },
  };
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
    setPaymentMethodOnCart: async (_: unknown, args: { input?: { cart_id: string; payment_method: { code: string; purchase_order_number?: string | null } } | null }, ctx: GraphQLContext) => {
      if (!args.input) throw new InputError('"input" value should be specified');
      const cart = await ctx.get(SalesInternal.CartAccess).active(args.input.cart_id, await callerOf(ctx));
      const code = String(args.input.payment_method?.code ?? '').trim();
      if (!code) throw new InputError('Required parameter "code" for "payment_method" is missing.');
      const method = ctx.get(SalesApi.PaymentMethodPool).list().find((m) => m.code === code);
      const totals = await new CartView(cart, ctx).totals();
      if (!method || !(await method.isAvailable(cart, totals, ctx.store.storeCode))) throw new InputError('The requested Payment Method is not available.');
      await method.assign(cart, { code, purchaseOrderNumber: args.input.payment_method.purchase_order_number });
      await ctx.get(SalesInternal.CartStore).update(cart.id, { paymentMethod: code, poNumber: code === 'purchaseorder' ? String(args.input.payment_method.purchase_order_number).trim() : null });
      return { cart: new CartView((await ctx.get(SalesInternal.CartStore).byId(cart.id))!, ctx) };
    },
    placeOrder: async (_: unknown, args: { input?: { cart_id: string } | null }, ctx: GraphQLContext) => {
      if (!args.input?.cart_id) throw new InputError('Required parameter "cart_id" is missing');
      try {
        const orderId = await ctx.get(SalesInternal.OrderPlacement).place(args.input.cart_id, await callerOf(ctx));
        const order = await orderOutput(ctx, orderId);
        return { errors: [], orderV2: order, order: { order_number: order.number, order_id: order.number } };
      } catch (err) {
        if (err instanceof PlaceOrderFailure) return { errors: [{ code: err.code, message: err.message }], orderV2: null, order: null };
        throw err;
      }
    },
  },
};
