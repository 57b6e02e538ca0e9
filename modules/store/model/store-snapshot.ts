import { ADMIN_SCOPE_ID, type StoreGroup, type StoreView, type Website } from '../api/store-entities';

/** An immutable picture of the three store tables with lookups by id and code. */
export class StoreSnapshot {
  private readonly websitesById: Map<number, Website>;
  private readonly websitesByCode: Map<string, Website>;
  private readonly groupsById: Map<number, StoreGroup>;
  private readonly groupsByCode: Map<string, StoreGroup>;
  private readonly storesById: Map<number, StoreView>;
  private readonly storesByCode: Map<string, StoreView>;

  constructor(
    readonly websites: readonly Website[],
    readonly groups: readonly StoreGroup[],
    readonly stores: readonly StoreView[],
  ) {
    this.websitesById = new Map(websites.map((w) => [w.id, w]));
    this.websitesByCode = new Map(websites.map((w) => [w.code, w]));
    this.groupsById = new Map(groups.map((g) => [g.id, g]));
    this.groupsByCode = new Map(groups.map((g) => [g.code, g]));
    this.storesById = new Map(stores.map((s) => [s.id, s]));
    this.storesByCode = new Map(stores.map((s) => [s.code, s]));
  }

  website(code: string): Website | undefined {
    return this.websitesByCode.get(code);
  }

  websiteById(id: number): Website | undefined {
    return this.websitesById.get(id);
  }

  group(code: string): StoreGroup | undefined {
    return this.groupsByCode.get(code);
  }

  groupById(id: number): StoreGroup | undefined {
    return this.groupsById.get(id);
  }

  store(code: string): StoreView | undefined {
    return this.storesByCode.get(code);
  }

  storeById(id: number): StoreView | undefined {
    return this.storesById.get(id);
  }

  defaultWebsite(): Website | undefined {
    return this.websites.find((w) => w.isDefault);
  }

  /**
   * A website's default group. A default id of 0 means "none yet" (0 is also the admin group's id: only the admin website
   * really points at it).
   */
  defaultGroupOf(website: Website): StoreGroup | undefined {
    if (website.defaultGroupId === ADMIN_SCOPE_ID && website.id !== ADMIN_SCOPE_ID) return undefined;
    return this.groupById(website.defaultGroupId);
  }

  /** A group's default store view, with the same reading of 0 as defaultGroupOf. */
  defaultStoreOf(group: StoreGroup): StoreView | undefined {
    if (group.defaultStoreId === ADMIN_SCOPE_ID && group.id !== ADMIN_SCOPE_ID) return undefined;
    return this.storeById(group.defaultStoreId);
  }

  /** Default website → its default group → that group's default view; undefined if any link of the chain is missing. */
  defaultStore(): StoreView | undefined {
    const website = this.defaultWebsite();
    const group = website && this.defaultGroupOf(website);
    return group && this.defaultStoreOf(group);
  }
}
