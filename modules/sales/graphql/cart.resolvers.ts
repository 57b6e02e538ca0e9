import type { GraphQLContext } from '../../../app';
import { InputError } from '../../../app';
import { storeConfigField } from '../../store/api';
import { SalesConfigPath } from '../api/sales-config-paths';
import type { Cart, CartAddress } from '../api/sales-entities';
import type { CartAddressInput, EstimateAddressInput } from '../quote/cart-address-service';
import type { CartItemRequest } from '../quote/cart-item-service';
import { SalesInternal } from '../model/sales-internal-tokens';
import { ORDER_STATUS } from '../order/order-documents';
import { rateOutput } from './cart-fields.resolvers';
import { callerOf, CartView, customerCaller } from './cart-view';

type Input<T> = { input?: T | null };

function requireInput<T>(args: Input<T>): T {
  if (!args.input) throw new InputError('"input" value should be specified');
  return args.input;
}

/** The caller's open cart, refreshed after a change. */
async function activeCart(ctx: GraphQLContext, maskedId: string | null | undefined) {
  return ctx.get(SalesInternal.CartAccess).active(maskedId, await callerOf(ctx));
}

async function viewOf(ctx: GraphQLContext, maskedId: string) {
  return new CartView(await activeCart(ctx, maskedId), ctx);
}

/**
 * The answer of a mutation that changed only the cart's lines or addresses (or the named fields): the cart row read (and
 * checked) at the start of the request, as Magento answers with the quote it loaded; lines and totals are read afresh by the
 * view, and so are the addresses unless the mutation stored them and gives them as they now are. A change to other cart
 * fields must re-read it (viewOf).
 */
function viewAfter(ctx: GraphQLContext, cart: Cart, changed: Partial<Pick<Cart, 'email' | 'couponCode'>> = {}, addresses?: CartAddress[]) {
  return new CartView({ ...cart, ...changed }, ctx, undefined, addresses);
}

function itemIdOf(item: { cart_item_id?: number | null; cart_item_uid?: string | null }): number {
  if (item.cart_item_uid) {
    const decoded = Buffer.from(String(item.cart_item_uid), 'base64').toString('utf8');
    if (!/^[1-9]\d{0,9}$/.test(decoded)) throw new InputError(`Value of uid "${item.cart_item_uid}" is incorrect.`);
    return Number(decoded);
  }
  if (item.cart_item_id) return item.cart_item_id;
  throw new InputError('Required parameter "cart_item_uid" for "cart_items" is missing.');
}

type LegacyCartItem = { data?: CartItemRequest | null; parent_sku?: string | null; variant_sku?: string | null } | null;

/**
 * The lines of Magento's per-type add mutations (addSimpleProductsToCart and its siblings) as addProductsToCart lines. A
 * configurable line names its variant in `data.sku` (or the deprecated `variant_sku`) and its parent in `parent_sku`, or the
 * parent in `data.sku` with `selected_options`.
 */
function legacyLines(items: LegacyCartItem[] | null | undefined, configurable: boolean): CartItemRequest[] {
  return (items ?? []).map((item) => {
    if (!item?.data) throw new InputError('Required parameter "data" for "cart_items" is missing.');
    const { data } = item;
    if (!configurable) return data;
    const parentSku = item.parent_sku ?? data.parent_sku;
    if (!parentSku && !data.selected_options?.length) throw new InputError('Required parameter "parent_sku" for "cart_items" is missing.');
    return { ...data, sku: item.variant_sku ?? data.sku, parent_sku: parentSku };
  });
}

async function addLegacy(ctx: GraphQLContext, args: Input<{ cart_id: string; cart_items: LegacyCartItem[] }>, configurable: boolean) {
  const input = requireInput(args);
  const cart = await activeCart(ctx, input.cart_id);
  await ctx.get(SalesInternal.CartItemService).addAll(cart, legacyLines(input.cart_items, configurable));
  return { cart: viewAfter(ctx, cart) };
}

type EstimateInput = { cart_id: string; address: EstimateAddressInput; shipping_method?: { carrier_code?: string | null; method_code?: string | null } | null };

/**
 * Magento 2.4.7's estimateShippingMethods and estimateTotals: the caller's cart answered as if it shipped to the given country,
 * region and postcode (billed there, for a virtual cart), with the given method selected when it is offered there; nothing is
 * stored.
 */
