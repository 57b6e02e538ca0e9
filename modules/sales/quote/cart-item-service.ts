import { inject, injectable } from 'inversify';
import { Kernel, type Database } from '../../../app';
import { InputError, NoSuchEntityError } from '../../../app';
import { CatalogApi, ProductStatus, type Product, type ProductRepository } from '../../catalog/api';
import type { Cart, CartItem } from '../api/sales-entities';
import type { CartStore } from '../model/cart-store';
import { SalesInternal } from '../model/sales-internal-tokens';

/** What a cart line reads of its product: no gallery, no category links (see ProductRepository.getMany). */
const CART_PARTS = { media: false, categoryLinks: false } as const;

export type CartUserInputErrorCode = 'PRODUCT_NOT_FOUND' | 'NOT_SALABLE' | 'INSUFFICIENT_STOCK' | 'UNDEFINED' | 'PERMISSION_DENIED';

export interface CartUserInputError {
  code: CartUserInputErrorCode;
  message: string;
}

export interface CartItemRequest {
  sku: string;
  quantity: number;
  parent_sku?: string | null;
  selected_options?: Array<string | null> | null;
}

export const QTY_UNAVAILABLE = 'The requested qty is not available';
const NOT_SALABLE = 'Product that you are trying to add is not available.';

class ItemError extends Error {
  constructor(
    readonly code: CartUserInputErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** base64("configurable/<attribute id>/<value id>") → the pair, or an error for anything else. */
function decodeOption(uid: string | null): { attributeId: number; valueId: number } {
  const decoded = Buffer.from(String(uid ?? ''), 'base64').toString('utf8');
  const match = /^configurable\/(\d{1,10})\/(\d{1,10})$/.exec(decoded);
  if (!match) throw new ItemError('UNDEFINED', `Value of uid "${uid}" is incorrect.`);
  return { attributeId: Number(match[1]), valueId: Number(match[2]) };
}

/**
 * Cart lines by sku. Quantities are whole units checked against salable stock (on hand minus held by orders) for the
 * whole cart, so two lines of one sku cannot together exceed it; the hold itself happens at placeOrder.
 */
@injectable()
export class CartItemService {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(SalesInternal.CartStore) private readonly carts: CartStore,
    @inject(CatalogApi.ProductRepository) private readonly products: ProductRepository,
  ) {}

  /** Adds each line on its own (Magento's addProductsToCart): a bad line becomes a user error, the good ones stay added. */
  async add(cart: Cart, requests: CartItemRequest[]): Promise<CartUserInputError[]> {
    const errors: CartUserInputError[] = [];
    for (const request of requests) {
      try {
        await this.db.transaction(() => this.addOne(cart, request));
      } catch (err) {
        if (err instanceof ItemError) errors.push({ code: err.code, message: err.message });
        else throw err;
      }
    }
    return errors;
  }

  /**
   * Adds every line or none (Magento's addSimpleProductsToCart, addVirtualProductsToCart, addConfigurableProductsToCart): the
   * first line that cannot be added refuses the whole call with its SKU, and the lines before it are rolled back.
   */
  async addAll(cart: Cart, requests: CartItemRequest[]): Promise<void> {
    if (!requests.length) throw new InputError('Required parameter "cart_items" is missing');
    await this.db.transaction(async () => {
      for (const request of requests) {
        try {
          await this.addOne(cart, request);
        } catch (err) {
          if (!(err instanceof ItemError)) throw err;
          if (err.code === 'PRODUCT_NOT_FOUND') throw new NoSuchEntityError(err.message);
          throw new InputError(`Could not add the product with SKU ${request.sku} to the shopping cart: ${err.message}`);
        }
      }
    });
  }

  private async product(sku: string | null | undefined, storeId: number): Promise<Product> {
    if (typeof sku !== 'string' || !sku.trim()) throw new ItemError('UNDEFINED', 'Required parameter "sku" is missing');
    try {
      // A cart line needs neither the gallery nor the category links: read from the flat documents with live stock.
      return await this.products.get(sku.trim(), { storeId }, CART_PARTS);
    } catch (err) {
      if (err instanceof NoSuchEntityError) throw new ItemError('PRODUCT_NOT_FOUND', `Could not find a product with SKU "${sku}"`);
      throw err;
    }
  }

  private async addOne(cart: Cart, request: CartItemRequest): Promise<void> {
    const qty = request.quantity;
    if (!Number.isInteger(qty) || qty <= 0 || qty > 10000) throw new ItemError('UNDEFINED', 'The product quantity should be a whole number greater than 0.');
    let product: Product;
    let child: Product | null = null;
    let options: string[] = (request.selected_options ?? []).filter((o): o is string => typeof o === 'string');
    if (request.parent_sku) {
      product = await this.product(request.parent_sku, cart.storeId);
      child = await this.product(request.sku, cart.storeId);
      if (product.typeId !== 'configurable' || !product.configurable?.childIds.includes(child.id)) {
        throw new ItemError('PRODUCT_NOT_FOUND', `Could not find a product with SKU "${request.sku}" under "${request.parent_sku}"`);
      }
      options = product.configurable.options.map((o) => Buffer.from(`configurable/${o.attributeId}/${child!.attributes[o.attributeCode]}`).toString('base64'));
    } else {
      product = await this.product(request.sku, cart.storeId);
      if (product.typeId === 'configurable') child = await this.childFor(product, options);
    }
    const stockProduct = child ?? product;
    if (product.status !== ProductStatus.Enabled || stockProduct.status !== ProductStatus.Enabled) throw new ItemError('NOT_SALABLE', NOT_SALABLE);
    if (!stockProduct.stock.isInStock || stockProduct.stock.salableQty <= 0) throw new ItemError('NOT_SALABLE', NOT_SALABLE);
    const items = await this.carts.items(cart.id);
    const same = items.find((i) => i.productId === product.id && i.childProductId === (child?.id ?? null));
    const inCart = items.filter((i) => (i.childSku ?? i.sku) === stockProduct.sku).reduce((n, i) => n + i.qty, 0);
    if (inCart + qty > stockProduct.stock.salableQty) throw new ItemError('INSUFFICIENT_STOCK', QTY_UNAVAILABLE);
    if (same) await this.carts.setItemQty(cart.id, same.id, same.qty + qty);
    else {
      await this.carts.addItem(cart.id, {
        productId: product.id,
        sku: product.sku,
        productType: product.typeId,
        childProductId: child?.id ?? null,
        childSku: child?.sku ?? null,
        selectedOptions: child ? options : [],
        qty,
      });
    }
    await this.carts.update(cart.id, {});
  }

  /** The child of a configurable matching one value of each of its super attributes. */
  private async childFor(parent: Product, uids: string[]): Promise<Product> {
    const config = parent.configurable;
    if (!config || !config.options.length) throw new ItemError('NOT_SALABLE', NOT_SALABLE);
    const chosen = new Map(uids.map(decodeOption).map((o) => [o.attributeId, o.valueId]));
    if (config.options.some((o) => !chosen.has(o.attributeId)) || chosen.size !== config.options.length) {
      throw new ItemError('UNDEFINED', 'You need to choose options for your item.');
    }
    const children = await this.products.getMany(config.childIds, parent.storeId, CART_PARTS);
    for (const child of children.values()) {
      if (config.options.every((o) => Number(child.attributes[o.attributeCode]) === chosen.get(o.attributeId))) return child;
    }
    throw new ItemError('NOT_SALABLE', 'The product with the chosen options is not available.');
  }

  /** updateCartItems: quantity 0 removes the line; a quantity above salable stock is refused and nothing changes. */
  async update(cart: Cart, changes: Array<{ itemId: number; qty: number }>): Promise<void> {
    await this.db.transaction(async () => {
      const items = await this.carts.items(cart.id);
      for (const change of changes) {
        const item = items.find((i) => i.id === change.itemId);
        if (!item) throw new NoSuchEntityError(`Could not find cart item with id: ${change.itemId}.`);
        if (!Number.isInteger(change.qty) || change.qty < 0 || change.qty > 10000) throw new InputError('The product quantity should be a whole number, 0 or more.');
        item.qty = change.qty;
      }
      const skus = [...new Set(items.map((i) => i.childSku ?? i.sku))];
      for (const sku of skus) {
        const wanted = items.filter((i) => (i.childSku ?? i.sku) === sku).reduce((n, i) => n + i.qty, 0);
        const product = await this.products.get(sku, { storeId: cart.storeId }, CART_PARTS);
        if (wanted > 0 && wanted > product.stock.salableQty) throw new InputError(QTY_UNAVAILABLE);
      }
      for (const change of changes) {
        if (change.qty === 0) await this.carts.removeItem(cart.id, change.itemId);
        else await this.carts.setItemQty(cart.id, change.itemId, change.qty);
      }
      await this.carts.update(cart.id, {});
    });
  }

  async remove(cart: Cart, itemId: number): Promise<void> {
    const removed = await this.carts.removeItem(cart.id, itemId);
    if (!removed) throw new NoSuchEntityError(`The cart doesn't contain the item`);
    await this.carts.update(cart.id, {});
  }

  /** clearCart: every line removed, the cart itself (addresses, email, coupon, methods) kept. */
  async clear(cart: Cart): Promise<void> {
    await this.db.transaction(async () => {
      await this.carts.removeAllItems(cart.id);
      await this.carts.update(cart.id, {});
    });
  }

  async itemsOf(cart: Cart): Promise<CartItem[]> {
    return this.carts.items(cart.id);
  }
}
