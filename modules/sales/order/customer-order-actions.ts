import { inject, injectable } from 'inversify';
import { Kernel, type Clock, type ConfigService, type Database } from '../../../app';
import { InputError } from '../../../app';
import { StoreApi, type StoreRepository } from '../../store/api';
import { SalesConfigPath as P } from '../api/sales-config-paths';
import type { Cart } from '../api/sales-entities';
import { SalesTable as T } from '../api/sales-tables';
import { SalesInternal } from '../model/sales-internal-tokens';
import type { CartCaller } from '../quote/cart-access';
import type { CartItemRequest, CartItemService } from '../quote/cart-item-service';
import type { CartManagement } from '../quote/cart-management';
import type { OrderRow } from './customer-order-query';
import { addOrderComment } from './order-comments';
import { loadItems, NOT_FOUND } from './order-documents';
import type { OrderLifecycle } from './order-lifecycle';

/** Magento_OrderCancellationGraphQl's answers. */
export const CANCEL_MESSAGES = {
  notFound: NOT_FOUND,
  finalState: 'Order already closed, complete, cancelled or on hold',
  disabled: 'Order cancellation is not enabled for requested store.',
  shipped: 'Order with one or more items shipped cannot be cancelled',
  /** Magento 2.4.7 refunds an invoiced order online before canceling it; we do not refund from the storefront. */
  invoiced: 'Order with one or more items invoiced cannot be cancelled online. Please contact the store to cancel it and refund what was paid.',
  invalidReason: 'Order cancellation reason is invalid.',
} as const;

export interface CancelOutcome {
  /** Why nothing was canceled, or null when the order was canceled. */
  error: string | null;
  /** The order as it now is, when the caller may see it (never for an order that is not theirs). */
  order: OrderRow | null;
}

export type CheckoutUserInputErrorCode = 'REORDER_NOT_AVAILABLE' | 'PRODUCT_NOT_FOUND' | 'NOT_SALABLE' | 'INSUFFICIENT_STOCK' | 'UNDEFINED';

export interface CheckoutUserInputError {
  code: CheckoutUserInputErrorCode;
  message: string;
  path: string[];
}

/** The reasons configured for a store view (sales/cancellation/reasons, a JSON list validated on save). */
export function parseReasons(raw: unknown): string[] {
  try {
    const list = JSON.parse(String(raw ?? '[]'));
    return Array.isArray(list) ? list.filter((r): r is string => typeof r === 'string').map((r) => r.trim()).filter(Boolean) : [];
  } catch {
    return [];
  }
}

/** Magento's order entity id, or the storefront's CustomerOrder.id (its base64); anything else is null. */
export function orderIdOf(input: unknown): number | null {
  const text = String(input ?? '').trim();
  const digits = /^\d{1,10}$/.test(text) ? text : Buffer.from(text, 'base64').toString('utf8');
  if (!/^[1-9]\d{0,9}$/.test(digits)) return null;
  const id = Number(digits);
  return id <= 0xffffffff ? id : null;
}

/**
 * What a signed-in customer may do with their own orders from the storefront: cancel one (Magento_OrderCancellation) and put
 * one's items back in their cart (Magento_Sales' Reorder). API-01: an order of anyone else answers exactly as one that does
 * not exist.
 */