async function estimate(ctx: GraphQLContext, input: EstimateInput | null | undefined): Promise<CartView> {
  if (!input) throw new InputError('"input" value should be specified');
  const cart = await activeCart(ctx, input.cart_id);
  const view = new CartView(cart, ctx);
  const [totals, stored, destination] = await Promise.all([view.totals(), view.addresses(), ctx.get(SalesInternal.CartAddressService).destination(input.address, ctx.store.storeCode)]);
  if (!totals.lines.length) throw new InputError('Totals calculation is not applicable to empty cart');
  const wanted = totals.isVirtual ? null : input.shipping_method;
  if (wanted && !wanted.carrier_code) throw new InputError('Required parameter "carrier_code" is missing.');
  if (wanted && !wanted.method_code) throw new InputError('Required parameter "method_code" is missing.');
  const method = wanted ? `${wanted.carrier_code}_${wanted.method_code}` : null;
  const addresses = ctx.get(SalesInternal.CartAddressService).estimateAddresses(stored, destination, totals.isVirtual ? 'billing' : 'shipping', method);
  const estimated = new CartView(cart, ctx, totals, addresses);
  // As setShippingMethodsOnCart: only a method offered there (rates are priced on the cart's amounts, not on its shipping).
  if (method && !(await estimated.shippingRates()).some((r) => `${r.carrierCode}_${r.methodCode}` === method && r.available)) {
    throw new InputError(`Carrier with such method not found: ${wanted!.carrier_code}, ${wanted!.method_code}`);
  }
  return estimated;
}

