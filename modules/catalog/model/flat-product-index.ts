import { inject, injectable } from 'inversify';
import { Kernel, type Database } from '../../../app';
import { StoreApi, type StoreRepository } from '../../store/api';
import { CatalogTable as T } from '../api/catalog-tables';
import type { MediaEntry } from '../api/product';
import type { StockItem } from '../api/stock';
import { CatalogInternal } from './catalog-internal-tokens';
import type { ConfigurableData, ProductCore } from './product-core';
import type { ProductReader } from './product-reader';
import { flatDataHash } from './flat-data-hash';
import { chunks, placeholders, toBool } from './sql-helpers';
import { perTransaction } from './transaction-memo';
import { deepFreeze } from './deep-freeze';

/** What a flat document holds: the core without its live stock, the gallery, the configurable links. */
type FlatDocument = Omit<ProductCore, 'stock' | 'storeId'> & { media: MediaEntry[]; configurable: ConfigurableData | null };

export interface FlatProduct {
  core: ProductCore;
  media: MediaEntry[];
  configurable: ConfigurableData | null;
}

interface StockColumns {
  entity_id: number;
  item_id: number | null;
  qty: number | null;
  reserved_qty: number | null;
  is_in_stock: unknown;
}

/** A parsed document as kept between requests: prices back in `attributes`, frozen (requests share it). */
type ParsedDocument = Readonly<Omit<ProductCore, 'stock' | 'storeId'> & { media: MediaEntry[]; configurable: ConfigurableData | null }>;

/** Parsed documents kept per process (about 2-5 KB each): past this, the oldest go first. */
export const FLAT_DOCUMENT_CACHE_SIZE = 10_000;

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
      const rows: Array<{ entity_id: number; store_id: number; data: string; data_hash: string }> = [];
      for (const view of views) {
        for (const core of (await this.reader.loadCores(part, view.id)).values()) {
          const { stock: _stock, storeId: _storeId, ...rest } = core;
          // The price fields are in the core already; load() puts them back into `attributes`.
          const { price: _p, special_price: _sp, special_from_date: _sf, special_to_date: _st, ...attributes } = core.attributes;
          const doc: FlatDocument = { ...rest, attributes, media: media.get(core.id) ?? [], configurable: configurable.get(core.id) ?? null };
          const data = JSON.stringify(doc);
          rows.push({ entity_id: core.id, store_id: view.id, data, data_hash: flatDataHash(data) });
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
      // Tuples (Database.selectTuples): a category page checks a hundred documents and stock rows here on every request.
      const tuples = await this.db.selectTuples<[number, string | null, number | null, number | null, number | null, unknown]>(
        ['f.entity_id', 'f.data_hash', 's.item_id', 's.qty', 's.reserved_qty', 's.is_in_stock'],
        `FROM ${T.productFlat} f LEFT JOIN ${T.stockItem} s ON s.product_id = f.entity_id WHERE f.store_id = ? AND f.entity_id IN (${placeholders(part.length)})`,
        [storeId, ...part],
      );
      const stale = new Map<number, StockColumns>();
      for (const [entity_id, hash, item_id, qty, reserved_qty, is_in_stock] of tuples) {
        const id = Number(entity_id);
        const stock: StockColumns = { entity_id, item_id, qty, reserved_qty, is_in_stock };
        const kept = hash === null ? undefined : this.parsed.get(cacheKey(storeId, id));
        if (kept && kept.hash === hash) out.set(id, withStock(kept.doc, stock, storeId));
        else stale.set(id, stock);
      }
      if (!stale.size) continue;
      const fresh = await this.db.select<{ entity_id: number; data: string; data_hash: string | null }>(
        `SELECT entity_id, data, data_hash FROM ${T.productFlat} WHERE store_id = ? AND entity_id IN (${placeholders(stale.size)})`,
        [storeId, ...stale.keys()],
      );
      for (const row of fresh) {
        const id = Number(row.entity_id);
        const doc = parseDocument(row.data);
        if (row.data_hash !== null) this.keep(cacheKey(storeId, id), row.data_hash, doc);
        out.set(id, withStock(doc, stale.get(id)!, storeId));
      }
    }
    return out;
  }

  private readonly parsed = new Map<number, { hash: string; doc: ParsedDocument }>();

  private keep(key: number, hash: string, doc: ParsedDocument): void {
    this.parsed.delete(key);
    if (this.parsed.size >= FLAT_DOCUMENT_CACHE_SIZE) this.parsed.delete(this.parsed.keys().next().value as number);
    this.parsed.set(key, { hash, doc });
  }
}

const cacheKey = (storeId: number, productId: number) => storeId * 4_294_967_296 + productId;

/** A stored document as the readers expect it (prices back among the attributes), deep-frozen since requests share it. */
function parseDocument(data: string): ParsedDocument {
  const doc = JSON.parse(data) as FlatDocument;
  const a = doc.attributes;
  a.price = doc.price;
  a.special_price = doc.specialPrice;
  a.special_from_date = doc.specialFromDate;
  a.special_to_date = doc.specialToDate;
  return deepFreeze(doc);
}

/** This request's product: the shared document with the store view and the live stock of the row just read. */
function withStock(doc: ParsedDocument, row: StockColumns, storeId: number): FlatProduct {
  const qty = Number(row.qty ?? 0);
  const reserved = Number(row.reserved_qty ?? 0);
  const stock: StockItem = { itemId: Number(row.item_id ?? 0), productId: doc.id, qty, reservedQty: reserved, salableQty: Math.max(0, qty - reserved), isInStock: toBool(row.is_in_stock) };
  // The document's media/configurable keys ride along on the core unused: copying the rest key by key costs more than it saves.
  const core = { ...doc, storeId, stock } as ProductCore;
  return { core, media: doc.media, configurable: doc.configurable };
}

