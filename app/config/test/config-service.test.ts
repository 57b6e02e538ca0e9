import path from 'node:path';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { resolverUse, seenChanges } from './fixtures/config-fields/module';
import { CONFIG_TABLE } from '../config-service';

const moduleDirs = [path.join(__dirname, 'fixtures')];

describe('scoped configuration', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({
      moduleDirs,
      modules: ['Fixture_ConfigFields'],
      env: (env) => ({ ...env, system: { stores: { b2b: { general: { locale: { code: 'de_DE' } } } } } }),
    });
  });
  afterAll(() => app?.close());
  beforeEach(() => {
    seenChanges.length = 0;
    resolverUse.syncAnswers = true;
  });

  it('falls back store view > website > default > module default', async () => {
    const { config } = app;
    expect(await config.getForStore('general/locale/code', 'fr')).toBe('en_US');
    await config.set('general/locale/code', 'en_GB');
    expect(await config.getForStore('general/locale/code', 'fr')).toBe('en_GB');
    await config.set('general/locale/code', 'es_ES', { scope: 'websites', code: 'base' });
    expect(await config.getForStore('general/locale/code', 'fr')).toBe('es_ES');
    await config.set('general/locale/code', 'fr_FR', { scope: 'stores', code: 'fr' });
    expect(await config.getForStore('general/locale/code', 'fr')).toBe('fr_FR');
    expect(await config.getForStore('general/locale/code', 'default')).toBe('es_ES');
    expect(await config.get('general/locale/code')).toBe('en_GB');
    await config.delete('general/locale/code', { scope: 'stores', code: 'fr' });
    expect(await config.getForStore('general/locale/code', 'fr')).toBe('es_ES');
  });

  it('keeps answers per snapshot: a write shows at once, a transaction sees its own change before others do', async () => {
    const { config, db } = app;
    await config.set('catalog/frontend/grid_per_page', '12', { scope: 'websites', code: 'base' });
    const first = await config.resolve('catalog/frontend/grid_per_page', { scope: 'stores', code: 'fr' });
    expect(await config.resolve('catalog/frontend/grid_per_page', { scope: 'stores', code: 'fr' })).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    let inside: unknown;
    let outsideMeanwhile: unknown;
    await db.transaction(async () => {
      await config.set('catalog/frontend/grid_per_page', '36', { scope: 'websites', code: 'base' });
      inside = await config.getForStore('catalog/frontend/grid_per_page', 'fr');
      outsideMeanwhile = (first as { value: unknown }).value;
    });
    expect(inside).toBe(36);
    expect(outsideMeanwhile).toBe(12);
    expect(await config.getForStore('catalog/frontend/grid_per_page', 'fr')).toBe(36);
    expect(await config.getForStore('catalog/frontend/grid_per_page', 'default')).toBe(36);
  });

  it('answers a memoized value without waiting when the store view is at hand, and the same values when it is not', async () => {
    const { config, db } = app;
    const base = await config.get('general/locale/code');
    await config.set('general/locale/code', 'it_IT', { scope: 'websites', code: 'base' });
    await config.set('general/locale/code', 'fr_FR', { scope: 'stores', code: 'fr' });
    const read = async () => [await config.getForStore('general/locale/code', 'fr'), await config.getForStore('general/locale/code', 'default'), await config.getForStore('general/locale/code', 'b2b'), await config.get('general/locale/code')];
    expect(await read()).toEqual(['fr_FR', 'it_IT', 'de_DE', base]);
    // Warm: the memo answers, the resolver's synchronous copy gives the chain, getStore is not asked.
    resolverUse.getStore = 0;
    expect(await read()).toEqual(['fr_FR', 'it_IT', 'de_DE', base]);
    expect(resolverUse.getStore).toBe(0);
    // A resolver that cannot answer now: the asynchronous path gives the same answers.
    resolverUse.syncAnswers = false;
    expect(await read()).toEqual(['fr_FR', 'it_IT', 'de_DE', base]);
    expect(resolverUse.getStore).toBe(3);
    resolverUse.syncAnswers = true;
    // A transaction that changes configuration reads its own rows, not the memo; a write shows at once afterwards.
    await db.transaction(async () => {
      await config.set('general/locale/code', 'nl_NL', { scope: 'stores', code: 'fr' });
      expect(await config.getForStore('general/locale/code', 'fr')).toBe('nl_NL');
    });
    expect(await config.getForStore('general/locale/code', 'fr')).toBe('nl_NL');
    // Unknown paths and store views are still refused, as rejected promises.
    await expect(config.getForStore('no/such/path', 'fr')).rejects.toThrow();
    await expect(config.getForStore('general/locale/code', 'nowhere')).rejects.toMatchObject({ code: 'CONFIG_SCOPE_CODE' });
    await config.delete('general/locale/code', { scope: 'stores', code: 'fr' });
    await config.delete('general/locale/code', { scope: 'websites', code: 'base' });
  });

  it('answers several paths at once (getMany) as get answers each, warm or not, and refuses an unknown path among them', async () => {
    const { config, db } = app;
    const paths = ['general/locale/code', 'catalog/frontend/grid_per_page', 'checkout/options/guest_checkout'];
    await config.set('general/locale/code', 'pt_PT', { scope: 'stores', code: 'fr' });
    await config.set('catalog/frontend/grid_per_page', '24', { scope: 'websites', code: 'base' });
    const one = async (code: string) => Promise.all(paths.map((p) => config.getForStore(p, code)));
    for (const code of ['fr', 'default', 'b2b']) expect(await config.getManyForStore(paths, code)).toEqual(await one(code));
    expect(await config.getManyForStore(paths, 'fr')).toEqual(['pt_PT', 24, expect.any(Boolean)]);
    expect(await config.getMany(paths)).toEqual(await Promise.all(paths.map((p) => config.get(p))));
    // The store view not at hand: the asynchronous path, the same answers.
    resolverUse.syncAnswers = false;
    expect(await config.getManyForStore(paths, 'fr')).toEqual(['pt_PT', 24, expect.any(Boolean)]);
    resolverUse.syncAnswers = true;
    // A transaction sees its own change among the others.
    await db.transaction(async () => {
      await config.set('general/locale/code', 'nl_NL', { scope: 'stores', code: 'fr' });
      expect(await config.getManyForStore(paths, 'fr')).toEqual(['nl_NL', 24, expect.any(Boolean)]);
    });
    expect(await config.getManyForStore([], 'fr')).toEqual([]);
    await expect(config.getManyForStore(['general/locale/code', 'no/such/path'], 'fr')).rejects.toThrow(`The "no/such/path" path doesn't exist`);
    await expect(config.getManyForStore(paths, 'nowhere')).rejects.toMatchObject({ code: 'CONFIG_SCOPE_CODE' });
    await config.delete('general/locale/code', { scope: 'stores', code: 'fr' });
    await config.delete('catalog/frontend/grid_per_page', { scope: 'websites', code: 'base' });
  });

  it('keeps typed values (numbers, booleans) through text storage', async () => {
    await app.config.set('catalog/frontend/grid_per_page', '24', { scope: 'websites', code: 'base' });
    expect(await app.config.getForStore('catalog/frontend/grid_per_page', 'fr')).toBe(24);
    await app.config.set('checkout/options/guest_checkout', '0');
    expect(await app.config.get('checkout/options/guest_checkout')).toBe(false);
  });

  it('refuses invalid values, unknown paths, unknown scope codes and scopes a field does not allow', async () => {
    await expect(app.config.set('web/secure/base_url', 'not a url')).rejects.toThrow(/Invalid value for "web\/secure\/base_url"/);
    await expect(app.config.set('catalog/frontend/grid_per_page', '1000')).rejects.toThrow(/Invalid value/);
    await expect(app.config.set('nope/nope/nope', 'x')).rejects.toThrow(`The "nope/nope/nope" path doesn't exist`);
    await expect(app.config.set('general/locale/code', 'fr_FR', { scope: 'stores', code: 'xx' })).rejects.toThrow('Store view "xx" does not exist');
    await expect(app.config.set('catalog/frontend/grid_per_page', '10', { scope: 'stores', code: 'fr' })).rejects.toThrow(/cannot be set at the stores scope/);
    const rows = await app.db.knex(CONFIG_TABLE).where({ path: 'web/secure/base_url' });
    expect(rows).toHaveLength(0);
  });

  it('encrypts sensitive values at rest, masks them in output and in the change event', async () => {
    await app.config.set('payment/gateway/api_key', 'sk_live_supersecret');
    const row = await app.db.knex(CONFIG_TABLE).where({ path: 'payment/gateway/api_key' }).first();
    expect(row.value).toMatch(/^0:aes256gcm:/);
    expect(row.value).not.toContain('supersecret');
    expect(await app.config.get('payment/gateway/api_key')).toBe('sk_live_supersecret');
    const shown = await app.config.show({ scope: 'default' }, 'payment/');
    expect(shown).toEqual([expect.objectContaining({ path: 'payment/gateway/api_key', value: '******' })]);
    expect(seenChanges).toEqual([expect.objectContaining({ path: 'payment/gateway/api_key', oldValue: null, newValue: '******', sensitive: true })]);
  });

  it('dispatches config_save_after with scope, path, old and new value', async () => {
    await app.config.set('web/secure/base_url', 'https://shop.example/');
    await app.config.set('web/secure/base_url', 'https://shop.example/fr/', { scope: 'stores', code: 'fr' });
    await app.config.set('web/secure/base_url', 'https://boutique.example/', { scope: 'stores', code: 'fr' });
    expect(seenChanges.map(({ scope, scopeId, scopeCode, path: p, oldValue, newValue }) => ({ scope, scopeId, scopeCode, path: p, oldValue, newValue }))).toEqual([
      { scope: 'default', scopeId: 0, scopeCode: null, path: 'web/secure/base_url', oldValue: null, newValue: 'https://shop.example/' },
      { scope: 'stores', scopeId: 2, scopeCode: 'fr', path: 'web/secure/base_url', oldValue: null, newValue: 'https://shop.example/fr/' },
      { scope: 'stores', scopeId: 2, scopeCode: 'fr', path: 'web/secure/base_url', oldValue: 'https://shop.example/fr/', newValue: 'https://boutique.example/' },
    ]);
  });

  it('lets env/file values win and lock the field', async () => {
    expect(await app.config.getForStore('general/locale/code', 'b2b')).toBe('de_DE');
    await expect(app.config.set('general/locale/code', 'it_IT', { scope: 'stores', code: 'b2b' })).rejects.toThrow(/locked by env\/file configuration/);
    process.env.CONFIG__WEBSITES__PRO__CATALOG__FRONTEND__GRID_PER_PAGE = '48';
    app.config.clearCache(); // variables are read with the config snapshot
    try {
      expect(await app.config.getForStore('catalog/frontend/grid_per_page', 'b2b')).toBe(48);
      expect((await app.config.resolve('catalog/frontend/grid_per_page', { scope: 'websites', code: 'pro' })).source).toBe('env');
    } finally {
      delete process.env.CONFIG__WEBSITES__PRO__CATALOG__FRONTEND__GRID_PER_PAGE;
      app.config.clearCache();
    }
  });

  it('reports a stored value that no longer validates (edited by hand) instead of using it', async () => {
    await app.db.knex(CONFIG_TABLE).insert({ scope: 'stores', scope_id: 3, path: 'web/secure/base_url', value: 'ftp:/broken' });
    app.config.clearCache();
    await expect(app.config.getForStore('web/secure/base_url', 'b2b')).rejects.toThrow(/Stored value for "web\/secure\/base_url" at stores scope is invalid/);
    expect(await app.config.invalidStoredValues()).toEqual([expect.objectContaining({ scope: 'stores', scopeId: 3, path: 'web/secure/base_url' })]);
    await app.db.knex(CONFIG_TABLE).where({ scope: 'stores', scope_id: 3, path: 'web/secure/base_url' }).delete();
    app.config.clearCache();
  });

  it('rolls the value back when an observer of the change fails', async () => {
    await app.config.set('general/locale/code', 'nl_NL', { scope: 'stores', code: 'fr' });
    const bus = app.events;
    const original = bus.observers.syncObservers('config_save_after');
    original.push({ event: 'config_save_after', name: 'boom', module: 'Test', id: 'Test::boom', handler: () => { throw new Error('observer failed'); } });
    try {
      await expect(app.config.set('general/locale/code', 'pt_PT', { scope: 'stores', code: 'fr' })).rejects.toThrow('observer failed');
    } finally {
      original.pop();
    }
    expect(await app.config.getForStore('general/locale/code', 'fr')).toBe('nl_NL');
  });
});
