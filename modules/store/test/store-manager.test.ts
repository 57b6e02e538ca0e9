import type { TestApp } from '../../../app/testing/test-app';
import { recordQueries } from '../../../app/testing/query-recorder';
import { AlreadyExistsError, InputError, NoSuchEntityError } from '../../../app';
import { StoreApi, StoreTable, type StoreManager, type StoreRepository } from '../api';
import { failOnStoreSave, seenStoreEvents } from './fixtures/store-events/module';
import { createStoreTestApp } from './store-test-app';

describe('StoreManager and StoreRepository', () => {
  let app: TestApp;
  let manager: StoreManager;
  let stores: StoreRepository;

  beforeAll(async () => {
    app = await createStoreTestApp({ modules: ['Comptoir_Store', 'Fixture_StoreEvents'] });
    manager = app.get(StoreApi.StoreManager);
    stores = app.get(StoreApi.StoreRepository);
  });
  afterAll(() => app?.close());
  beforeEach(() => {
    seenStoreEvents.length = 0;
    failOnStoreSave.enabled = false;
  });

  it("seeds Magento's scopes: admin (id 0) and base / main_website_store / default (id 1)", async () => {
    const websites = await app.db.knex(StoreTable.website).orderBy('website_id');
    expect(websites.map((w) => [Number(w.website_id), w.code, Number(w.default_group_id), Boolean(Number(w.is_default))])).toEqual([
      [0, 'admin', 0, false],
      [1, 'base', 1, true],
    ]);
    const groups = await app.db.knex(StoreTable.group).orderBy('group_id');
    expect(groups.map((g) => [Number(g.group_id), g.code, Number(g.website_id), Number(g.root_category_id), Number(g.default_store_id)])).toEqual([
      [0, 'default', 0, 0, 0],
      [1, 'main_website_store', 1, 2, 1],
    ]);
    const views = await app.db.knex(StoreTable.store).orderBy('store_id');
    expect(views.map((s) => [Number(s.store_id), s.code, Number(s.website_id), Number(s.group_id), Boolean(Number(s.is_active))])).toEqual([
      [0, 'admin', 0, 0, true],
      [1, 'default', 1, 1, true],
    ]);
  });

  it('lists storefront scopes without the admin ones unless asked, and finds the default store view', async () => {
    expect((await stores.listWebsites()).map((w) => w.code)).toEqual(['base']);
    expect((await stores.listWebsites({ withAdmin: true })).map((w) => w.code)).toEqual(['admin', 'base']);
    expect((await stores.listGroups()).map((g) => g.code)).toEqual(['main_website_store']);
    expect((await stores.listStoreViews({ withAdmin: true })).map((s) => s.code)).toEqual(['admin', 'default']);
    expect(await stores.getDefaultStoreView()).toMatchObject({ id: 1, code: 'default', websiteId: 1, groupId: 1, isActive: true });
    expect(await stores.getStoreView('nope')).toBeUndefined();
  });

  it('creates a website, its first group (which becomes its default) and a store view, with new ids after the seeded ones', async () => {
    const website = await manager.createWebsite({ code: 'eu', name: 'Europe', settings: { currency: 'EUR', timezone: 'Europe/Berlin' } });
    expect(website).toEqual({ id: 2, code: 'eu', name: 'Europe', sortOrder: 0, defaultGroupId: 0, isDefault: false });
    const group = await manager.createGroup({ code: 'eu_store', name: 'Europe Store', website: 'eu' });
    expect(group).toMatchObject({ id: 2, websiteId: 2, rootCategoryId: 2, defaultStoreId: 0 });
    expect((await stores.getWebsite('eu'))?.defaultGroupId).toBe(2);
    const view = await manager.createStoreView({ code: 'de', name: 'Deutsch', website: 'eu', settings: { locale: 'de_DE' } });
    expect(view).toEqual({ id: 2, code: 'de', websiteId: 2, groupId: 2, name: 'Deutsch', sortOrder: 0, isActive: true });
    expect((await stores.getGroup('eu_store'))?.defaultStoreId).toBe(2);

    expect(await app.config.get('currency/options/base', { scope: 'websites', code: 'eu' })).toBe('EUR');
    expect(await app.config.getForStore('currency/options/base', 'de')).toBe('EUR');
    expect(await app.config.getForStore('general/locale/timezone', 'de')).toBe('Europe/Berlin');
    expect(await app.config.getForStore('general/locale/code', 'de')).toBe('de_DE');
    expect(await app.config.getForStore('general/locale/code', 'default')).toBe('en_US');

    expect(seenStoreEvents.map((e) => e.event)).toEqual([
      'store_website_save_after',
      'store_group_save_after',
      'store_website_save_after',
      'store_group_save_after',
      'store_save_after',
    ]);
    expect(seenStoreEvents[4].payload).toEqual({ store: view, isNew: true });
  });

  it('places a store view in the default group of the default website when no parent is named', async () => {
    const view = await manager.createStoreView({ code: 'fr', name: 'French', settings: { locale: 'fr_FR', currency: 'EUR', timezone: 'Europe/Paris' } });
    expect(view).toMatchObject({ websiteId: 1, groupId: 1, isActive: true });
    // The group already had a default view: it keeps it.
    expect((await stores.getGroup('main_website_store'))?.defaultStoreId).toBe(1);
    // A view only chooses how prices are shown; the website keeps its base currency, and EUR becomes allowed there.
    expect(await app.config.getForStore('currency/options/default', 'fr')).toBe('EUR');
    expect(await app.config.getForStore('currency/options/base', 'fr')).toBe('USD');
    expect(await app.config.getForStore('currency/options/allow', 'fr')).toEqual(expect.arrayContaining(['USD', 'EUR']));
  });

  it('refuses invalid codes and names, listing every problem', async () => {
    const attempt = manager.createStoreView({ code: 'Fr-FR', name: '  ', settings: { locale: 'french', timezone: 'Mars/Olympus', currency: 'EURO' } });
    await expect(attempt).rejects.toBeInstanceOf(InputError);
    await expect(attempt).rejects.toThrow(
      /code: "Fr-FR" is not a valid code.*name: a name is required.*settings\.locale: "french" is not a valid locale code.*settings\.timezone: "Mars\/Olympus" is not a valid IANA time zone.*settings\.currency: "EURO" is not an ISO 4217 currency code/,
    );
    await expect(manager.createWebsite({ code: '1st', name: 'First' })).rejects.toThrow(/"1st" is not a valid code/);
    await expect(manager.createWebsite({ code: 'a'.repeat(33), name: 'Long' })).rejects.toThrow(/is not a valid code/);
    await expect(manager.createStoreView({ code: 'it', name: 'Italiano', settings: { baseUrl: 'https://example.com/it' } })).rejects.toThrow(/must end with '\/'/);
    expect(await stores.getStoreView('it')).toBeUndefined();
  });

  it('refuses duplicate codes, unknown parents, mismatched parents and the admin scope', async () => {
    await expect(manager.createStoreView({ code: 'default', name: 'Again' })).rejects.toBeInstanceOf(AlreadyExistsError);
    await expect(manager.createWebsite({ code: 'base', name: 'Again' })).rejects.toThrow('A website with the code "base" already exists');
    await expect(manager.createGroup({ code: 'main_website_store', name: 'Again' })).rejects.toBeInstanceOf(AlreadyExistsError);
    await expect(manager.createStoreView({ code: 'es', name: 'Español', website: 'nowhere' })).rejects.toBeInstanceOf(NoSuchEntityError);
    await expect(manager.createStoreView({ code: 'es', name: 'Español', group: 'nowhere' })).rejects.toThrow('Store group "nowhere" does not exist');
    await expect(manager.createStoreView({ code: 'es', name: 'Español', website: 'base', group: 'eu_store' })).rejects.toThrow(
      'Store group "eu_store" belongs to website "eu", not "base"',
    );
    await expect(manager.createStoreView({ code: 'es', name: 'Español', website: 'admin' })).rejects.toThrow(/admin website/);
    await expect(manager.createGroup({ code: 'admin_two', name: 'Admin two', website: 'admin' })).rejects.toThrow(/admin website/);
    const empty = await manager.createWebsite({ code: 'empty', name: 'No groups yet' });
    await expect(manager.createStoreView({ code: 'es', name: 'Español', website: empty.code })).rejects.toThrow(/has no store group yet/);
    expect(seenStoreEvents.filter((e) => e.event === 'store_save_after')).toHaveLength(0);
  });

  it('rolls the whole creation back (row, config values) when an observer fails', async () => {
    failOnStoreSave.enabled = true;
    await expect(manager.createStoreView({ code: 'nl', name: 'Nederlands', settings: { locale: 'nl_NL' } })).rejects.toThrow('observer failure');
    expect(await stores.getStoreView('nl')).toBeUndefined();
    expect(await app.db.knex(StoreTable.store).where({ code: 'nl' })).toHaveLength(0);
    expect(await app.db.knex('core_config_data').where({ path: 'general/locale/code', value: 'nl_NL' })).toHaveLength(0);
    failOnStoreSave.enabled = false;
    expect(await manager.createStoreView({ code: 'nl', name: 'Nederlands', settings: { locale: 'nl_NL' } })).toMatchObject({ code: 'nl' });
  });

  it('deactivates and reactivates a view, but never the default view of a group', async () => {
    const off = await manager.deactivateStoreView('fr');
    expect(off.isActive).toBe(false);
    expect((await stores.listStoreViews({ websiteId: 1, activeOnly: true })).map((s) => s.code)).not.toContain('fr');
    expect(seenStoreEvents.at(-1)).toMatchObject({ event: 'store_save_after', payload: { isNew: false, store: { code: 'fr', isActive: false }, previous: { isActive: true } } });
    expect((await manager.activateStoreView('fr')).isActive).toBe(true);
    await expect(manager.deactivateStoreView('default')).rejects.toThrow(/default view of its store group/);
    await expect(manager.deactivateStoreView('admin')).rejects.toThrow(/admin store view/);
    await expect(manager.deactivateStoreView('missing')).rejects.toBeInstanceOf(NoSuchEntityError);
  });

  it('configures a store view idempotently: the same settings twice write nothing the second time', async () => {
    const settings = { locale: 'fr_FR', timezone: 'Europe/Paris', currency: 'EUR', secureBaseUrl: 'https://example.com/fr/' };
    await manager.configureStoreView('fr', settings);
    const { sql } = await recordQueries(app.db, () => manager.configureStoreView('fr', settings));
    const changes = sql.filter((q) => /^(insert|update|delete)/i.test(q) && q.includes('core_config_data'));
    expect(changes).toEqual([]);
    expect(await app.config.getForStore('web/secure/base_url', 'fr')).toBe('https://example.com/fr/');
  });
});
