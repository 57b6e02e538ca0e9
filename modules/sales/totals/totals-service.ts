import { inject, injectable } from 'inversify';
import { CatalogApi, finalPriceOf, type CatalogContextProvider, type ProductRepository } from '../../catalog/api';
import type { Cart, CartAddress } from '../api/sales-entities';
import { SalesApi } from '../api/tokens';
import type { Totals, TotalsCollector, TotalsCollectorPool } from '../api/totals';
import type { CartStore } from '../model/cart-store';
import { SalesInternal } from '../model/sales-internal-tokens';

/**
 * Prices the cart's lines from the catalog (the final price of the product bought: the configurable's child), then runs the
 * collectors in sortOrder. Nothing is cached across requests: every answer reflects current prices, rules, rates and config.
 * Products are read without their gallery and category links (pricing needs neither; GraphQL product fields load those
 * through the catalog's own per-request loaders).
 */
@injectable()
export class TotalsService {
  constructor(
    @inject(SalesInternal.CartStore) private readonly carts: CartStore,
    @inject(CatalogApi.ProductRepository) private readonly products: ProductRepository,
    @inject(CatalogApi.Context) private readonly catalogContext: CatalogContextProvider,
    @inject(SalesApi.TotalsCollectorPool) private readonly pool: TotalsCollectorPool,
  ) {}

  /**
   * `addresses`: the cart's addresses when the caller already read them (one read per answer). `basis`: totals worked out
   * earlier in the same request for the same items (a mutation that changed only the shipping method answers with totals
   * on the items and products its check read, rather than reading them again).
   */
  async collect(cart: Cart, storeCode: string, addresses?: CartAddress[] | Promise<CartAddress[]>, basis?: Pick<Totals, 'lines'>): Promise<Totals> {
    const [items, cartAddresses, store] = await Promise.all([basis ? basis.lines.map((l) => l.item) : this.carts.items(cart.id), addresses ?? this.carts.addresses(cart.id), this.catalogContext.forStore(cart.storeId)]);
    const ids = [...new Set(items.flatMap((i) => (i.childProductId ? [i.productId, i.childProductId] : [i.productId])))];
    const products = basis ? productsOf(basis) : ids.length ? await this.products.getMany(ids, cart.storeId, { media: false, categoryLinks: false }) : new Map();
    const lines = items
      .filter((item) => products.has(item.productId) && (!item.childProductId || products.has(item.childProductId)))
      .map((item) => {
        const parent = products.get(item.productId)!;
        const product = item.childProductId ? products.get(item.childProductId)! : parent;
        const unitPrice = finalPriceOf(product, store.today);
        return { item, product, parent, unitPrice, rowTotal: unitPrice * item.qty, discount: 0, discounts: [], taxAmount: 0, taxPercent: 0 };
      });
    const totals: Totals = {
      currency: store.currency,
      currencyDigits: store.currencyDigits,
      lines,
      totalQty: 0,
      isVirtual: lines.length > 0 && lines.every((l) => l.product.typeId === 'virtual'),
      subtotal: 0,
      discount: 0,
      discounts: [],
      shipping: 0,
      shippingTax: 0,
      shippingRate: null,
      tax: 0,
      appliedTaxes: [],
      grandTotal: 0,
    };
    const input = {
      cart,
      storeCode,
      today: store.today,
      shippingAddress: cartAddresses.find((a) => a.type === 'shipping') ?? null,
      billingAddress: cartAddresses.find((a) => a.type === 'billing') ?? null,
    };
    for (const collector of this.collectorsInOrder()) {
      const pending = collector.collect(input, totals);
      if (pending) await pending;
    }
    return totals;
  }

  /** The pool's collectors by sortOrder, sorted again only when the pool answers another list (or the list changed length). */
  private collectorsInOrder(): readonly TotalsCollector[] {
    const list = this.pool.list();
    if (this.sorted?.list !== list || this.sorted.inOrder.length !== list.length) {
      this.sorted = { list, inOrder: [...list].sort((a, b) => a.sortOrder - b.sortOrder) };
    }
    return this.sorted.inOrder;
  }

  private sorted: { list: readonly TotalsCollector[]; inOrder: readonly TotalsCollector[] } | undefined;
}

/** The products of earlier totals' lines, by id (parents and the children bought through them). */
function productsOf(basis: Pick<Totals, 'lines'>): Map<number, Totals['lines'][number]['product']> {
  const out = new Map<number, Totals['lines'][number]['product']>();
  for (const line of basis.lines) {
    out.set(line.parent.id, line.parent);
    out.set(line.product.id, line.product);
  }
  return out;
}
