import { Kernel } from '../../../app';
import type { TestApp } from '../../../app/testing/test-app';
import { recordQueries } from '../../../app/testing/query-recorder';
import { StoreApi, StoreConfigPath as P, StoreTable } from '../api';
import { StoreSnapshotCache } from '../model/store-snapshot-cache';
import { StoreInternal } from '../model/store-internal-tokens';
import { StoreScopeResolver } from '../service/store-scope-resolver';
import { createStoreTestApp } from './store-test-app';

describe('StoreScopeResolver (preference for Kernel.ScopeResolver)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createStoreTestApp();
  });
  afterAll(() => app?.close());
  afterEach(() => jest.restoreAllMocks());

  it('replaces the kernel resolver', () => {
    expect(app.get(Kernel.ScopeResolver)).toBeInstanceOf(StoreScopeResolver);
  });

  it('resolves the default store view when no code is given, and every seeded scope by code and id', async () => {
    const scopes = app.get(Kernel.ScopeResolver);
    const defaultScope = { storeId: 1, storeCode: 'default', websiteId: 1, websiteCode: 'base', groupId: 1, isActive: true };
    expect(await scopes.getStore()).toEqual(defaultScope);
    expect(await scopes.getStore(null)).toEqual(defaultScope);
    expect(await scopes.getStore('default')).toEqual(defaultScope);
    expect(await scopes.getStoreById(1)).toEqual(defaultScope);
    expect(await scopes.getStore('admin')).toEqual({ storeId: 0, storeCode: 'admin', websiteId: 0, websiteCode: 'admin', groupId: 0, isActive: true });
    expect(await scopes.getStore('fr')).toBeUndefined();
    expect(await scopes.getWebsite('base')).toEqual({ websiteId: 1, websiteCode: 'base' });
    expect(await scopes.getWebsiteById(0)).toEqual({ websiteId: 0, websiteCode: 'admin' });
    expect(await scopes.getWebsite('nope')).toBeUndefined();
  });

  it('lets config fall back store view > website > default > module default for a store view created later', async () => {
    await app.get(StoreApi.StoreManager).createStoreView({ code: 'fr', name: 'French' });
    const { config } = app;
    expect(await config.getForStore(P.LocaleCode, 'fr')).toBe('en_US');
    await config.set(P.LocaleCode, 'en_GB');
    expect(await config.getForStore(P.LocaleCode, 'fr')).toBe('en_GB');
    await config.set(P.LocaleCode, 'es_ES', { scope: 'websites', code: 'base' });
    expect(await config.getForStore(P.LocaleCode, 'fr')).toBe('es_ES');
    await config.set(P.LocaleCode, 'fr_FR', { scope: 'stores', code: 'fr' });
    expect(await config.getForStore(P.LocaleCode, 'fr')).toBe('fr_FR');
    expect(await config.getForStore(P.LocaleCode, 'default')).toBe('es_ES');
    expect(await config.get(P.LocaleCode)).toBe('en_GB');
    await config.delete(P.LocaleCode, { scope: 'stores', code: 'fr' });
    expect(await config.getForStore(P.LocaleCode, 'fr')).toBe('es_ES');
    await expect(config.set(P.LocaleCode, 'fr_FR', { scope: 'stores', code: 'missing' })).rejects.toThrow('Store view "missing" does not exist');
  });

  it('serves lookups from memory, and sees rows written by another process after a reset or once the snapshot expires', async () => {
    const scopes = app.get(Kernel.ScopeResolver);
    await scopes.getStore('default');
    const { sql: queries } = await recordQueries(app.db, async () => {
      await scopes.getStore('default');
      await scopes.getWebsite('base');
    });
    expect(queries).toEqual([]);

    // What another node (or the CLI) would do: a row this process did not write.
    await app.db.knex(StoreTable.store).insert({ code: 'outside', website_id: 1, group_id: 1, name: 'Outside', sort_order: 0, is_active: true });
    expect(await scopes.getStore('outside')).toBeUndefined();
    const later = Date.now() + StoreSnapshotCache.TTL_MS + 1;
    jest.spyOn(Date, 'now').mockReturnValue(later);
    expect(await scopes.getStore('outside')).toMatchObject({ storeCode: 'outside', websiteCode: 'base' });

    await app.db.knex(StoreTable.store).where({ code: 'outside' }).update({ is_active: false });
    scopes.reset();
    expect(await scopes.getStore('outside')).toMatchObject({ isActive: false });
  });

  it('answers storeNow from a fresh copy only: undefined before a load, after a reset, once expired and in a transaction that changes the stores', async () => {
    const scopes = app.get(Kernel.ScopeResolver);
    const cache = app.get(StoreInternal.SnapshotCache);
    scopes.reset();
    expect(scopes.storeNow?.('default')).toBeUndefined();
    await scopes.getStore('default');
    expect(scopes.storeNow?.('default')).toEqual(await scopes.getStore('default'));
    expect(scopes.storeNow?.()).toMatchObject({ storeCode: 'default', websiteCode: 'base' });
    expect(scopes.storeNow?.('nowhere')).toBeUndefined();
    // The same object while the snapshot holds (the config service keys its memo on it), a new one after a reset.
    const same = scopes.storeNow?.('default');
    expect(scopes.storeNow?.('default')).toBe(same);
    scopes.reset();
    await scopes.getStore('default');
    expect(scopes.storeNow?.('default')).not.toBe(same);
    expect(scopes.storeNow?.('default')).toEqual(same);
    await app.db.transaction(async () => {
      expect(scopes.storeNow?.('default')).toMatchObject({ storeCode: 'default' });
      cache.changing();
      expect(scopes.storeNow?.('default')).toBeUndefined();
    });
    const later = Date.now() + StoreSnapshotCache.TTL_MS + 1;
    jest.spyOn(Date, 'now').mockReturnValue(later);
    expect(scopes.storeNow?.('default')).toBeUndefined();
    expect(await scopes.getStore('default')).toMatchObject({ storeCode: 'default' });
    expect(scopes.storeNow?.('default')).toMatchObject({ storeCode: 'default' });
  });
});
