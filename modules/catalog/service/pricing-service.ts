import { inject, injectable } from 'inversify';
import type { CatalogContextProvider, PriceRange, ProductPricing } from '../api/pricing';
import { CatalogApi } from '../api/tokens';
import { CatalogInternal } from '../model/catalog-internal-tokens';
import { priceRangeOf } from '../model/price-range';
import type { ProductReader } from '../model/product-reader';

/** CatalogApi.Pricing: price ranges in a store view, in four or five queries for any number of products. */
@injectable()
export class DefaultProductPricing implements ProductPricing {
  constructor(
    @inject(CatalogInternal.ProductReader) private readonly reader: ProductReader,
    @inject(CatalogApi.Context) private readonly context: CatalogContextProvider,
  ) {}

  async priceRanges(productIds: number[], storeId: number): Promise<Map<number, PriceRange>> {
    const { today } = await this.context.forStore(storeId);
    const cores = await this.reader.loadCores(productIds, storeId);
    const configurable = await this.reader.loadConfigurable([...cores.values()].filter((c) => c.typeId === 'configurable').map((c) => c.id));
    const childIds = [...configurable.values()].flatMap((c) => c?.childIds ?? []);
    const children = await this.reader.loadCores(childIds, storeId);
    const out = new Map<number, PriceRange>();
    for (const core of cores.values()) {
      const kids = configurable.get(core.id)?.childIds.map((id) => children.get(id)).filter((c) => !!c) ?? null;
      out.set(core.id, priceRangeOf(core, kids as never, today));
    }
    return out;
  }
}
