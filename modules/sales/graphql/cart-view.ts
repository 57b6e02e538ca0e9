import type { GraphQLContext } from '../../../app';
import { CustomerApi } from '../../customer/api';
import type { Cart, CartAddress } from '../api/sales-entities';
import type { ShippingRate, Totals } from '../api/totals';
import type { CartCaller } from '../quote/cart-access';
import { SalesInternal } from '../model/sales-internal-tokens';

/** What Cart field resolvers receive: the cart and, computed once per answer, its totals, addresses and shipping rates. */
export class CartView {
  private totalsPromise?: Promise<Totals>;
  private addressesPromise?: Promise<CartAddress[]>;
  private ratesPromise?: Promise<ShippingRate[]>;

  /**
   * `basis`: totals the mutation worked out on the same items (see TotalsService.collect). `addresses`: the cart's addresses
   * as the mutation stored them (see CartStore.saveAddresses), so that the answer does not read them again.
   */
  constructor(
    readonly cart: Cart,
    readonly ctx: GraphQLContext,
    private readonly basis?: Pick<Totals, 'lines'>,
    addresses?: CartAddress[],
  ) {
    if (addresses) this.addressesPromise = Promise.resolve(addresses);
  }

  totals(): Promise<Totals> {
    this.totalsPromise ??= this.ctx.get(SalesInternal.TotalsService).collect(this.cart, this.ctx.store.storeCode, this.addresses(), this.basis);
    return this.totalsPromise;
  }

  /** Rates of every carrier for the shipping address, priced on this answer's totals. */
  shippingRates(): Promise<ShippingRate[]> {
    this.ratesPromise ??= this.totals().then(async (totals) => this.ctx.get(SalesInternal.CartManagement).shippingRates(this.cart, this.ctx.store.storeCode, { totals, addresses: await this.addresses() }));
    return this.ratesPromise;
  }

  addresses(): Promise<CartAddress[]> {
    this.addressesPromise ??= this.ctx.get(SalesInternal.CartStore).addresses(this.cart.id);
    return this.addressesPromise;
  }
}

export function money(minor: number, totals: Pick<Totals, 'currency' | 'currencyDigits'>) {
  return { value: minor / 10 ** totals.currencyDigits, currency: totals.currency };
}

/** The caller of a storefront request: the verified customer (revocation checked) or a guest. */
export async function callerOf(ctx: GraphQLContext): Promise<CartCaller> {
  const customer = await ctx.get(CustomerApi.CustomerAuth).currentCustomer(ctx);
  return { customerId: customer?.customerId ?? null, storeId: ctx.store.storeId, storeCode: ctx.store.storeCode };
}

export async function customerCaller(ctx: GraphQLContext): Promise<CartCaller & { customerId: number }> {
  const customer = await ctx.get(CustomerApi.CustomerAuth).requireCustomer(ctx);
  return { customerId: customer.customerId, storeId: ctx.store.storeId, storeCode: ctx.store.storeCode };
}

/** Item uids are the base64 of the item id, as Magento's. */
export function itemUid(id: number): string {
  return Buffer.from(String(id)).toString('base64');
}
