import { inject, injectable } from 'inversify';
import { Kernel, type Clock, type Database, type EventBus } from '../../../app';
import { InputError, NoSuchEntityError } from '../../../app';
import { CatalogApi, type StockReservations } from '../../catalog/api';
import { CustomerApi, type CustomerRepository } from '../../customer/api';
import type { PaymentMethodPool } from '../api/payment';
import { PaymentDeclinedError } from '../api/payment';
import type { Cart } from '../api/sales-entities';
import { SalesTable as T } from '../api/sales-tables';
import { SalesApi } from '../api/tokens';
import type { AddressCodec } from '../model/address-codec';
import type { CartStore } from '../model/cart-store';
import { SalesInternal } from '../model/sales-internal-tokens';
import type { CartAccess, CartCaller } from '../quote/cart-access';
import type { TotalsService } from '../totals/totals-service';
import { appliedRulesOf } from '../totals/collectors';
import type { VaultTokenStore } from '../payment/vault-token-store';
import { ensureOrderSequence, nextOrderNumber } from './order-sequence';

/** MariaDB's "Deadlock found": the transaction was rolled back whole and may simply run again. */
const isDeadlock = (err: unknown) => (err as { errno?: number })?.errno === 1213;
const ATTEMPTS = 3;

export type PlaceOrderErrorCode = 'CART_NOT_FOUND' | 'CART_NOT_ACTIVE' | 'GUEST_EMAIL_MISSING' | 'UNABLE_TO_PLACE_ORDER' | 'UNDEFINED';

export class PlaceOrderFailure extends Error {
  constructor(
    readonly code: PlaceOrderErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * placeOrder in one transaction: the cart row is locked, everything validated, an order number taken, stock held with the
 * catalog's conditional reservations (all-or-nothing), the payment authorized, the order written and the cart closed. Any
 * failure — stock, a declined payment — rolls all of it back: the stock is not held and the cart stays usable. A retry for a
 * cart already ordered answers the existing order (quote_id is unique in sales_order).
 */
@injectable()
export class OrderPlacement {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.EventBus) private readonly events: EventBus,
    @inject(Kernel.Clock) private readonly clock: Clock,
    @inject(SalesInternal.CartStore) private readonly carts: CartStore,
    @inject(SalesInternal.CartAccess) private readonly access: CartAccess,
    @inject(SalesInternal.TotalsService) private readonly totalsService: TotalsService,
    @inject(SalesInternal.AddressCodec) private readonly codec: AddressCodec,
    @inject(SalesApi.PaymentMethodPool) private readonly methods: PaymentMethodPool,
    @inject(CatalogApi.StockReservations) private readonly stock: StockReservations,
    @inject(CustomerApi.CustomerRepository) private readonly customers: CustomerRepository,
    @inject(SalesInternal.VaultTokens) private readonly vault: VaultTokenStore,
  ) {}