export const cartResolvers = {
  Query: {
    cart: async (_: unknown, args: { cart_id: string }, ctx: GraphQLContext) => viewOf(ctx, args.cart_id),
    customerCart: async (_: unknown, _args: unknown, ctx: GraphQLContext) => new CartView(await ctx.get(SalesInternal.CartManagement).customerCart(await customerCaller(ctx)), ctx),
  },
  Mutation: {
    createGuestCart: async (_: unknown, args: Input<{ cart_uid?: string | null }>, ctx: GraphQLContext) => {
      const cart = await ctx.get(SalesInternal.CartManagement).createGuestCart(await callerOf(ctx), args.input?.cart_uid);
      return { cart: new CartView(cart, ctx) };
    },
    createEmptyCart: async (_: unknown, args: Input<{ cart_id?: string | null }>, ctx: GraphQLContext) => {
      const caller = await callerOf(ctx);
      if (caller.customerId !== null) return (await ctx.get(SalesInternal.CartManagement).customerCart({ ...caller, customerId: caller.customerId })).maskedId;
      return (await ctx.get(SalesInternal.CartManagement).createGuestCart(caller, args.input?.cart_id)).maskedId;
    },
    mergeCarts: async (_: unknown, args: { source_cart_id: string; destination_cart_id?: string | null }, ctx: GraphQLContext) =>
      new CartView(await ctx.get(SalesInternal.CartManagement).merge(await customerCaller(ctx), ctx.get(SalesInternal.CartAccess).requireMaskedId(args.source_cart_id, 'source_cart_id'), args.destination_cart_id), ctx),
    assignCustomerToGuestCart: async (_: unknown, args: { cart_id: string }, ctx: GraphQLContext) =>
      new CartView(await ctx.get(SalesInternal.CartManagement).assign(await customerCaller(ctx), args.cart_id), ctx),
    addProductsToCart: async (_: unknown, args: { cartId: string; cartItems: CartItemRequest[] }, ctx: GraphQLContext) => {
      const cart = await activeCart(ctx, ctx.get(SalesInternal.CartAccess).requireMaskedId(args.cartId, 'cartId'));
      const userErrors = await ctx.get(SalesInternal.CartItemService).add(cart, args.cartItems ?? []);
      return { cart: viewAfter(ctx, cart), user_errors: userErrors };
    },
    estimateShippingMethods: async (_: unknown, args: { input: EstimateInput }, ctx: GraphQLContext) => {
      const view = await estimate(ctx, args.input);
      const [totals, rates] = await Promise.all([view.totals(), view.shippingRates()]);
      return rates.map((rate) => rateOutput(rate, totals));
    },
    estimateTotals: async (_: unknown, args: { input: EstimateInput }, ctx: GraphQLContext) => ({ cart: await estimate(ctx, args.input) }),
    addSimpleProductsToCart: (_: unknown, args: Input<{ cart_id: string; cart_items: LegacyCartItem[] }>, ctx: GraphQLContext) => addLegacy(ctx, args, false),
    addVirtualProductsToCart: (_: unknown, args: Input<{ cart_id: string; cart_items: LegacyCartItem[] }>, ctx: GraphQLContext) => addLegacy(ctx, args, false),
    addConfigurableProductsToCart: (_: unknown, args: Input<{ cart_id: string; cart_items: LegacyCartItem[] }>, ctx: GraphQLContext) => addLegacy(ctx, args, true),
    clearCart: async (_: unknown, args: { input: { uid: string } }, ctx: GraphQLContext) => {
      if (!args.input?.uid) throw new InputError('Required parameter "uid" is missing');
      const cart = await activeCart(ctx, args.input.uid);
      await ctx.get(SalesInternal.CartItemService).clear(cart);
      return { cart: viewAfter(ctx, cart), errors: [] };
    },
    updateCartItems: async (_: unknown, args: Input<{ cart_id: string; cart_items: Array<{ cart_item_id?: number; cart_item_uid?: string; quantity?: number | null } | null> }>, ctx: GraphQLContext) => {
      const input = requireInput(args);
      const cart = await activeCart(ctx, input.cart_id);
      if (!input.cart_items?.length) throw new InputError('Required parameter "cart_items" is missing.');
      const changes = input.cart_items.map((item) => {
        if (!item) throw new InputError('Required parameter "cart_items" is missing.');
        if (item.quantity == null) throw new InputError('Required parameter "quantity" for "cart_items" is missing.');
        return { itemId: itemIdOf(item), qty: item.quantity };
      });
      await ctx.get(SalesInternal.CartItemService).update(cart, changes);
      return { cart: viewAfter(ctx, cart) };
    },
    removeItemFromCart: async (_: unknown, args: Input<{ cart_id: string; cart_item_id?: number; cart_item_uid?: string }>, ctx: GraphQLContext) => {
      const input = requireInput(args);
      const cart = await activeCart(ctx, input.cart_id);
      await ctx.get(SalesInternal.CartItemService).remove(cart, itemIdOf(input));
      return { cart: viewAfter(ctx, cart) };
    },
    setShippingAddressesOnCart: async (
      _: unknown,
      args: Input<{ cart_id: string; shipping_addresses: Array<{ address?: CartAddressInput; customer_address_id?: number; customer_notes?: string } | null> }>,
      ctx: GraphQLContext,
    ) => {
      const input = requireInput(args);
      const cart = await activeCart(ctx, input.cart_id);
      const list = input.shipping_addresses ?? [];
      if (list.length !== 1 || !list[0]) throw new InputError('You cannot specify multiple shipping addresses.');
      const service = ctx.get(SalesInternal.CartAddressService);
      const addresses = await service.setShipping(cart, await service.resolve(cart, list[0], ctx.store.storeCode), list[0].customer_notes ?? null);
      return { cart: viewAfter(ctx, cart, {}, addresses) };
    },
    setBillingAddressOnCart: async (
      _: unknown,
      args: Input<{ cart_id: string; billing_address: { address?: CartAddressInput; customer_address_id?: number; same_as_shipping?: boolean; use_for_shipping?: boolean } }>,
      ctx: GraphQLContext,
    ) => {
      const input = requireInput(args);
      const cart = await activeCart(ctx, input.cart_id);
      const billing = input.billing_address;
      if (!billing) throw new InputError('Required parameter "billing_address" is missing');
      const service = ctx.get(SalesInternal.CartAddressService);
      let addresses: CartAddress[];
      if (billing.same_as_shipping && !billing.address && billing.customer_address_id == null) {
        addresses = await service.setBillingSameAsShipping(cart);
      } else {
        const sameForShipping = Boolean(billing.same_as_shipping || billing.use_for_shipping);
        addresses = await service.setBilling(cart, await service.resolve(cart, billing, ctx.store.storeCode), sameForShipping);
      }
      return { cart: viewAfter(ctx, cart, {}, addresses) };
    },
    setGuestEmailOnCart: async (_: unknown, args: Input<{ cart_id: string; email: string }>, ctx: GraphQLContext) => {
      const input = requireInput(args);
      const cart = await activeCart(ctx, input.cart_id);
      const email = await ctx.get(SalesInternal.CartManagement).setGuestEmail(cart, input.email, ctx.store.storeCode);
      return { cart: viewAfter(ctx, cart, { email }) };
    },
    setShippingMethodsOnCart: async (_: unknown, args: Input<{ cart_id: string; shipping_methods: Array<{ carrier_code: string; method_code: string } | null> }>, ctx: GraphQLContext) => {
      const input = requireInput(args);
      const cart = await activeCart(ctx, input.cart_id);
      const { totals, addresses } = await ctx.get(SalesInternal.CartManagement).setShippingMethod(cart, input.shipping_methods ?? [], ctx.store.storeCode);
      return { cart: new CartView(cart, ctx, totals, addresses) };
    },
    applyCouponToCart: async (_: unknown, args: Input<{ cart_id: string; coupon_code: string }>, ctx: GraphQLContext) => {
      const input = requireInput(args);
      const cart = await activeCart(ctx, input.cart_id);
      await ctx.get(SalesInternal.CartManagement).applyCoupon(cart, input.coupon_code, ctx.store.storeCode);
      return { cart: await viewOf(ctx, cart.maskedId) };
    },
    applyCouponsToCart: async (_: unknown, args: Input<{ cart_id: string; coupon_codes: Array<string | null>; type?: 'APPEND' | 'REPLACE' | null }>, ctx: GraphQLContext) => {
      const input = requireInput(args);
      const cart = await activeCart(ctx, input.cart_id);
      await ctx.get(SalesInternal.CartManagement).applyCoupons(cart, input.coupon_codes ?? [], input.type ?? 'APPEND', ctx.store.storeCode);
      return { cart: await viewOf(ctx, cart.maskedId) };
    },
    removeCouponsFromCart: async (_: unknown, args: Input<{ cart_id: string; coupon_codes: Array<string | null> }>, ctx: GraphQLContext) => {
      const input = requireInput(args);
      const cart = await activeCart(ctx, input.cart_id);
      await ctx.get(SalesInternal.CartManagement).removeCoupons(cart, input.coupon_codes ?? []);
      return { cart: await viewOf(ctx, cart.maskedId) };
    },
    removeCouponFromCart: async (_: unknown, args: Input<{ cart_id: string }>, ctx: GraphQLContext) => {
      const input = requireInput(args);
      const cart = await activeCart(ctx, input.cart_id);
      await ctx.get(SalesInternal.CartManagement).removeCoupon(cart);
      return { cart: viewAfter(ctx, cart, { couponCode: null }) };
    },
  },
  StoreConfig: {
    is_guest_checkout_enabled: storeConfigField(SalesConfigPath.GuestCheckout),
    cart_expires_in_days: storeConfigField(SalesConfigPath.CartLifetimeDays),
    is_one_page_checkout_enabled: storeConfigField(SalesConfigPath.OnepageCheckoutEnabled),
    max_items_in_order_summary: storeConfigField(SalesConfigPath.OrderSummaryMaxItems),
    minicart_display: storeConfigField(SalesConfigPath.MinicartDisplay),
    minicart_max_items: storeConfigField(SalesConfigPath.MinicartMaxItems),
    cart_summary_display_quantity: storeConfigField(SalesConfigPath.CartLinkUseQty),
    check_money_order_enabled: storeConfigField(SalesConfigPath.CheckmoActive),
    check_money_order_title: storeConfigField(SalesConfigPath.CheckmoTitle),
    // Empty when not set: null, as Magento answers.
    check_money_order_make_check_payable_to: storeConfigField(SalesConfigPath.CheckmoPayableTo, (text: string) => text || null),
    check_money_order_send_check_to: storeConfigField(SalesConfigPath.CheckmoMailingAddress, (text: string) => text || null),
    // Every order starts new, in its pending status, whatever pays for it.
    check_money_order_new_order_status: () => ORDER_STATUS.new,
    zero_subtotal_enabled: storeConfigField(SalesConfigPath.FreeActive),
    zero_subtotal_title: storeConfigField(SalesConfigPath.FreeTitle),
    zero_subtotal_new_order_status: () => ORDER_STATUS.new,
  },
};
