import { inject, injectable } from 'inversify';
import { BoundedCache, Kernel, randomBytesPooled, type Clock, type Database } from '../../../app';
import type { Cart, CartAddress, CartItem } from '../api/sales-entities';
import { SalesTable as T } from '../api/sales-tables';
import type { Encryptor } from '../../../app/crypto/encryptor';
import { AddressCodec } from './address-codec';
import { defineLazyFields } from './lazy-fields';
import { SalesInternal } from './sales-internal-tokens';

interface QuoteRow {
  entity_id: number;
  masked_id: string;
  store_id: number;
  customer_id: number | null;
  customer_email: string | null;
  is_active: number | boolean;
  coupon_code: string | null;
  payment_method: string | null;
  po_number: string | null;
  payment_data: string | null;
  created_at: number | string;
  updated_at: number | string;
}

interface ItemRow {
  item_id: number;
  product_id: number;
  sku: string;
  product_type: string;
  child_product_id: number | null;
  child_sku: string | null;
  selected_options: string | null;
  qty: number;
  created_at: number | string;
}

/** A quote_address row as read (what AddressCodec.fromRow takes). */
type AddressRowRead = Parameters<AddressCodec['fromRow']>[0];

const PAYMENT_DATA_COLUMN = `${T.quote}.payment_data`;

/**
 * The statements every checkout call runs, built once: the prepared-statement caches are keyed by the SQL text, and a text
 * built on each call was a new string to hash and compare on every lookup. `FOR UPDATE` where MySQL locks.
 */
const SQL = {
  quoteByMaskedId: `SELECT * FROM ${T.quote} WHERE masked_id = ? LIMIT 1`,
  quoteById: `SELECT * FROM ${T.quote} WHERE entity_id = ? LIMIT 1`,
  quoteByIdAndMaskedId: `SELECT * FROM ${T.quote} WHERE entity_id = ? AND masked_id = ? LIMIT 1`,
  items: `SELECT * FROM ${T.quoteItem} WHERE quote_id = ? ORDER BY item_id`,
  addresses: `SELECT * FROM ${T.quoteAddress} WHERE quote_id = ? ORDER BY address_id`,
} as const;
const FOR_UPDATE = {
  quoteByMaskedId: `${SQL.quoteByMaskedId} FOR UPDATE`,
  quoteById: `${SQL.quoteById} FOR UPDATE`,
  quoteByIdAndMaskedId: `${SQL.quoteByIdAndMaskedId} FOR UPDATE`,
} as const;

/** The widest masked id (quote.masked_id): 32 characters for the ids made here, up to 64 for a storefront's own (createEmptyCart). */
const MASKED_ID_MAX_LENGTH = 64;
/** How many carts' masked ids a process keeps the entity id of (see CartStore.byMaskedId): 10,000 open checkouts, about 1 MB. */
const KNOWN_MASKED_IDS = 10_000;

/** 24 random bytes: 32 base64url characters (API-01 asks for at least 32 random characters). */
export function newMaskedId(): string {
  return randomBytesPooled(24).toString('base64url');
}

/**
 * Quote rows, written out (Database.select/insert/update: every cart call makes them, and knex building each cost more than
 * running it); every call joins the caller's transaction.
 */
