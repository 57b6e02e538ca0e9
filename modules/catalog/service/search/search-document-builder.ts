import { inject, injectable } from 'inversify';
import { Kernel, type Database } from '../../../../app';
import { StoreApi, type StoreRepository } from '../../../store/api';
import { labelIn } from '../../api/attribute';
import { CatalogTable as T } from '../../api/catalog-tables';
import { ProductStatus, Visibility } from '../../api/product';
import type { SearchDocument, SearchDocumentBuilder } from '../../api/search';
import type { AttributeSnapshotCache } from '../../model/attribute-snapshot-cache';
import { CatalogInternal } from '../../model/catalog-internal-tokens';
import type { ProductReader } from '../../model/product-reader';
import { chunks } from '../../model/sql-helpers';
import { perTransaction } from '../../model/transaction-memo';

/** Tags out, entities and whitespace collapsed: descriptions are HTML, the index wants words. */
export function plainText(html: unknown): string {
  if (typeof html !== 'string') return '';
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Search documents per storefront store view, from the same batch reader as the storefront. `extra` holds the labels of
 * searchable option attributes (a configurable's include its children's: "blue" finds the jacket that comes in blue).
 */
@injectable()
export class DefaultSearchDocumentBuilder implements SearchDocumentBuilder {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(StoreApi.StoreRepository) private readonly stores: StoreRepository,
    @inject(CatalogInternal.AttributeCache) private readonly attributes: AttributeSnapshotCache,
    @inject(CatalogInternal.ProductReader) private readonly reader: ProductReader,
  ) {}

  async allProductIds(): Promise<number[]> {
    const rows = (await this.db.conn()(T.product).select('entity_id').orderBy('entity_id')) as Array<{ entity_id: number }>;
    return rows.map((r) => Number(r.entity_id));
  }

  async build(productIds: number[]): Promise<SearchDocument[]> {
    const snapshot = await this.attributes.current();
    const searchable = snapshot.list().filter((a) => a.isSearchable && (a.input === 'select' || a.input === 'multiselect'));
    const docs: SearchDocument[] = [];
    const views = await perTransaction(this.db, 'catalog.storeViews', () => this.stores.listStoreViews());
    for (const part of chunks(productIds)) {
      const options = searchable.length
        ? ((await this.db.conn()(T.productOptionIndex).whereIn('entity_id', part).whereIn('attribute_id', searchable.map((a) => a.id)).select('entity_id', 'value')) as Array<{
            entity_id: number;
            value: number;
          }>)
        : [];
      for (const view of views) {
        const cores = await this.reader.loadCores(part, view.id);
        for (const core of cores.values()) {
          if (core.status !== ProductStatus.Enabled || (core.visibility !== Visibility.Search && core.visibility !== Visibility.CatalogSearch)) continue;
          const labels = options
            .filter((o) => Number(o.entity_id) === core.id)
            .map((o) => snapshot.option(Number(o.value)))
            .filter((o) => !!o)
            .map((o) => labelIn(o!.option, view.id));
          docs.push({
            productId: core.id,
            storeId: view.id,
            sku: core.sku,
            name: core.name,
            description: plainText(core.attributes.description),
            shortDescription: plainText(core.attributes.short_description),
            extra: [...new Set(labels)].join(' '),
          });
        }
      }
    }
    return docs;
  }
}
