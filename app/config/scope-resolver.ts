/** A resolved store view with its website: the scope chain config falls back along. */
export interface StoreScope {
  storeId: number;
  storeCode: string;
  websiteId: number;
  websiteCode: string;
  groupId: number;
  isActive: boolean;
}

/**
 * Maps scope codes to ids. The kernel knows only the default scope; the store module provides the real resolver by preference.
 */
export interface ScopeResolver {
  /** The store view for a code, or the default store view when code is omitted; undefined when unknown. */
  getStore(code?: string | null): Promise<StoreScope | undefined>;
  /**
   * The store view getStore would answer, when the resolver has it at hand without waiting (a cached copy that is fresh and
   * that the current transaction does not change); undefined when it cannot tell now or knows no such store view (callers
   * then ask getStore). The same object for a code while the resolver's copy holds (the config service keys its memo on it).
   * Optional: for hot synchronous paths such as the config service's memoized answers.
   */
  storeNow?(code?: string | null): StoreScope | undefined;
  getStoreById(id: number): Promise<StoreScope | undefined>;
  getWebsite(code: string): Promise<{ websiteId: number; websiteCode: string } | undefined>;
  getWebsiteById(id: number): Promise<{ websiteId: number; websiteCode: string } | undefined>;
  /** Drops any cached scope data (after a store or website changes). */
  reset(): void;
}

/** The one scope the kernel knows; always the same object, as storeNow promises while nothing changes. */
const ADMIN_SCOPE: StoreScope = Object.freeze({ storeId: 0, storeCode: 'admin', websiteId: 0, websiteCode: 'admin', groupId: 0, isActive: true });

export class DefaultScopeResolver implements ScopeResolver {
  async getStore(code?: string | null): Promise<StoreScope | undefined> {
    return this.storeNow(code);
  }
  storeNow(code?: string | null): StoreScope | undefined {
    if (code && code !== 'default' && code !== 'admin') return undefined;
    return ADMIN_SCOPE;
  }
  async getStoreById(id: number): Promise<StoreScope | undefined> {
    return id === 0 ? this.getStore() : undefined;
  }
  async getWebsite(code: string) {
    return code === 'admin' ? { websiteId: 0, websiteCode: 'admin' } : undefined;
  }
  async getWebsiteById(id: number) {
    return id === 0 ? { websiteId: 0, websiteCode: 'admin' } : undefined;
  }
  reset(): void {}
}
