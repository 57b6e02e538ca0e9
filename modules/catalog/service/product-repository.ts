import { inject, injectable } from 'inversify';
import { Kernel, type Database } from '../../../app';
import { NoSuchEntityError } from '../../../app';
import type { CatalogContextProvider } from '../api/pricing';
import { PRODUCT_NOT_FOUND, type MediaEntry, type Product, type ProductInput, type ProductList, type ProductParts, type ProductRepository, type SaveOptions, type SearchCriteria } from '../api/product';
import { CatalogApi } from '../api/tokens';
import { findProductIds } from '../model/admin-product-query';
import type { AttributeSnapshotCache } from '../model/attribute-snapshot-cache';
import { CatalogInternal } from '../model/catalog-internal-tokens';
import { assembleProducts, productsFrom } from '../model/product-assembler';
import type { FlatProductIndex } from '../model/flat-product-index';
import type { ConfigurableData, ProductCore } from '../model/product-core';
import type { ProductReader } from '../model/product-reader';
import type { ProductSaveService } from './product-save-service';
import { ProductSaveToken } from './product-save-token';

/** CatalogApi.ProductRepository: reads through the batch reader, writes through the save service. */
@injectable()
export class DefaultProductRepository implements ProductRepository {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(CatalogInternal.AttributeCache) private readonly attributes: AttributeSnapshotCache,
    @inject(CatalogInternal.ProductReader) private readonly reader: ProductReader,
    @inject(ProductSaveToken) private readonly saver: ProductSaveService,
    @inject(CatalogApi.Context) private readonly context: CatalogContextProvider,
    @inject(CatalogInternal.FlatIndex) private readonly flat: FlatProductIndex,
  ) {}

  async get(sku: string, options: SaveOptions = {}, parts?: ProductParts): Promise<Product> {
    const id = typeof sku === 'string' ? (await this.reader.idsBySku([sku.trim()])).get(sku.trim().toLowerCase()) : undefined;
    if (!id) throw new NoSuchEntityError(PRODUCT_NOT_FOUND);
    return this.getById(id, options, parts);
  }

  async getById(id: number, options: SaveOptions = {}, parts?: ProductParts): Promise<Product> {
    const product = (await this.getMany([id], options.storeId ?? 0, parts)).get(id);
    if (!product) throw new NoSuchEntityError(PRODUCT_NOT_FOUND);
    return product;
  }

  /**
   * For a store view, without the category links (a cart's totals, on every cart call), the products come from the flat
   * documents the storefront reads (FlatProductIndex: kept current by every save, in the saving transaction, and parsed once
   * per process while their hash holds) with live stock: one query, where the attribute tables take three or four. A
   * configurable's options and children are read live (a document is not rebuilt when a child changes, and the storefront
   * works them out from the children it loads). Ids without a document (none yet) are read from the attribute tables, as is
   * everything else.
   */
  async getMany(ids: number[], storeId = 0, parts?: ProductParts): Promise<Map<number, Product>> {
    const snapshot = this.attributes.peek() ?? (await this.attributes.current());
    if (storeId === 0 || parts?.categoryLinks !== false || !ids.length) return assembleProducts(this.reader, snapshot, ids, storeId, parts);
    const documents = await this.flat.load(ids, storeId);
    const cores = new Map<number, ProductCore>();
    const media = new Map<number, MediaEntry[]>();
    for (const [id, document] of documents) {
      cores.set(id, document.core);
      if (parts.media !== false) media.set(id, document.media);
    }
    const configurables = [...cores.values()].filter((core) => core.typeId === 'configurable').map((core) => core.id);
    const configurable: ReadonlyMap<number, ConfigurableData | null> = configurables.length ? await this.reader.loadConfigurable(configurables) : new Map();
    const found = productsFrom(snapshot, ids, storeId, cores, media, new Map(), configurable);
    const missing = ids.filter((id) => !found.has(id));
    if (!missing.length) return found;
    const rest = await assembleProducts(this.reader, snapshot, missing, storeId, parts);
    const out = new Map<number, Product>();
    for (const id of ids) {
      const product = found.get(id) ?? rest.get(id);
      if (product) out.set(id, product);
    }
    return out;
  }

  async getList(criteria: SearchCriteria, options: SaveOptions = {}): Promise<ProductList> {
    const storeId = options.storeId ?? 0;
    const { currencyDigits } = await this.context.forStore(storeId);
    const { ids, total } = await findProductIds(this.db.conn(), await this.attributes.current(), criteria, storeId, currencyDigits);
    const products = await this.getMany(ids, storeId);
    return { items: ids.map((id) => products.get(id)!).filter(Boolean), totalCount: total };
  }

  async save(input: ProductInput, options: SaveOptions = {}): Promise<Product> {
    const [product] = await this.saver.saveMany([{ input, storeId: options.storeId ?? 0 }]);
    return product;
  }

  saveMany(inputs: Array<{ input: ProductInput; storeId?: number }>, onProgress?: (done: number, total: number) => void): Promise<Product[]> {
    return this.saver.saveMany(inputs, onProgress);
  }

  delete(sku: string): Promise<void> {
    return this.saver.delete(sku);
  }
}
