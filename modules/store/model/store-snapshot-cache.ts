import { inject, injectable } from 'inversify';
import { Kernel, type Database } from '../../../app';
import { SharedSnapshot } from '../../../app/db/shared-snapshot';
import { StoreTable } from '../api/store-entities';
import { toStoreGroup, toStoreView, toWebsite, type StoreGroupRow, type StoreRow, type WebsiteRow } from './store-rows';
import { StoreSnapshot } from './store-snapshot';

/**
 * The process's copy of the store tables. It is only a cache: it is re-read after TTL_MS so that a store view created by
 * another process (the CLI, another node) shows up, and dropped at once after a change made in this process.
 */
@injectable()
export class StoreSnapshotCache {
  static readonly TTL_MS = 5000;

  private readonly shared: SharedSnapshot<StoreSnapshot>;

  constructor(@inject(Kernel.Database) private readonly db: Database) {
    this.shared = new SharedSnapshot(db, () => this.load(), StoreSnapshotCache.TTL_MS);
  }

  current(): Promise<StoreSnapshot> {
    return this.shared.current();
  }

  /** The copy when it is at hand without loading (see SharedSnapshot.peek), else undefined. */
  peek(): StoreSnapshot | undefined {
    return this.shared.peek();
  }

  /** Called first by a transaction that writes these tables: it then reads them afresh, its own rows included. */
  changing(): void {
    this.shared.changing();
  }

  reset(): void {
    this.shared.reset();
  }

  private async load(): Promise<StoreSnapshot> {
    const conn = this.db.conn();
    const websites = (await conn(StoreTable.website).select('*').orderBy(['sort_order', 'website_id'])) as WebsiteRow[];
    const groups = (await conn(StoreTable.group).select('*').orderBy('group_id')) as StoreGroupRow[];
    const stores = (await conn(StoreTable.store).select('*').orderBy(['group_id', 'sort_order', 'store_id'])) as StoreRow[];
    return new StoreSnapshot(websites.map(toWebsite), groups.map(toStoreGroup), stores.map(toStoreView));
  }
}
