import request from 'supertest';
import type { Express } from 'express';
import { createHttpApp } from '../../../app/http/http-app';
import type { TestApp } from '../../../app/testing/test-app';
import { recordQueries } from '../../../app/testing/query-recorder';
import { StoreApi, StoreConfigPath as P } from '../api';
import { createStoreTestApp } from './store-test-app';

const STORE_CONFIG_FIELDS = `
  id code store_code store_name store_sort_order is_default_store store_group_code store_group_name is_default_store_group
  website_id website_code website_name locale base_currency_code default_display_currency_code timezone weight_unit
  base_url base_link_url base_static_url base_media_url secure_base_url secure_base_link_url secure_base_static_url secure_base_media_url
  use_store_in_url`;

describe('storeConfig and availableStores over HTTP', () => {
  let app: TestApp;
  let web: Express;

  const post = (query: string, store?: string) => {
    const call = request(web).post('/graphql').set('Content-Type', 'application/json');
    if (store !== undefined) call.set('Store', store);
    return call.send({ query });
  };

  beforeAll(async () => {
    app = await createStoreTestApp({ install: { baseUrlSecure: 'https://shop.example.com/', baseUrl: 'https://shop.example.com/' } });
    const manager = app.get(StoreApi.StoreManager);
    await manager.createStoreView({
      code: 'fr',
      name: 'French',
      sortOrder: 10,
      settings: { locale: 'fr_FR', currency: 'EUR', timezone: 'Europe/Paris', secureBaseUrl: 'https://shop.example.com/fr/', baseMediaUrl: 'https://cdn.example.com/media/' },
    });
    await manager.createStoreView({ code: 'closed', name: 'Closed', isActive: false });
    await manager.createWebsite({ code: 'eu', name: 'Europe' });
    await manager.createGroup({ code: 'eu_store', name: 'Europe Store', website: 'eu' });
    await manager.createStoreView({ code: 'de', name: 'Deutsch', website: 'eu' });
    await manager.createGroup({ code: 'outlet', name: 'Outlet', website: 'base' });
    await manager.createStoreView({ code: 'outlet_en', name: 'Outlet English', group: 'outlet' });
    web = createHttpApp(app);
  });
  afterAll(() => app?.close());

  it('returns the default store view without a Store header, with derived link, static and media URLs', async () => {
    const res = await post(`{ storeConfig { ${STORE_CONFIG_FIELDS} } }`);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.storeConfig).toEqual({
      id: 1,
      code: 'default',
      store_code: 'default',
      store_name: 'Default Store View',
      store_sort_order: 0,
      is_default_store: true,
      store_group_code: 'main_website_store',
      store_group_name: 'Main Website Store',
      is_default_store_group: true,
      website_id: 1,
      website_code: 'base',
      website_name: 'Main Website',
      locale: 'en_US',
      base_currency_code: 'USD',
      default_display_currency_code: 'USD',
      timezone: 'America/Los_Angeles',
      weight_unit: 'lbs',
      base_url: 'https://shop.example.com/',
      base_link_url: 'https://shop.example.com/',
      base_static_url: 'https://shop.example.com/static/',
      base_media_url: 'https://shop.example.com/media/',
      secure_base_url: 'https://shop.example.com/',
      secure_base_link_url: 'https://shop.example.com/',
      secure_base_static_url: 'https://shop.example.com/static/',
      secure_base_media_url: 'https://shop.example.com/media/',
      use_store_in_url: false,
    });
  });

  it('returns the store view named by the Store header, with its own settings and the fallback for the rest', async () => {
    const res = await post(`{ storeConfig { ${STORE_CONFIG_FIELDS} } }`, 'fr');
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.storeConfig).toMatchObject({
      id: 2,
      store_code: 'fr',
      store_name: 'French',
      store_sort_order: 10,
      is_default_store: false,
      store_group_code: 'main_website_store',
      website_code: 'base',
      locale: 'fr_FR',
      base_currency_code: 'USD',
      default_display_currency_code: 'EUR',
      timezone: 'Europe/Paris',
      base_url: 'https://shop.example.com/',
      base_media_url: 'https://cdn.example.com/media/',
      secure_base_url: 'https://shop.example.com/fr/',
      secure_base_link_url: 'https://shop.example.com/fr/',
      secure_base_media_url: 'https://shop.example.com/fr/media/',
    });
  });

  it('refuses an unknown, inactive or admin Store header with graphql-input "Requested store is not found"', async () => {
    for (const code of ['nope', 'closed', 'admin']) {
      const res = await post('{ storeConfig { store_code } }', code);
      expect(res.body.errors).toEqual([expect.objectContaining({ message: 'Requested store is not found', extensions: expect.objectContaining({ category: 'graphql-input' }) })]);
    }
  });

  it('lists the active store views of the current website, or of the current group only', async () => {
    const all = await post('{ availableStores { store_code store_group_code is_default_store is_default_store_group locale } }');
    expect(all.body.errors).toBeUndefined();
    expect(all.body.data.availableStores).toEqual([
      { store_code: 'default', store_group_code: 'main_website_store', is_default_store: true, is_default_store_group: true, locale: 'en_US' },
      { store_code: 'fr', store_group_code: 'main_website_store', is_default_store: false, is_default_store_group: true, locale: 'fr_FR' },
      { store_code: 'outlet_en', store_group_code: 'outlet', is_default_store: true, is_default_store_group: false, locale: 'en_US' },
    ]);
    const group = await post('{ availableStores(useCurrentGroup: true) { store_code } }', 'fr');
    expect(group.body.data.availableStores).toEqual([{ store_code: 'default' }, { store_code: 'fr' }]);
    const outlet = await post('{ availableStores(useCurrentGroup: true) { store_code } }', 'outlet_en');
    expect(outlet.body.data.availableStores).toEqual([{ store_code: 'outlet_en' }]);
    const europe = await post('{ availableStores(useCurrentGroup: false) { store_code website_code } }', 'de');
    expect(europe.body.data.availableStores).toEqual([{ store_code: 'de', website_code: 'eu' }]);
  });

  it('answers storeConfig and availableStores together without querying the database once its snapshots are warm', async () => {
    const query = `{ storeConfig { store_code locale } availableStores { ${STORE_CONFIG_FIELDS} } }`;
    await post(query, 'fr');
    const { sql: statements, result: res } = await recordQueries(app.db, () => post(query, 'fr'));
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.availableStores).toHaveLength(3);
    expect(statements).toEqual([]);
  });

  it('shows a config change made in this process on the next request', async () => {
    await app.config.set(P.WeightUnit, 'kgs', { scope: 'stores', code: 'fr' });
    const res = await post('{ storeConfig { weight_unit } }', 'fr');
    expect(res.body.data.storeConfig).toEqual({ weight_unit: 'kgs' });
  });
});
