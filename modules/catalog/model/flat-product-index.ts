import { inject, injectable } from 'inversify';
import { Kernel, type Database } from '../../../app';
import { StoreApi, type StoreRepository } from '../../store/api';
import { CatalogTable as T } from '../api/catalog-tables';
import type { MediaEntry } from '../api/product';
import type { StockItem } from '../api/stock';
import { CatalogInternal } from './catalog-internal-tokens';
import type { ConfigurableData, ProductCore } from './product-core';
import type { ProductReader } from './product-reader';
import { chunks, toBool } from './sql-helpers';
import { perTransaction } from './transaction-memo';

/** What a flat document holds: the core without its live stock, the gallery, the configurable links. */
type FlatDocument = Omit<ProductCore, 'stock' | 'storeId'> & { media: MediaEntry[]; configurable: ConfigurableData | null };

export interface FlatProduct {
  core: ProductCore;
  media: MediaEntry[];
  configurable: ConfigurableData | null;
}

interface FlatRow {
  entity_id: number;
  data: string;
  item_id: number | null;
  qty: number | null;
  reserved_qty: number | null;
  is_in_stock: unknown;
}

/**
 * The flat read model behind storefront listings: one query gives a product's values, gallery, configurable links and live
 * stock, where the EAV tables need five. Rebuilt from the EAV reader on every save (observer, same transaction), for a new
 * store view, and by `catalog:reindex`; a product without a document falls back to the EAV reader.
 */
@injectable()
export class FlatProductIndex {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(StoreApi.StoreRepository) private readonly stores: StoreRepository,
    @inject(CatalogInternal.ProductReader) private readonly reader: ProductReader,
  ) {}

  async reindex(productIds: number[]): Promise<void> {
    const views = await perTransaction(this.db, 'catalog.storeViews', () => this.stores.listStoreViews());
    for (const part of chunks([...new Set(productIds)], 200)) {
      const conn = this.db.conn();
      await conn(T.productFlat).whereIn('entity_id', part).delete();
      const [media, configurable] = await Promise.all([this.reader.loadMedia(part), this.reader.loadConfigurable(part)]);
      const rows: Array<{ entity_id: number; store_id: number; data: string }> = [];
      for (const view of views) {
        for (const core of (await this.reader.loadCores(part, view.id)).values()) {
          const { stock: _stock, storeId: _storeId, ...rest } = core;
          // The price fields are in the core already; load() puts them back into `attributes`.
          const { price: _p, special_price: _sp, special_from_date: _sf, special_to_date: _st, ...attributes } = core.attributes;
          const doc: FlatDocument = { ...rest, attributes, media: media.get(core.id) ?? [], configurable: configurable.get(core.id) ?? null };
          rows.push({ entity_id: core.id, store_id: view.id, data: JSON.stringify(doc) });
        }
      }
      for (const batch of chunks(rows, 100)) await conn(T.productFlat).insert(batch);
    }
  }

  async reindexAll(): Promise<void> {
    await this.db.transaction(async (trx) => {
      await trx(T.productFlat).delete();
      const ids = ((await trx(T.product).select('entity_id')) as Array<{ entity_id: number }>).map((r) => Number(r.entity_id));
      await this.reindex(ids);
    });
  }

  /** Products of a store view from their flat documents and live stock; ids without a document are left out. */
  async load(ids: readonly number[], storeId: number): Promise<Map<number, FlatProduct>> {
    const out = new Map<number, FlatProduct>();
    for (const part of chunks([...new Set(ids)])) {
      const rows = (await this.db
        .conn()({ f: T.productFlat })
        .leftJoin({ s: T.stockItem }, 's.product_id', 'f.entity_id')
        .where('f.store_id', storeId)
        .whereIn('f.entity_id', part)
        .select('f.entity_id', 'f.data', 's.item_id', 's.qty', 's.reserved_qty', 's.is_in_stock')) as FlatRow[];
      for (const row of rows) {
        // The parsed document becomes the core itself (its media/configurable keys ride along unused): listings parse a hundred
        // of these per request, and copying or deleting keys costs more than it saves.
        const doc = JSON.parse(row.data) as FlatDocument & Partial<Pick<ProductCore, 'stock' | 'storeId'>>;
        const { media, configurable } = doc;
        const qty = Number(row.qty ?? 0);
        const reserved = Number(row.reserved_qty ?? 0);
        const stock: StockItem = { itemId: Number(row.item_id ?? 0), productId: doc.id, qty, reservedQty: reserved, salableQty: Math.max(0, qty - reserved), isInStock: toBool(row.is_in_stock) };
        doc.storeId = storeId;
        doc.stock = stock;
        const a = doc.attributes;
        a.price = doc.price;
        a.special_price = doc.specialPrice;
        a.special_from_date = doc.specialFromDate;
        a.special_to_date = doc.specialToDate;
        out.set(doc.id, { core: doc as ProductCore, media, configurable });
      }
    }
    return out;
  }
}
