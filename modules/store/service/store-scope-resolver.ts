import { inject, injectable } from 'inversify';
import type { ScopeResolver, StoreScope } from '../../../app';
import type { StoreView } from '../api/store-entities';
import { StoreInternal } from '../model/store-internal-tokens';
import type { StoreSnapshotCache } from '../model/store-snapshot-cache';
import type { StoreSnapshot } from '../model/store-snapshot';

/**
 * The kernel's ScopeResolver backed by the store tables (bound by preference over the kernel's admin-only default), so that
 * config fallback, the Store header and REST scopes all see the real websites and store views.
 */
@injectable()
export class StoreScopeResolver implements ScopeResolver {
  constructor(@inject(StoreInternal.SnapshotCache) private readonly cache: StoreSnapshotCache) {}

  async getStore(code?: string | null): Promise<StoreScope | undefined> {
    return this.storeNow(code) ?? this.storeIn(await this.cache.current(), code);
  }

  /** The same StoreScope object for a code while the snapshot holds (callers such as the config service key memos on it). */
  storeNow(code?: string | null): StoreScope | undefined {
    const snapshot = this.cache.peek();
    return snapshot && this.storeIn(snapshot, code);
  }

  /** The snapshot's store view for `code` (the default one without), one frozen object per code and snapshot. */
  private storeIn(snapshot: StoreSnapshot, code?: string | null): StoreScope | undefined {
    let scopes = this.scopesBySnapshot.get(snapshot);
    if (!scopes) this.scopesBySnapshot.set(snapshot, (scopes = new Map()));
    const key = code ?? '';
    let scope = scopes.get(key);
    if (scope) return scope;
    const store = code ? snapshot.store(code) : snapshot.defaultStore();
    scope = store && toScope(snapshot, store);
    // Unknown codes are not remembered: a request may name anything.
    if (scope) scopes.set(key, (scope = Object.freeze(scope)));
    return scope;
  }

  private readonly scopesBySnapshot = new WeakMap<StoreSnapshot, Map<string, StoreScope>>();

  async getStoreById(id: number): Promise<StoreScope | undefined> {
    const snapshot = this.cache.peek() ?? (await this.cache.current());
    const store = snapshot.storeById(id);
    return store && toScope(snapshot, store);
  }

  async getWebsite(code: string): Promise<{ websiteId: number; websiteCode: string } | undefined> {
    const website = (await this.cache.current()).website(code);
    return website && { websiteId: website.id, websiteCode: website.code };
  }

  async getWebsiteById(id: number): Promise<{ websiteId: number; websiteCode: string } | undefined> {
    const website = (await this.cache.current()).websiteById(id);
    return website && { websiteId: website.id, websiteCode: website.code };
  }

  reset(): void {
    this.cache.reset();
  }
}

function toScope(snapshot: StoreSnapshot, store: StoreView): StoreScope | undefined {
  const website = snapshot.websiteById(store.websiteId);
  if (!website) return undefined;
  return { storeId: store.id, storeCode: store.code, websiteId: website.id, websiteCode: website.code, groupId: store.groupId, isActive: store.isActive };
}
