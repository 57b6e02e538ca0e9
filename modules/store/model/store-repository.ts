import { inject, injectable } from 'inversify';
import { ADMIN_SCOPE_ID, type StoreGroup, type StoreView, type Website } from '../api/store-entities';
import type { StoreRepository, StoreViewFilter } from '../api/store-repository';
import { StoreInternal } from './store-internal-tokens';
import type { StoreSnapshotCache } from './store-snapshot-cache';

@injectable()
export class SnapshotStoreRepository implements StoreRepository {
  constructor(@inject(StoreInternal.SnapshotCache) private readonly cache: StoreSnapshotCache) {}

  async listWebsites(options: { withAdmin?: boolean } = {}): Promise<Website[]> {
    const { websites } = await this.cache.current();
    return websites.filter((w) => options.withAdmin || w.id !== ADMIN_SCOPE_ID);
  }

  async listGroups(filter: { websiteId?: number; withAdmin?: boolean } = {}): Promise<StoreGroup[]> {
    const { groups } = await this.cache.current();
    return groups.filter((g) => (filter.withAdmin || g.id !== ADMIN_SCOPE_ID) && (filter.websiteId === undefined || g.websiteId === filter.websiteId));
  }

  async listStoreViews(filter: StoreViewFilter = {}): Promise<StoreView[]> {
    const { stores } = await this.cache.current();
    return stores.filter(
      (s) =>
        (filter.withAdmin || s.id !== ADMIN_SCOPE_ID) &&
        (filter.websiteId === undefined || s.websiteId === filter.websiteId) &&
        (filter.groupId === undefined || s.groupId === filter.groupId) &&
        (!filter.activeOnly || s.isActive),
    );
  }

  async getWebsite(code: string): Promise<Website | undefined> {
    return (await this.cache.current()).website(code);
  }

  async getWebsiteById(id: number): Promise<Website | undefined> {
    return (await this.cache.current()).websiteById(id);
  }

  async getGroup(code: string): Promise<StoreGroup | undefined> {
    return (await this.cache.current()).group(code);
  }

  async getGroupById(id: number): Promise<StoreGroup | undefined> {
    return (await this.cache.current()).groupById(id);
  }

  async getStoreView(code: string): Promise<StoreView | undefined> {
    return (await this.cache.current()).store(code);
  }

  async getStoreViewById(id: number): Promise<StoreView | undefined> {
    return (await this.cache.current()).storeById(id);
  }

  async getDefaultStoreView(): Promise<StoreView | undefined> {
    return (await this.cache.current()).defaultStore();
  }
}