  /** Answers the order id. The transaction is durable: an order whose payment was authorized must survive a power loss. */
  async place(maskedId: string, caller: CartCaller): Promise<number> {
    try {
      await ensureOrderSequence(this.db.knex, caller.storeId);
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.db.transaction(() => this.placeLocked(maskedId, caller), { durable: true });
        } catch (err) {
          if (!isDeadlock(err) || attempt >= ATTEMPTS) throw err;
        }
      }
    } catch (err) {
      if (err instanceof PlaceOrderFailure) throw err;
      if (err instanceof NoSuchEntityError) throw new PlaceOrderFailure('CART_NOT_FOUND', err.message);
      if (err instanceof InputError || err instanceof PaymentDeclinedError) throw new PlaceOrderFailure('UNABLE_TO_PLACE_ORDER', err.message);
      // Two requests for one cart racing past the lock (the unique quote_id stops the second): answer the first's order.
      const cart = await this.carts.byMaskedId(maskedId);
      const existing = cart ? await this.orderOfQuote(cart.id) : undefined;
      if (existing) return existing;
      throw err;
    }
  }

  private async orderOfQuote(quoteId: number): Promise<number | undefined> {
    const [row] = await this.db.select<{ entity_id: number }>(`SELECT entity_id FROM ${T.order} WHERE quote_id = ?`, [quoteId]);
    return row ? Number(row.entity_id) : undefined;
  }

  private async placeLocked(maskedId: string, caller: CartCaller): Promise<number> {
    const cart = await this.access.owned(maskedId, caller, { forUpdate: true });
    if (!cart.isActive) {
      const existing = await this.orderOfQuote(cart.id);
      if (existing) return existing;
      throw new PlaceOrderFailure('CART_NOT_ACTIVE', "The cart isn't active.");
    }
    const addresses = await this.carts.addresses(cart.id);
    const totals = await this.totalsService.collect(cart, caller.storeCode, addresses);
    const shipping = addresses.find((a) => a.type === 'shipping');
    const billing = addresses.find((a) => a.type === 'billing');
    // A coupon that stopped applying since it was accepted (expired, used up, rule changed) is not silently dropped: the
    // customer would pay the full price without being told. Magento refuses the order the same way.
    if (cart.couponCode && !totals.discounts.some((d) => d.couponCode !== null && d.couponCode.toLowerCase() === cart.couponCode!.toLowerCase())) {
      throw new PlaceOrderFailure('UNABLE_TO_PLACE_ORDER', 'The coupon code isn\'t valid. Verify the code and try again.');
    }
    if (!totals.lines.length) throw new PlaceOrderFailure('UNABLE_TO_PLACE_ORDER', 'A server error stopped your order from being placed. Please try to place your order again.');
    const email = cart.customerId === null ? cart.email : await this.customerEmail(cart);
    if (!email) throw new PlaceOrderFailure('GUEST_EMAIL_MISSING', 'Guest email for cart is missing.');
    if (!totals.isVirtual && !shipping) throw new PlaceOrderFailure('UNABLE_TO_PLACE_ORDER', 'Some addresses can\'t be used due to the configurations for specific countries.');
    if (!totals.isVirtual && !totals.shippingRate) throw new PlaceOrderFailure('UNABLE_TO_PLACE_ORDER', 'The shipping method is missing. Select the shipping method and try again.');
    if (!billing) throw new PlaceOrderFailure('UNABLE_TO_PLACE_ORDER', 'Please check the billing address information.');
    const method = this.methods.list().find((m) => m.code === cart.paymentMethod);
    if (!method || !(await method.isAvailable(cart, totals, caller.storeCode))) throw new PlaceOrderFailure('UNABLE_TO_PLACE_ORDER', 'Enter a valid payment method and try again.');
    for (const line of totals.lines) {
      if (line.product.stock.salableQty < line.item.qty) throw new PlaceOrderFailure('UNABLE_TO_PLACE_ORDER', `The requested qty is not available (${line.product.sku})`);
    }

    // The order's rows are written out (Database.insert): knex building them cost more than running them.
    const incrementId = await nextOrderNumber(this.db, cart.storeId);
    await this.events.dispatch('sales_order_place_before', { quoteId: cart.id, incrementId });
    const held = new Map<string, number>();
    for (const line of totals.lines) held.set(line.product.sku, (held.get(line.product.sku) ?? 0) + line.item.qty);
    await this.stock.reserve([...held].map(([sku, qty]) => ({ sku, qty })), incrementId);
    const payment = await method.authorize({ cart, totals, storeCode: caller.storeCode, orderNumber: incrementId }, await this.carts.paymentData(cart));

    const now = this.clock.now().getTime();
    const id = await this.db.insert(T.order, {
      increment_id: incrementId,
      quote_id: cart.id,
      store_id: cart.storeId,
      customer_id: cart.customerId,
      customer_email: this.codec.encryptEmail(email, 'sales_order.customer_email'),
      email_hash: this.codec.emailHash(email),
      state: 'new',
      status: 'pending',
      currency: totals.currency,
      subtotal: totals.subtotal,
      shipping_amount: totals.shipping,
      discount_amount: totals.discount,
      tax_amount: totals.tax,
      grand_total: totals.grandTotal,
      total_paid: 0,
      total_qty: totals.totalQty,
      coupon_code: totals.discounts.length ? cart.couponCode : null,
      shipping_method: shipping?.shippingMethod ?? null,
      shipping_description: totals.shippingRate ? `${totals.shippingRate.carrierTitle} - ${totals.shippingRate.methodTitle}` : null,
      created_at: now,
      updated_at: now,
    });
    for (const line of totals.lines) {
      await this.db.insert(T.orderItem, {
        order_id: id,
        product_id: line.parent.id,
        sku: line.parent.sku,
        stock_sku: line.product.sku,
        name: line.product.name,
        product_type: line.parent.typeId,
        options: line.item.selectedOptions.length ? JSON.stringify(line.item.selectedOptions) : null,
        qty_ordered: line.item.qty,
        price: line.unitPrice,
        row_total: line.rowTotal,
        discount_amount: line.discount,
        tax_amount: line.taxAmount,
        tax_percent_bp: Math.round(line.taxPercent * 100),
      });
    }
    for (const address of [billing, shipping].filter((a) => a !== undefined)) {
      await this.db.insert(T.orderAddress, { ...this.codec.toRow(address, T.orderAddress), order_id: id });
    }
    await this.db.insert(T.orderPayment, {
      order_id: id,
      method: method.code,
      po_number: method.code === 'purchaseorder' ? cart.poNumber : null,
      cc_type: payment.ccType ?? null,
      cc_last_4: payment.ccLast4 ?? null,
      cc_exp_month: payment.ccExpMonth ?? null,
      cc_exp_year: payment.ccExpYear ?? null,
      last_trans_id: payment.transactionId,
      amount_authorized: payment.amountAuthorized,
    });
    if (payment.vault && cart.customerId !== null) await this.vault.save(cart.customerId, method.code, payment.vault);
    await this.carts.update(cart.id, { isActive: false, paymentData: null });
    const placed = { orderId: id, quoteId: cart.id, incrementId, storeId: cart.storeId, customerId: cart.customerId, appliedRules: appliedRulesOf(totals) };
    await this.events.dispatch('sales_order_place_after', placed);
    await this.events.dispatch('checkout_submit_all_after', placed);
    return id;
  }

  private async customerEmail(cart: Cart): Promise<string | null> {
    return (await this.customers.getById(cart.customerId!))?.email ?? null;
  }
}
