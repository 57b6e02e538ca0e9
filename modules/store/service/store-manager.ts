import { inject, injectable } from 'inversify';
import { Kernel, type Database, type EventBus } from '../../../app';
import { AlreadyExistsError, InputError, NoSuchEntityError } from '../../../app';
import { ADMIN_SCOPE_ID, type StoreGroup, type StoreView, type Website } from '../api/store-entities';
import type { CreateStoreGroupInput, CreateStoreViewInput, CreateWebsiteInput, ScopeSettingsInput, StoreManager } from '../api/store-manager';
import { StoreInternal } from '../model/store-internal-tokens';
import type { StoreSnapshot } from '../model/store-snapshot';
import type { StoreSnapshotCache } from '../model/store-snapshot-cache';
import type { StoreWriter } from '../model/store-writer';
import type { ScopeSettingsWriter } from './scope-settings-writer';
import { parseInput, scopeCodeSchema, scopeSettingsSchema, storeGroupInputSchema, storeViewInputSchema, websiteInputSchema } from './store-input-schemas';
import { isUniqueViolation } from './unique-violation';

// Client-aware errors: shown as is by the CLI, and mapped to graphql-input / -no-such-entity / -already-exists (or 400/404/409) by the APIs.
const invalid = (message: string) => new InputError(message);
const notFound = (message: string) => new NoSuchEntityError(message);
const exists = (message: string) => new AlreadyExistsError(message);

@injectable()
export class DefaultStoreManager implements StoreManager {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.EventBus) private readonly events: EventBus,
    @inject(StoreInternal.SnapshotCache) private readonly cache: StoreSnapshotCache,
    @inject(StoreInternal.Writer) private readonly writer: StoreWriter,
    @inject(StoreInternal.SettingsWriter) private readonly settings: ScopeSettingsWriter,
  ) {}

  async createWebsite(input: CreateWebsiteInput): Promise<Website> {
    const data = parseInput(websiteInputSchema, input, 'website');
    return this.write(async (snapshot) => {
      if (snapshot.website(data.code)) throw exists(`A website with the code "${data.code}" already exists`);
      const id = await this.writer.insertWebsite({ code: data.code, name: data.name, sort_order: data.sortOrder });
      if (data.settings) await this.settings.apply('websites', data.code, data.settings);
      const website = (await this.cache.current()).websiteById(id)!;
      await this.events.dispatch('store_website_save_after', { website, isNew: true });
      return website;
    });
  }

  async createGroup(input: CreateStoreGroupInput): Promise<StoreGroup> {
    const data = parseInput(storeGroupInputSchema, input, 'store group');
    return this.write(async (snapshot) => {
      const website = data.website ? snapshot.website(data.website) : snapshot.defaultWebsite();
      if (!website) throw notFound(`Website "${data.website ?? '(default)'}" does not exist`);
      if (website.id === ADMIN_SCOPE_ID) throw invalid('Store groups cannot be added to the admin website');
      if (snapshot.group(data.code)) throw exists(`A store group with the code "${data.code}" already exists`);
      const rootCategoryId = data.rootCategoryId ?? inheritedRootCategory(snapshot, website);
      const id = await this.writer.insertGroup({ website_id: website.id, code: data.code, name: data.name, root_category_id: rootCategoryId });
      // A website's first group becomes its default one, so the website can serve requests at once (as Magento's admin does).
      const adoptsGroup = !snapshot.defaultGroupOf(website);
      if (adoptsGroup) await this.writer.setWebsiteDefaultGroup(website.id, id);
      const after = await this.cache.current();
      const group = after.groupById(id)!;
      await this.events.dispatch('store_group_save_after', { group, isNew: true });
      if (adoptsGroup) await this.events.dispatch('store_website_save_after', { website: after.websiteById(website.id)!, isNew: false });
      return group;
    });
  }

  async createStoreView(input: CreateStoreViewInput): Promise<StoreView> {
    const data = parseInput(storeViewInputSchema, input, 'store view');
    return this.write(async (snapshot) => {
      const { website, group } = placeStoreView(snapshot, data.website, data.group);
      if (snapshot.store(data.code)) throw exists(`A store view with the code "${data.code}" already exists`);
      const id = await this.writer.insertStore({
        code: data.code,
        website_id: website.id,
        group_id: group.id,
        name: data.name,
        sort_order: data.sortOrder,
        is_active: data.isActive,
      });
      const adoptsView = !snapshot.defaultStoreOf(group);
      if (adoptsView) await this.writer.setGroupDefaultStore(group.id, id);
      if (data.settings) await this.settings.apply('stores', data.code, data.settings);
      const after = await this.cache.current();
      const store = after.storeById(id)!;
      if (adoptsView) await this.events.dispatch('store_group_save_after', { group: after.groupById(group.id)!, isNew: false });
      await this.events.dispatch('store_save_after', { store, isNew: true });
      return store;
    });
  }

  async configureWebsite(code: string, settings: ScopeSettingsInput): Promise<void> {
    const data = parseInput(scopeSettingsSchema, settings, `settings for website "${code}"`);
    await this.write(async (snapshot) => {
      const website = snapshot.website(parseInput(scopeCodeSchema, code, 'website code'));
      if (!website) throw notFound(`Website "${code}" does not exist`);
      if (website.id === ADMIN_SCOPE_ID) throw invalid('The admin website has no settings of its own: use the default scope');
      await this.settings.apply('websites', website.code, data);
    });
  }

  async configureStoreView(code: string, settings: ScopeSettingsInput): Promise<void> {
    const data = parseInput(scopeSettingsSchema, settings, `settings for store view "${code}"`);
    await this.write(async (snapshot) => {
      const store = this.requireStorefrontView(snapshot, code);
      await this.settings.apply('stores', store.code, data);
    });
  }

  async activateStoreView(code: string): Promise<StoreView> {
    return this.setActive(code, true);
  }

  async deactivateStoreView(code: string): Promise<StoreView> {
    return this.setActive(code, false);
  }

  private async setActive(code: string, active: boolean): Promise<StoreView> {
    return this.write(async (snapshot) => {
      const previous = this.requireStorefrontView(snapshot, code);
      if (previous.isActive === active) return previous;
      // Magento refuses to disable a group's default view: requests routed to that group would have nowhere to land.
      const group = snapshot.groupById(previous.groupId);
      if (!active && group && snapshot.defaultStoreOf(group)?.id === previous.id) {
        throw invalid(`Store view "${code}" is the default view of its store group and cannot be deactivated; make another view the default first`);
      }
      await this.writer.setStoreActive(previous.id, active);
      const store = { ...previous, isActive: active };
      await this.events.dispatch('store_save_after', { store, isNew: false, previous });
      return store;
    });
  }

  private requireStorefrontView(snapshot: StoreSnapshot, code: string): StoreView {
    const store = snapshot.store(parseInput(scopeCodeSchema, code, 'store view code'));
    if (!store) throw notFound(`Store view "${code}" does not exist`);
    if (store.id === ADMIN_SCOPE_ID) throw invalid('The admin store view cannot be changed');
    return store;
  }

  /**
   * One transaction per change: rows, config values and the event (with its sync observers) commit or roll back together.
   * The snapshot handed to `work` is read inside the transaction; the shared one is dropped once the change is committed.
   */
  private async write<T>(work: (snapshot: StoreSnapshot) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(async () => {
        this.cache.changing();
        const result = await work(await this.cache.current());
        this.db.afterCommit(() => this.cache.reset());
        return result;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw exists('A website, store group or store view with this code was created at the same time; pick another code');
      throw err;
    } finally {
      this.cache.reset();
    }
  }
}

