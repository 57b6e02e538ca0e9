import type { TestApp } from '../../../app/testing/test-app';
import { recordQueries } from '../../../app/testing/query-recorder';
import { installSampleStores } from '../../../setup/sample-data/store';
import { StoreApi, StoreConfigPath as P, StoreTable } from '../api';
import { createStoreTestApp } from './store-test-app';

describe('sample store views (setup/sample-data/store.ts)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createStoreTestApp();
  });
  afterAll(() => app?.close());

  it('adds the French view to the default website and group, and keeps default on the module defaults', async () => {
    await installSampleStores(app);
    expect(await app.get(StoreApi.StoreRepository).getStoreView('fr')).toMatchObject({ name: 'French', websiteId: 1, groupId: 1, isActive: true });
    const fr = await app.get(StoreApi.StoreSettingsReader).forStoreView('fr');
    expect(fr).toMatchObject({ locale: 'fr_FR', timezone: 'Europe/Paris', defaultDisplayCurrencyCode: 'EUR', baseCurrencyCode: 'USD' });
    const byDefault = await app.get(StoreApi.StoreSettingsReader).forStoreView('default');
    expect(byDefault).toMatchObject({ locale: 'en_US', timezone: 'America/Los_Angeles', defaultDisplayCurrencyCode: 'USD', baseCurrencyCode: 'USD' });
  });

  it('can run again: nothing is duplicated and no config value is rewritten', async () => {
    const configRows = await app.db.knex('core_config_data').select('path', 'scope', 'scope_id', 'value').orderBy(['path', 'scope', 'scope_id']);
    const { sql } = await recordQueries(app.db, () => installSampleStores(app));
    const writes = sql.filter((q) => /^(insert|update|delete)/i.test(q));
    expect(writes).toEqual([]);
    expect(await app.db.knex(StoreTable.store).where({ code: 'fr' })).toHaveLength(1);
    expect(await app.db.knex('core_config_data').select('path', 'scope', 'scope_id', 'value').orderBy(['path', 'scope', 'scope_id'])).toEqual(configRows);
  });

  it('leaves what the merchant changed since in place', async () => {
    await app.config.set(P.LocaleCode, 'fr_CA', { scope: 'stores', code: 'fr' });
    await installSampleStores(app);
    expect(await app.config.getForStore(P.LocaleCode, 'fr')).toBe('fr_CA');
  });
});
