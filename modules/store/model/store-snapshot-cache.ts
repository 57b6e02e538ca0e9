import { inject, injectable } from 'inversify';
import { Kernel, type Database } from '../../../app';
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

  private snapshot: StoreSnapshot | undefined;
  private loadedAt = 0;
  private pending: Promise<StoreSnapshot> | undefined;
  /** Bumped by reset(): a load started before a reset must not install its (possibly stale) result. */
  private generation = 0;

  constructor(@inject(Kernel.Database) private readonly db: Database) {}

  async current(): Promise<StoreSnapshot> {
    // Inside a transaction the caller must see its own uncommitted rows, and those must never reach the shared copy.
    if (this.db.inTransaction()) return this.load();
    if (this.snapshot && Date.now() - this.loadedAt <= StoreSnapshotCache.TTL_MS) return this.snapshot;
    if (!this.pending) {
      const generation = this.generation;
      this.pending = this.load()
        .then((fresh) => {
          if (generation === this.generation) {
            this.snapshot = fresh;
            this.loadedAt = Date.now();
          }
          return fresh;
        })
        .finally(() => {
          this.pending = undefined;
        });
    }
    return this.pending;
  }

  reset(): void {
    this.generation++;
    this.snapshot = undefined;
    this.pending = undefined;
  }

  private async load(): Promise<StoreSnapshot> {
    const conn = this.db.conn();
    const websites = (await conn(StoreTable.website).select('*').orderBy(['sort_order', 'website_id'])) as WebsiteRow[];
    const groups = (await conn(StoreTable.group).select('*').orderBy('group_id')) as StoreGroupRow[];
    const stores = (await conn(StoreTable.store).select('*').orderBy(['group_id', 'sort_order', 'store_id'])) as StoreRow[];
    return new StoreSnapshot(websites.map(toWebsite), groups.map(toStoreGroup), stores.map(toStoreView));
  }
}
