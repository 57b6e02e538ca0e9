import { inject, injectable } from 'inversify';
import { Kernel, type ConfigService, type Database, type ScopeResolver } from '../../../app';
import { AlreadyExistsError, InputError, NoSuchEntityError } from '../../../app';
import { CatalogApi, type CatalogContextProvider } from '../../catalog/api';
import type { Cart, CartAddress } from '../api/sales-entities';
import { SalesConfigPath as P } from '../api/sales-config-paths';
import { SalesApi } from '../api/tokens';
import type { CarrierPool, ShippingRate, Totals } from '../api/totals';
import type { CartStore } from '../model/cart-store';
import { SalesInternal } from '../model/sales-internal-tokens';
import { rulesForCart } from '../totals/collectors';
import { SalesRuleStore } from '../totals/sales-rule-store';
import { TotalsService } from '../totals/totals-service';
import { CartAccess, type CartCaller } from './cart-access';

const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** Cart lifecycle and checkout settings: creation, the customer's cart, merging, email, shipping methods, coupons. */
/** Coupons a cart may hold at once (Magento Open Source's `sales/multicoupon/maximum_number_of_coupons_per_order` default). */
const MAX_COUPONS = 1;

@injectable()
export class CartManagement {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.Config) private readonly config: ConfigService,
    @inject(SalesInternal.CartStore) private readonly carts: CartStore,
    @inject(SalesInternal.CartAccess) private readonly access: CartAccess,
    @inject(SalesInternal.TotalsService) private readonly totals: TotalsService,
    @inject(SalesApi.CarrierPool) private readonly carriers: CarrierPool,
    @inject(SalesInternal.SalesRules) private readonly rules: SalesRuleStore,
    @inject(Kernel.ScopeResolver) private readonly scopes: ScopeResolver,
    @inject(CatalogApi.Context) private readonly catalogContext: CatalogContextProvider,
  ) {}

  /** A guest cart; `cartUid` lets the client choose the masked id (Magento's createGuestCart(cart_uid)), 32+ characters. */
  async createGuestCart(caller: CartCaller, cartUid?: string | null): Promise<Cart> {
    if (caller.customerId !== null) throw new InputError('Use `Query.customerCart` for logged in customer.');
    if (cartUid != null) {
      if (!/^[A-Za-z0-9_-]{32,64}$/.test(cartUid)) throw new InputError('Cart ID must be 32 to 64 letters, digits, "-" or "_".');
      if (await this.carts.byMaskedId(cartUid)) throw new AlreadyExistsError(`Cart with ID "${cartUid}" already exists.`);
    }
    return this.carts.create(caller.storeId, null, cartUid ?? undefined);
  }

  /** The customer's one active cart in this store view, created on first use. */
  async customerCart(caller: CartCaller & { customerId: number }): Promise<Cart> {
    return this.db.transaction(async () => (await this.carts.activeOfCustomer(caller.customerId, caller.storeId)) ?? this.carts.create(caller.storeId, caller.customerId));
  }

  /** Moves a guest cart's items into the customer's cart and closes the guest cart (mergeCarts). */
  async merge(caller: CartCaller & { customerId: number }, sourceId: string, destinationId?: string | null): Promise<Cart> {
    return this.db.transaction(async () => {
      const source = await this.access.active(sourceId, { ...caller, customerId: null }, { guestOnly: true, forUpdate: true });
      const destination = destinationId ? await this.access.active(destinationId, caller) : await this.customerCart(caller);
      if (source.id === destination.id) throw new InputError('The source and destination carts are the same.');
      await this.mergeItems(source.id, destination.id);
      await this.carts.update(source.id, { isActive: false });
      await this.carts.update(destination.id, {});
      return (await this.carts.byId(destination.id))!;
    });
  }

  /** Gives a guest cart to the signed-in customer, merged into the active cart they already have (assignCustomerToGuestCart). */
  async assign(caller: CartCaller & { customerId: number }, maskedId: string): Promise<Cart> {
    return this.db.transaction(async () => {
      const guest = await this.access.active(maskedId, { ...caller, customerId: null }, { guestOnly: true, forUpdate: true });
      const existing = await this.carts.activeOfCustomer(caller.customerId, caller.storeId);
      if (existing) {
        await this.mergeItems(existing.id, guest.id);
        await this.carts.update(existing.id, { isActive: false });
      }
      await this.carts.update(guest.id, { customerId: caller.customerId, email: null });
      return (await this.carts.byId(guest.id))!;
    });
  }

  private async mergeItems(fromId: number, toId: number): Promise<void> {
    const target = await this.carts.items(toId);
    for (const item of await this.carts.items(fromId)) {
      const same = target.find((t) => t.productId === item.productId && t.childProductId === item.childProductId);
      if (same) {
        await this.carts.setItemQty(toId, same.id, same.qty + item.qty);
        await this.carts.removeItem(fromId, item.id);
      }
    }
    await this.carts.moveItems(fromId, toId);
  }

  /** Answers the email as stored. */
  async setGuestEmail(cart: Cart, email: string, storeCode: string): Promise<string> {
    if (cart.customerId !== null) throw new InputError('The request is not allowed for logged in customers');
    if (!(await this.config.getForStore<boolean>(P.GuestCheckout, storeCode))) throw new InputError('Guest checkout is not allowed');
    const value = String(email ?? '').trim();
    if (value.length > 254 || !EMAIL.test(value)) throw new InputError('Invalid email format');
    await this.carts.update(cart.id, { email: value });
    return value;
  }

  /** Rates for the cart's shipping address from every carrier. */
  async shippingRates(cart: Cart, storeCode: string, known?: { totals: Totals; addresses: CartAddress[] }): Promise<ShippingRate[]> {
    const addresses = known?.addresses ?? (await this.carts.addresses(cart.id));
    const totals = known?.totals ?? (await this.totals.collect(cart, storeCode, addresses));
    const address = addresses.find((a) => a.type === 'shipping');
    if (!address || totals.isVirtual || !totals.lines.length) return [];
    const rates: ShippingRate[] = [];
    for (const carrier of this.carriers.list()) rates.push(...(await carrier.rates({ storeCode, address, totals })));
    return rates;
  }

  /**
   * Answers the totals its check worked out (before the method was set: their items and products stay valid for the answer)
   * and the cart's addresses as they now are (the ones read for the check, the shipping one with its new method).
   */
  async setShippingMethod(cart: Cart, methods: Array<{ carrier_code?: string; method_code?: string } | null>, storeCode: string): Promise<{ totals: Totals; addresses: CartAddress[] }> {
    if (methods.length !== 1 || !methods[0]) throw new InputError('You cannot specify multiple shipping methods.');
    const { carrier_code: carrier, method_code: method } = methods[0];
    if (!carrier) throw new InputError('Required parameter "carrier_code" is missing.');
    if (!method) throw new InputError('Required parameter "method_code" is missing.');
    const addresses = await this.carts.addresses(cart.id);
    if (!addresses.some((a) => a.type === 'shipping')) throw new InputError('The shipping address is missing. Set the address and try again.');
    const totals = await this.totals.collect(cart, storeCode, addresses);
    const rate = (await this.shippingRates(cart, storeCode, { totals, addresses })).find((r) => r.carrierCode === carrier && r.methodCode === method && r.available);
    if (!rate) throw new InputError(`Carrier with such method not found: ${carrier}, ${method}`);
    // Both writes in one transaction: one commit (and its fsync on SQLite) instead of two, and never one without the other.
    const code = `${carrier}_${method}`;
    await this.db.transaction(async () => {
      await this.carts.setShippingMethod(cart.id, code);
      await this.carts.update(cart.id, {});
    });
    // The addresses were read for this request only: the stored method is set on them rather than read again.
    for (const address of addresses) if (address.type === 'shipping') address.shippingMethod = code;
    return { totals, addresses };
  }

  /**
   * Unknown and used-up codes: Magento's "isn't valid" (no such entity). A coupon whose rule does not apply to this cart (its
   * website, customer group, today's date in the store's time zone, inactive, the customer's uses spent, or stopped by an
   * earlier rule) would give no discount: refused with Magento's "The coupon code "X" is not valid.", by the same matching as
   * the discount collector (rulesForCart).
   */
  async applyCoupon(cart: Cart, code: string, storeCode: string): Promise<void> {
    const value = String(code ?? '').trim();
    if (!value) throw new InputError('Required parameter "coupon_code" is missing');
    if (cart.couponCode) throw new InputError('A coupon is already applied to the cart. Please remove it to apply another');
    await this.carts.update(cart.id, { couponCode: await this.validCoupon(cart, value, storeCode) });
  }

  /**
   * Magento 2.4.7's applyCouponsToCart: REPLACE puts the given codes in place of the applied one, APPEND (the default) adds
   * them to it. A cart holds at most MAX_COUPONS (Magento Open Source's `sales/multicoupon/maximum_number_of_coupons_per_order`
   * default, 1); more is refused, and so is any code that does not apply, leaving the cart as it was.
   */
  async applyCoupons(cart: Cart, codes: Array<string | null>, strategy: 'APPEND' | 'REPLACE', storeCode: string): Promise<void> {
    const given = codes.map((c) => String(c ?? '').trim()).filter(Boolean);
    if (!given.length) throw new InputError('Required parameter "coupon_codes" is missing');
    const wanted = new Map<string, string>();
    for (const code of [...(strategy === 'APPEND' && cart.couponCode ? [cart.couponCode] : []), ...given]) wanted.set(code.toLowerCase(), code);
    if (wanted.size > MAX_COUPONS) throw new InputError('Maximum allowed number of applied coupons was exceeded.');
    const [code] = wanted.values();
    await this.carts.update(cart.id, { couponCode: await this.validCoupon(cart, code, storeCode) });
  }

  /** The coupon as its rule spells it, when it applies to this cart now; Magento's errors otherwise. */
  private async validCoupon(cart: Cart, value: string, storeCode: string): Promise<string> {
    const totals = await this.totals.collect(cart, storeCode);
    if (!totals.lines.length) throw new InputError('The "Cart doesn\'t contain products" error occurred.');
    const rule = await this.rules.byCode(value);
    if (!rule) throw new NoSuchEntityError('The coupon code isn\'t valid. Verify the code and try again.');
    const { today } = await this.catalogContext.forStore(cart.storeId);
    const candidates = await rulesForCart({ rules: this.rules, scopes: this.scopes, db: this.db }, cart, rule.couponCode, today);
    if (!candidates.some((c) => c.coupon?.id === rule.coupon.id)) throw new NoSuchEntityError(`The coupon code "${value}" is not valid.`);
    return rule.couponCode;
  }

  async removeCoupon(cart: Cart): Promise<void> {
    await this.carts.update(cart.id, { couponCode: null });
  }

  /** Magento 2.4.7's removeCouponsFromCart: the listed codes (any case) come off, every code when the list is empty. */
  async removeCoupons(cart: Cart, codes: Array<string | null>): Promise<void> {
    const listed = new Set(codes.map((c) => String(c ?? '').trim().toLowerCase()).filter(Boolean));
    if (cart.couponCode && (!listed.size || listed.has(cart.couponCode.toLowerCase()))) await this.removeCoupon(cart);
  }
}
