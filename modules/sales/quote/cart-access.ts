import { inject, injectable } from 'inversify';
import { Kernel, type Clock, type ConfigService } from '../../../app';
import { InputError, NoSuchEntityError } from '../../../app';
import type { Cart } from '../api/sales-entities';
import { SalesConfigPath } from '../api/sales-config-paths';
import type { CartStore } from '../model/cart-store';
import { SalesInternal } from '../model/sales-internal-tokens';

/** Who asks: a signed-in customer or a guest, in a store view. */
export interface CartCaller {
  customerId: number | null;
  storeId: number;
  storeCode: string;
}

export const DAY_MS = 86_400_000;

export function cartNotFound(maskedId: string): NoSuchEntityError {
  return new NoSuchEntityError(`Could not find a cart with ID "${maskedId}"`);
}

/**
 * API-01: a cart is reachable only by its owner — a customer's cart by that customer, a guest cart by guests holding its
 * masked id — in its own store view, while it lives. Anything else answers exactly as an id that does not exist, so an
 * attacker learns nothing (not even that the id is taken).
 */
@injectable()
export class CartAccess {
  constructor(
    @inject(SalesInternal.CartStore) private readonly carts: CartStore,
    @inject(Kernel.Config) private readonly config: ConfigService,
    @inject(Kernel.Clock) private readonly clock: Clock,
  ) {}

  requireMaskedId(maskedId: string | null | undefined, name = 'cart_id'): string {
    if (typeof maskedId !== 'string' || !maskedId.trim()) throw new InputError(`Required parameter "${name}" is missing`);
    return maskedId;
  }

  /** The cart if the caller owns it, active or not (placeOrder retries need the inactive one); else not found. */
  async owned(maskedIdInput: string | null | undefined, caller: CartCaller, options: { forUpdate?: boolean; guestOnly?: boolean } = {}): Promise<Cart> {
    const maskedId = this.requireMaskedId(maskedIdInput);
    const cart = await this.carts.byMaskedId(maskedId, options.forUpdate);
    if (!cart || cart.storeId !== caller.storeId) throw cartNotFound(maskedId);
    if (options.guestOnly ? cart.customerId !== null : cart.customerId !== caller.customerId) throw cartNotFound(maskedId);
    if (cart.isActive && (await this.isExpired(cart, caller.storeCode))) throw cartNotFound(maskedId);
    return cart;
  }

  /** As owned(), and the cart must still be open. */
  async active(maskedId: string | null | undefined, caller: CartCaller, options: { forUpdate?: boolean; guestOnly?: boolean } = {}): Promise<Cart> {
    const cart = await this.owned(maskedId, caller, options);
    if (!cart.isActive) throw new NoSuchEntityError("The cart isn't active.");
    return cart;
  }

  private async isExpired(cart: Cart, storeCode: string): Promise<boolean> {
    const days = await this.config.getForStore<number>(SalesConfigPath.CartLifetimeDays, storeCode);
    return cart.updatedAt < this.clock.now().getTime() - days * DAY_MS;
  }
}