/** Resolves where a new store view goes: an explicit group (checked against the website, if one is named) or a website's default group. */
function placeStoreView(snapshot: StoreSnapshot, websiteCode: string | undefined, groupCode: string | undefined): { website: Website; group: StoreGroup } {
  const named = websiteCode ? snapshot.website(websiteCode) : undefined;
  if (websiteCode && !named) throw notFound(`Website "${websiteCode}" does not exist`);
  let group: StoreGroup | undefined;
  let website: Website | undefined;
  if (groupCode) {
    group = snapshot.group(groupCode);
    if (!group) throw notFound(`Store group "${groupCode}" does not exist`);
    website = snapshot.websiteById(group.websiteId);
    if (named && website && named.id !== website.id) {
      throw invalid(`Store group "${groupCode}" belongs to website "${website.code}", not "${named.code}"`);
    }
  } else {
    website = named ?? snapshot.defaultWebsite();
    if (!website) throw notFound('There is no default website');
    group = snapshot.defaultGroupOf(website);
    if (!group) throw invalid(`Website "${website.code}" has no store group yet: create one first (store:create --type group)`);
  }
  if (!website || website.id === ADMIN_SCOPE_ID || group.id === ADMIN_SCOPE_ID) throw invalid('Store views cannot be added to the admin website');
  return { website, group };
}

/** A new group shows the same catalog as the website's default group unless told otherwise. */
function inheritedRootCategory(snapshot: StoreSnapshot, website: Website): number {
  const fallback = snapshot.defaultWebsite();
  return snapshot.defaultGroupOf(website)?.rootCategoryId ?? (fallback && snapshot.defaultGroupOf(fallback)?.rootCategoryId) ?? 0;
}
