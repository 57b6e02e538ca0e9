import { inject, injectable } from 'inversify';
import { Kernel, type Clock, type Database, type EventBus } from '../../../app';
import { AlreadyExistsError, NoSuchEntityError } from '../../../app';
import { isDuplicateKeyError } from '../../../app/event/duplicate-key';
import { PRODUCT_NOT_FOUND, type Product, type ProductInput } from '../api/product';
import type { AttributeSnapshotCache } from '../model/attribute-snapshot-cache';
import { CatalogInternal } from '../model/catalog-internal-tokens';
import type { CategoryTreeCache } from '../model/category-tree-cache';
import { assembleProducts } from '../model/product-assembler';
import type { ProductReader } from '../model/product-reader';
import type { ProductWriter } from '../model/product-writer';
import type { FlatProductIndex } from '../model/flat-product-index';
import { dbTimestamp } from '../model/sql-helpers';
import { childInfoOf, productAfter } from './pending-product';
import { validateProductInput, type ExistingProduct, type ProductChange, type ValidationContext } from './product-input-validator';
import { ProductValidationError, type ProductProblem } from './product-validation-error';

/**
 * The write side of products. A batch is validated as a whole first (nothing is written if any input is invalid), then
 * written in one transaction; each product dispatches catalog_product_save_before/after (observers keep URL rewrites and
 * the search index in step, in the same transaction) and the stock event when its stock item changed.
 */
@injectable()
export class ProductSaveService {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.EventBus) private readonly events: EventBus,
    @inject(Kernel.Clock) private readonly clock: Clock,
    @inject(CatalogInternal.AttributeCache) private readonly attributes: AttributeSnapshotCache,
    @inject(CatalogInternal.CategoryTree) private readonly categories: CategoryTreeCache,
    @inject(CatalogInternal.ProductReader) private readonly reader: ProductReader,
    @inject(CatalogInternal.ProductWriter) private readonly writer: ProductWriter,
    @inject(CatalogInternal.FlatIndex) private readonly flat: FlatProductIndex,
  ) {}

  /** Validates every input (reporting all problems by position), then writes them all or nothing. */
  async saveMany(items: Array<{ input: ProductInput; storeId?: number }>, onProgress?: (done: number, total: number) => void): Promise<Product[]> {
    const changes = await this.validateAll(items);
    try {
      return await this.db.transaction(async () => {
        const saved: Product[] = [];
        for (const change of changes) {
          saved.push(await this.write(change));
          onProgress?.(saved.length, changes.length);
        }
        return saved;
      });
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new AlreadyExistsError('A product with the same SKU was saved at the same time: try again', { cause: err });
      throw err;
    }
  }

  async delete(sku: string): Promise<void> {
    await this.db.transaction(async () => {
      const id = (await this.reader.idsBySku([sku])).get(sku.toLowerCase());
      if (!id) throw new NoSuchEntityError(PRODUCT_NOT_FOUND);
      const snapshot = await this.attributes.current();
      const product = (await assembleProducts(this.reader, snapshot, [id], 0)).get(id)!;
      const parents = await this.reader.loadParentIds([id]);
      await this.writer.deleteProduct(id);
      await this.writer.rebuildOptionIndex(parents);
      // The parents' flat documents list the deleted child.
      await this.flat.reindex(parents);
      await this.events.dispatch('catalog_product_delete_after', { product });
    });
  }

  private async validateAll(items: Array<{ input: ProductInput; storeId?: number }>): Promise<ProductChange[]> {
    const snapshot = await this.attributes.current();
    const tree = await this.categories.forStore(0);
    const skus = new Set<string>();
    for (const { input } of items) {
      if (typeof input?.sku === 'string') skus.add(input.sku.trim());
      if (typeof input?.newSku === 'string') skus.add(input.newSku.trim());
      for (const child of input?.configurable?.childSkus ?? []) skus.add(String(child).trim());
    }
    const ids = await this.reader.idsBySku([...skus]);
    const cores = await this.reader.loadCores([...ids.values()], 0);
    const configurable = await this.reader.loadConfigurable([...cores.values()].filter((c) => c.typeId === 'configurable').map((c) => c.id));
    const existing = new Map<string, ExistingProduct>();
    for (const core of cores.values()) existing.set(core.sku.toLowerCase(), { core, configurable: configurable.get(core.id) ?? null });
    const ctx: ValidationContext = { snapshot, tree, existing, pending: new Map() };
    const problems: ProductProblem[] = [];
    const changes: ProductChange[] = [];
    items.forEach(({ input, storeId = 0 }, index) => {
      const { change, issues } = validateProductInput(input ?? ({} as ProductInput), storeId, ctx);
      if (!change) {
        problems.push({ index, sku: String(input?.sku ?? ''), issues });
        return;
      }
      changes.push(change);
      // Later inputs of the batch see this product as it will be once written.
      const after = productAfter(change);
      const key = (change.entity.sku ?? change.sku).toLowerCase();
      if (change.entity.sku) ctx.existing.delete(change.sku.toLowerCase());
      ctx.existing.set(key, after);
      ctx.pending.set(key, childInfoOf(after));
    });
    if (problems.length) throw new ProductValidationError(problems);
    return changes;
  }

  private async write(change: ProductChange): Promise<Product> {
    const snapshot = await this.attributes.current();
    const now = dbTimestamp(this.clock.now());
    let id = change.existing && change.existing.core.id > 0 ? change.existing.core.id : (await this.reader.idsBySku([change.sku])).get(change.sku.toLowerCase());
    const isNew = !id;
    const previous = id ? ((await assembleProducts(this.reader, snapshot, [id], 0)).get(id) ?? null) : null;
    await this.events.dispatch('catalog_product_save_before', { input: change.input, previous, storeId: change.storeId, isNew });
    const { entity } = change;
    if (!id) {
      id = await this.writer.insertEntity(
        { sku: change.sku, type_id: entity.type_id!, attribute_set_id: entity.attribute_set_id!, status: entity.status!, visibility: entity.visibility! },
        now,
      );
    } else {
      await this.writer.updateEntity(id, entity, now);
    }
    await this.writer.writeValues(id, change.values);
    if (change.price) await this.writer.writePrice(id, change.price);
    if (change.stock) await this.writer.writeStock(id, change.stock.qty, change.stock.isInStock);
    if (change.media) await this.writer.replaceMedia(id, change.media);
    if (change.categoryLinks) await this.writer.replaceCategoryLinks(id, change.categoryLinks);
    if (change.configurable) {
      const childIds = await this.reader.idsBySku(change.configurable.childSkus);
      await this.writer.replaceConfigurable(id, change.configurable.attributeIds, change.configurable.childSkus.map((sku) => childIds.get(sku.toLowerCase())!).filter(Boolean), change.configurable.labels);
    }
    await this.writer.rebuildOptionIndex([id, ...(await this.reader.loadParentIds([id]))]);
    const product = (await assembleProducts(this.reader, snapshot, [id], change.storeId)).get(id)!;
    await this.events.dispatch('catalog_product_save_after', { product, previous, storeId: change.storeId, isNew });
    const before = previous?.stock;
    const after = product.stock;
    if (change.stock && (!before || before.qty !== after.qty || before.isInStock !== after.isInStock)) {
      await this.events.dispatch('cataloginventory_stock_item_save_after', { sku: product.sku, item: after, previous: before ?? null, reason: 'save' });
    }
    return product;
  }
}
