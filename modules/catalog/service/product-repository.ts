import { inject, injectable } from 'inversify';
import { Kernel, type Database } from '../../../app';
import { NoSuchEntityError } from '../../../app';
import type { CatalogContextProvider } from '../api/pricing';
import { PRODUCT_NOT_FOUND, type Product, type ProductInput, type ProductList, type ProductParts, type ProductRepository, type SaveOptions, type SearchCriteria } from '../api/product';
import { CatalogApi } from '../api/tokens';
import { findProductIds } from '../model/admin-product-query';
import type { AttributeSnapshotCache } from '../model/attribute-snapshot-cache';
import { CatalogInternal } from '../model/catalog-internal-tokens';
import { assembleProducts } from '../model/product-assembler';
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
  ) {}

  async get(sku: string, options: SaveOptions = {}): Promise<Product> {
    const id = typeof sku === 'string' ? (await this.reader.idsBySku([sku.trim()])).get(sku.trim().toLowerCase()) : undefined;
    if (!id) throw new NoSuchEntityError(PRODUCT_NOT_FOUND);
    return this.getById(id, options);
  }

  async getById(id: number, options: SaveOptions = {}): Promise<Product> {
    const product = (await this.getMany([id], options.storeId ?? 0)).get(id);
    if (!product) throw new NoSuchEntityError(PRODUCT_NOT_FOUND);
    return product;
  }

  async getMany(ids: number[], storeId = 0, parts?: ProductParts): Promise<Map<number, Product>> {
    return assembleProducts(this.reader, await this.attributes.current(), ids, storeId, parts);
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
