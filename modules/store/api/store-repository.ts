import type { StoreGroup, StoreView, Website } from './store-entities';

export interface StoreViewFilter {
  websiteId?: number;
  groupId?: number;
  activeOnly?: boolean;
  /** The admin store view (id 0) is left out unless asked for. */
  withAdmin?: boolean;
}

/**
 * Read side of the scope tree. Answers come from a snapshot of the three small store tables shared by the process and
 * re-read every few seconds (or at once after a change made here), so lookups cost no query on the hot path.
 */
export interface StoreRepository {
  listWebsites(options?: { withAdmin?: boolean }): Promise<Website[]>;
  listGroups(filter?: { websiteId?: number; withAdmin?: boolean }): Promise<StoreGroup[]>;
  /** Ordered as Magento lists them: by group, then sort order, then id. */
  listStoreViews(filter?: StoreViewFilter): Promise<StoreView[]>;
  getWebsite(code: string): Promise<Website | undefined>;
  getWebsiteById(id: number): Promise<Website | undefined>;
  getGroup(code: string): Promise<StoreGroup | undefined>;
  getGroupById(id: number): Promise<StoreGroup | undefined>;
  getStoreView(code: string): Promise<StoreView | undefined>;
  getStoreViewById(id: number): Promise<StoreView | undefined>;
  /** The default store view of the default group of the default website: what serves a request without a Store header. */
  getDefaultStoreView(): Promise<StoreView | undefined>;
}
