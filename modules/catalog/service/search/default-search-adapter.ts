import { inject, injectable } from 'inversify';
import { Kernel, sqlLimit, type Database } from '../../../../app';
import { StoreApi, type StoreRepository } from '../../../store/api';
import { CatalogTable as T } from '../../api/catalog-tables';
import type { SearchAdapter, SearchDocument, SearchDocumentBuilder, SearchHit } from '../../api/search';
import { CatalogApi } from '../../api/tokens';
import { chunks } from '../../model/sql-helpers';
import { perTransaction } from '../../model/transaction-memo';
import { searchTerms } from './search-terms';

/** Rowids of the FTS5 table encode the product and the store view, so a product's rows are found by key. */
const STORE_BITS = 65536;
/** Column weights (sku, name, description, short_description, extra, store_id): a hit in the name counts more than one in the text. */
const BM25 = 'bm25(catalog_search_fulltext, 10.0, 5.0, 1.0, 2.0, 2.0, 0.0)';

/**
 * The built-in engine: SQLite FTS5 ranked by bm25, or MariaDB/MySQL FULLTEXT in natural language mode (matches in the
 * sku and the name weigh more), chosen by the database client. Both match any of the words; FTS5 also matches prefixes.
 */
@injectable()
export class DefaultSearchAdapter implements SearchAdapter {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(StoreApi.StoreRepository) private readonly stores: StoreRepository,
    @inject(CatalogApi.SearchDocuments) private readonly documents: SearchDocumentBuilder,
  ) {}

  async index(productIds: number[]): Promise<void> {
    if (!productIds.length) return;
    await this.remove(productIds);
    const docs = await this.documents.build(productIds);
    for (const batch of chunks(docs, 100)) await this.insert(batch);
  }

  async remove(productIds: number[]): Promise<void> {
    const conn = this.db.conn();
    if (this.db.client === 'sqlite') {
      const storeIds = (await perTransaction(this.db, 'catalog.allStoreViews', () => this.stores.listStoreViews({ withAdmin: true }))).map((s) => s.id);
      const rowids = productIds.flatMap((id) => storeIds.map((storeId) => id * STORE_BITS + storeId));
      for (const part of chunks(rowids)) await conn(T.searchFulltext).whereIn('rowid', part).delete();
      return;
    }
    for (const part of chunks(productIds)) await conn(T.searchFulltext).whereIn('product_id', part).delete();
  }

  async search(text: string, storeId: number, limit: number): Promise<SearchHit[]> {
    const terms = searchTerms(text);
    if (!terms.length) return [];
    const conn = this.db.conn();
    if (this.db.client === 'sqlite') {
      const match = terms.map((t) => (t.length >= 3 ? `"${t}"*` : `"${t}"`)).join(' OR ');
      const rows = (await conn.raw(`SELECT rowid AS id, ${BM25} AS rank FROM ${T.searchFulltext} WHERE ${T.searchFulltext} MATCH ? AND store_id = ? ORDER BY rank, rowid ${sqlLimit(limit)}`, [
        match,
        storeId,
      ])) as Array<{ id: number; rank: number }>;
      return rows.map((r) => ({ productId: Math.floor(Number(r.id) / STORE_BITS), score: -Number(r.rank) }));
    }
    const words = terms.join(' ');
    const all = 'MATCH(sku, name, description, short_description, extra) AGAINST (? IN NATURAL LANGUAGE MODE)';
    const [rows] = (await conn.raw(
      `SELECT product_id, (MATCH(sku) AGAINST (? IN NATURAL LANGUAGE MODE) * 5 + MATCH(name) AGAINST (? IN NATURAL LANGUAGE MODE) * 3 + ${all}) AS score
       FROM ${T.searchFulltext} WHERE store_id = ? AND ${all} ORDER BY score DESC, product_id LIMIT ?`,
      [words, words, words, storeId, words, limit],
    )) as [Array<{ product_id: number; score: number }>];
    return rows.map((r) => ({ productId: Number(r.product_id), score: Number(r.score) }));
  }

  async reindexAll(): Promise<void> {
    await this.db.transaction(async (trx) => {
      await trx(T.searchFulltext).delete();
      for (const part of chunks(await this.documents.allProductIds())) await this.index(part);
    });
  }

  private async insert(docs: SearchDocument[]): Promise<void> {
    if (!docs.length) return;
    const conn = this.db.conn();
    const common = (d: SearchDocument) => ({ sku: d.sku, name: d.name, description: d.description, short_description: d.shortDescription, extra: d.extra, store_id: d.storeId });
    if (this.db.client === 'sqlite') await conn(T.searchFulltext).insert(docs.map((d) => ({ rowid: d.productId * STORE_BITS + d.storeId, ...common(d) })));
    else await conn(T.searchFulltext).insert(docs.map((d) => ({ product_id: d.productId, ...common(d) })));
  }
}