@injectable()
export class CustomerOrderActions {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.Config) private readonly config: ConfigService,
    @inject(Kernel.Clock) private readonly clock: Clock,
    @inject(StoreApi.StoreRepository) private readonly stores: StoreRepository,
    @inject(SalesInternal.OrderLifecycle) private readonly lifecycle: OrderLifecycle,
    @inject(SalesInternal.CartManagement) private readonly carts: CartManagement,
    @inject(SalesInternal.CartItemService) private readonly cartItems: CartItemService,
  ) {}

  /** Whether customers of a store view may cancel their orders, and the reasons they choose from. */
  async cancellationSettings(storeCode: string): Promise<{ enabled: boolean; reasons: string[] }> {
    const enabled = (await this.config.getForStore<boolean>(P.OrderCancellationEnabled, storeCode)) === true;
    return { enabled, reasons: parseReasons(await this.config.getForStore<string>(P.OrderCancellationReasons, storeCode)) };
  }

  /**
   * Cancels the customer's order `orderId` for `reason` (one of the store view's reasons), in one transaction with the order
   * row locked: the checks, OrderLifecycle.cancel (stock released, card authorization voided) and the reason kept as an
   * order comment. Refused, with the order untouched, when cancellation is off for the order's store view, the order is
   * complete, closed or canceled, something is shipped, or something is invoiced (Magento would refund it online first).
   */
  async cancel(customerId: number, storeCode: string, orderId: number | null, reason: string): Promise<CancelOutcome> {
    const { reasons } = await this.cancellationSettings(storeCode);
    if (!reasons.includes(reason.trim())) throw new InputError(CANCEL_MESSAGES.invalidReason);
    if (orderId === null) return { error: CANCEL_MESSAGES.notFound, order: null };
    return this.db.transaction(async () => {
      const conn = this.db.conn();
      let query = conn(T.order).where({ entity_id: orderId, customer_id: customerId }).first();
      if (this.db.client === 'mysql') query = query.forUpdate();
      const row = (await query) as OrderRow & { state: string; total_paid: number } | undefined;
      if (!row) return { error: CANCEL_MESSAGES.notFound, order: null };
      if (!['new', 'processing'].includes(row.state)) return { error: CANCEL_MESSAGES.finalState, order: row };
      const view = await this.stores.getStoreViewById(Number(row.store_id));
      if (!view || !(await this.cancellationSettings(view.code)).enabled) return { error: CANCEL_MESSAGES.disabled, order: null };
      const items = await loadItems(conn, orderId);
      if (items.some((i) => i.qty_shipped > 0)) return { error: CANCEL_MESSAGES.shipped, order: row };
      if (items.some((i) => i.qty_invoiced > 0) || Number(row.total_paid) > 0) return { error: CANCEL_MESSAGES.invoiced, order: row };
      await this.lifecycle.cancel(orderId);
      const canceled = (await conn(T.order).where('entity_id', orderId).first()) as OrderRow;
      await addOrderComment(conn, {
        orderId,
        comment: reason.trim(),
        status: canceled.status,
        isCustomerNotified: false,
        isVisibleOnFront: false,
        createdAt: this.clock.now().getTime(),
      });
      return { error: null, order: canceled };
    });
  }

  /**
   * Magento's Reorder: the customer's order `orderNumber` of this store view has its lines added to the customer's active cart
   * through CartItemService (each line checked as addProductsToCart does: product still there, enabled, in stock, enough of it);
   * a line that cannot be added becomes a user error and the others are added.
   */
  async reorder(caller: CartCaller & { customerId: number }, orderNumber: string): Promise<{ cart: Cart; errors: CheckoutUserInputError[] }> {
    const conn = this.db.conn();
    const order = await conn(T.order).where({ increment_id: orderNumber, store_id: caller.storeId, customer_id: caller.customerId }).first('entity_id', 'state');
    if (!order) throw new InputError(`Cannot find order number "${orderNumber}" in customer account`);
    const cart = await this.carts.customerCart(caller);
    const path = ['orderNumber'];
    // As Magento's Order::canReorder: not while the order is on hold.
    if ((await this.config.getForStore<boolean>(P.ReorderAllow, caller.storeCode)) !== true || order.state === 'holded') {
      return { cart, errors: [{ code: 'REORDER_NOT_AVAILABLE', message: 'Reorder is not available.', path }] };
    }
    const rows = (await conn(T.orderItem).where('order_id', order.entity_id).orderBy('item_id')) as Array<{ sku: string; product_type: string; qty_ordered: number; options: string | null }>;
    const requests: CartItemRequest[] = rows.map((row) => {
      const request: CartItemRequest = { sku: row.sku, quantity: Number(row.qty_ordered) };
      if (row.product_type === 'configurable' && row.options) request.selected_options = JSON.parse(row.options) as string[];
      return request;
    });
    const errors = await this.cartItems.add(cart, requests);
    return {
      cart,
      errors: errors.map((e) => ({ code: e.code === 'PERMISSION_DENIED' ? 'UNDEFINED' : e.code, message: e.message, path })),
    };
  }
}