@injectable()
export class CartStore {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.Clock) private readonly clock: Clock,
    @inject(SalesInternal.AddressCodec) private readonly codec: AddressCodec,
    @inject(Kernel.Encryptor) private readonly encryptor: Encryptor,
  ) {}

  /** The stored payment data of the carts read (every read takes the whole row), so placeOrder does not read it again. */
  private readonly storedPaymentData = new WeakMap<Cart, string | null>();

  private toCart(row: QuoteRow): Cart {
    const cart = {
      id: Number(row.entity_id),
      maskedId: row.masked_id,
      storeId: Number(row.store_id),
      customerId: row.customer_id === null ? null : Number(row.customer_id),
      isActive: Boolean(Number(row.is_active)),
      couponCode: row.coupon_code,
      paymentMethod: row.payment_method,
      poNumber: row.po_number,
      createdAt: Number(row.created_at),
      updatedAt: Number(row.updated_at),
    } as Cart;
    // Known when this process sealed or opened this value, else decrypted on first read (an own enumerable getter, so spreads
    // and JSON see it): only the email step, the cart's email field and placeOrder need it, and every cart call reads the quote.
    this.storedPaymentData.set(cart, row.payment_data);
    const known = this.codec.knownEmail(row.customer_email, 'quote.customer_email');
    if (known !== undefined) return Object.assign(cart, { email: known });
    return defineLazyFields(cart, ['email'], () => ({ email: this.codec.decryptEmail(row.customer_email, 'quote.customer_email') }));
  }

  async create(storeId: number, customerId: number | null, maskedId = newMaskedId()): Promise<Cart> {
    const now = this.clock.now().getTime();
    const row = { masked_id: maskedId, store_id: storeId, customer_id: customerId, is_active: true, created_at: now, updated_at: now };
    const id = await this.db.insert(T.quote, row);
    this.knownIds.set(maskedId, id);
    // The new cart as written (every other column starts null): no read back.
    return this.toCart({ ...row, entity_id: id, customer_email: null, coupon_code: null, payment_method: null, po_number: null, payment_data: null });
  }

  /**
   * A cart's masked id never changes, so the process keeps the entity id of those it has read: the next read goes by primary
   * key (one B-tree search where the masked_id index took two; a cart is read by its masked id on every call of a checkout)
   * and still checks the masked id, so a cart deleted and its id reused by a newer cart is not found through the old masked
   * id. Not found that way, the masked id is looked up again.
   */
  async byMaskedId(maskedId: string, forUpdate = false): Promise<Cart | undefined> {
    const known = this.knownIds.get(maskedId);
    if (known !== undefined) {
      const cart = await this.quote('quoteByIdAndMaskedId', [known, maskedId], forUpdate);
      if (cart) return cart;
      this.knownIds.delete(maskedId);
    }
    const cart = await this.quote('quoteByMaskedId', [maskedId], forUpdate);
    if (cart) this.knownIds.set(maskedId, cart.id);
    return cart;
  }

  /** Entity ids by masked id, of carts read or created here (see byMaskedId). */
  private readonly knownIds = new BoundedCache<number>(KNOWN_MASKED_IDS, MASKED_ID_MAX_LENGTH);

  async byId(id: number, forUpdate = false): Promise<Cart | undefined> {
    return this.quote('quoteById', [id], forUpdate);
  }

  /** Every cart call reads its quote, items and addresses: written-out SQL (Database.select), FOR UPDATE where MySQL locks. */
  private async quote(statement: keyof typeof FOR_UPDATE, bindings: Array<string | number>, forUpdate: boolean): Promise<Cart | undefined> {
    const [row] = await this.db.select<QuoteRow>((forUpdate && this.db.client === 'mysql' ? FOR_UPDATE : SQL)[statement], bindings);
    return row ? this.toCart(row) : undefined;
  }

  async activeOfCustomer(customerId: number, storeId: number): Promise<Cart | undefined> {
    const row = (await this.db.conn()(T.quote).where({ customer_id: customerId, store_id: storeId, is_active: true }).orderBy('entity_id', 'desc').first()) as QuoteRow | undefined;
    return row ? this.toCart(row) : undefined;
  }

  async update(cartId: number, changes: Partial<{ customerId: number | null; email: string | null; isActive: boolean; couponCode: string | null; paymentMethod: string | null; poNumber: string | null; paymentData: Record<string, unknown> | null }>): Promise<void> {
    const row: Record<string, unknown> = { updated_at: this.clock.now().getTime() };
    if (changes.customerId !== undefined) row.customer_id = changes.customerId;
    if (changes.email !== undefined) row.customer_email = changes.email === null ? null : this.codec.encryptEmail(changes.email, 'quote.customer_email');
    if (changes.isActive !== undefined) row.is_active = changes.isActive;
    if (changes.couponCode !== undefined) row.coupon_code = changes.couponCode;
    if (changes.paymentMethod !== undefined) row.payment_method = changes.paymentMethod;
    if (changes.poNumber !== undefined) row.po_number = changes.poNumber;
    if (changes.paymentData !== undefined) row.payment_data = changes.paymentData === null ? null : this.encryptor.encrypt(JSON.stringify(changes.paymentData), PAYMENT_DATA_COLUMN);
    await this.db.update(T.quote, row, { entity_id: cartId });
  }

  /**
   * The method-specific payment data (a one-time nonce, a vault public hash), encrypted at rest. Given the cart as read in
   * the caller's transaction (placeOrder's locked read), the value of that read; given an id, read now.
   */
  async paymentData(cart: number | Cart): Promise<Record<string, unknown> | null> {
    let stored = typeof cart === 'number' ? undefined : this.storedPaymentData.get(cart);
    if (stored === undefined) {
      const [row] = await this.db.select<{ payment_data: string | null }>(`SELECT payment_data FROM ${T.quote} WHERE entity_id = ?`, [typeof cart === 'number' ? cart : cart.id]);
      stored = row?.payment_data ?? null;
    }
    return stored ? (JSON.parse(this.encryptor.decrypt(stored, PAYMENT_DATA_COLUMN)) as Record<string, unknown>) : null;
  }

  async items(cartId: number): Promise<CartItem[]> {
    const rows = await this.db.select<ItemRow>(SQL.items, [cartId]);
    return rows.map((r) => ({
      id: Number(r.item_id),
      productId: Number(r.product_id),
      sku: r.sku,
      productType: r.product_type,
      childProductId: r.child_product_id === null ? null : Number(r.child_product_id),
      childSku: r.child_sku,
      selectedOptions: r.selected_options ? (JSON.parse(r.selected_options) as string[]) : [],
      qty: Number(r.qty),
      createdAt: Number(r.created_at),
    }));
  }

  async addItem(cartId: number, item: Omit<CartItem, 'id' | 'createdAt'>): Promise<void> {
    await this.db.insert(T.quoteItem, {
      quote_id: cartId,
      product_id: item.productId,
      sku: item.sku,
      product_type: item.productType,
      child_product_id: item.childProductId,
      child_sku: item.childSku,
      selected_options: item.selectedOptions.length ? JSON.stringify(item.selectedOptions) : null,
      qty: item.qty,
      created_at: this.clock.now().getTime(),
    });
  }

  async setItemQty(cartId: number, itemId: number, qty: number): Promise<void> {
    await this.db.update(T.quoteItem, { qty }, { quote_id: cartId, item_id: itemId });
  }

  async removeItem(cartId: number, itemId: number): Promise<number> {
    return this.db.conn()(T.quoteItem).where({ quote_id: cartId, item_id: itemId }).delete();
  }

  async removeAllItems(cartId: number): Promise<number> {
    return this.db.conn()(T.quoteItem).where({ quote_id: cartId }).delete();
  }

  async moveItems(fromCartId: number, toCartId: number): Promise<void> {
    await this.db.conn()(T.quoteItem).where('quote_id', fromCartId).update({ quote_id: toCartId });
  }

  async addresses(cartId: number): Promise<CartAddress[]> {
    return (await this.addressRows(cartId)).map((r) => this.codec.fromRow(r, T.quoteAddress));
  }

  private addressRows(cartId: number): Promise<AddressRowRead[]> {
    return this.db.select<AddressRowRead>(SQL.addresses, [cartId]);
  }

  /**
   * Stores addresses of the cart (one per type: the stored one of that type updated, else a new one) in the caller's
   * transaction, and answers all the cart's addresses as they now are, in address_id order, without reading them again after
   * the writes: the cart's other addresses as read first, the given ones as written. Read first, then update by key or insert:
   * an UPDATE that matches nothing takes a gap lock on MariaDB, and two checkouts inserting into the same gap then deadlock.
   * A new address invalidates the chosen shipping method (rates depend on the destination), as in Magento. `addresses` may be
   * worked out from the cart's addresses as read in this transaction (billing same as shipping).
   */
  async saveAddresses(
    cartId: number,
    addresses: Array<Omit<CartAddress, 'id' | 'shippingMethod'>> | ((current: CartAddress[]) => Array<Omit<CartAddress, 'id' | 'shippingMethod'>>),
  ): Promise<CartAddress[]> {
    const rows = await this.addressRows(cartId);
    const toSave = typeof addresses === 'function' ? addresses(rows.map((r) => this.codec.fromRow(r, T.quoteAddress))) : addresses;
    for (const address of toSave) {
      const row = { ...this.codec.toRow(address, T.quoteAddress), customer_address_id: address.customerAddressId, shipping_method: null };
      const index = rows.findIndex((r) => r.address_type === address.type);
      if (index >= 0) {
        const existing = rows[index];
        await this.db.update(T.quoteAddress, row, { address_id: existing.address_id });
        rows[index] = { ...existing, ...row };
      } else {
        const { shipping_method: _none, ...inserted } = row;
        const id = await this.db.insert(T.quoteAddress, { ...inserted, quote_id: cartId });
        rows.push({ ...row, address_id: id });
      }
    }
    return rows.map((r) => this.codec.fromRow(r, T.quoteAddress));
  }

  async setShippingMethod(cartId: number, method: string | null): Promise<void> {
    await this.db.update(T.quoteAddress, { shipping_method: method }, { quote_id: cartId, address_type: 'shipping' });
  }
}
