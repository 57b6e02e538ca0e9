import type { Express } from 'express';
import { createHttpApp } from '../../../app/http/http-app';
import type { TestApp } from '../../../app/testing/test-app';
import { CatalogApi } from '../api';
import { createCatalogTestApp, graphql, installSmallCatalog } from './catalog-test-app';
import { externalEngine } from './fixtures/external-search/module';

const search = async (web: Express, text: string, store?: string, extra = '') => {
  const res = await graphql(web, `query ($text: String) { products(search: $text${extra}) { total_count items { sku } } }`, { store, variables: { text } });
  expect(res.body.errors).toBeUndefined();
  return res.body.data.products.items.map((p: { sku: string }) => p.sku);
};

describe('Full-text search (SQLite FTS5 / MariaDB FULLTEXT) behind the SearchAdapter', () => {
  let app: TestApp;
  let web: Express;

  beforeAll(async () => {
    app = await createCatalogTestApp();
    await installSmallCatalog(app);
    await app.get(CatalogApi.ProductRepository).saveMany([
      { input: { sku: 'RJ01', price: 9900, attributes: { name: 'Storm Rain Jacket', description: 'A waterproof jacket for stormy days, with a hood.' }, stock: { qty: 5 } } },
      { input: { sku: 'RJ02', price: 4900, attributes: { name: 'Packable Windbreaker', description: 'Folds into its pocket. Not a rain jacket, but close.' }, stock: { qty: 5 } } },
      { input: { sku: 'RJ02', attributes: { name: 'Coupe-vent compressible', description: 'Se range dans sa poche.' } }, storeId: 2 },
      { input: { sku: 'ZZ-QUARTZ-77', price: 1000, attributes: { name: 'Mystery Box' }, stock: { qty: 5 } } },
    ]);
    web = createHttpApp(app);
  });
  afterAll(() => app?.close());

  it('ranks matches in the name above matches in the description', async () => {
    expect(await search(web, 'rain jacket')).toEqual(['RJ01', 'RJ02']);
    expect(await search(web, 'windbreaker')).toEqual(['RJ02']);
  });

  it('searches the sku, the descriptions and option labels, in the store view\'s language', async () => {
    expect(await search(web, 'ZZ-QUARTZ-77')).toEqual(['ZZ-QUARTZ-77']);
    expect(await search(web, 'waterproof')).toEqual(['RJ01']);
    expect(await search(web, 'coupe-vent', 'fr')).toEqual(['RJ02']);
    expect(await search(web, 'coupe-vent')).toEqual([]);
    expect(await search(web, 'respire', 'fr')).toEqual(['WT01']);
    // The hoodie's variants come in red: its document carries its children's colors.
    expect(await search(web, 'rouge', 'fr')).toEqual(['WH01']);
  });

  it('combines a search with filters and other sort orders, and finds nothing for nothing', async () => {
    expect(await search(web, 'jacket', undefined, ', filter: { price: { to: "50" } }')).toEqual(['RJ02']);
    expect(await search(web, 'jacket', undefined, ', sort: { price: ASC }')).toEqual(['RJ02', 'RJ01']);
    expect(await search(web, '***')).toEqual([]);
    expect(await search(web, 'nothing-matches-this')).toEqual([]);
  });

  it('follows product saves and deletes: renamed, disabled and deleted products leave the index', async () => {
    const products = app.get(CatalogApi.ProductRepository);
    await products.save({ sku: 'RJ01', attributes: { name: 'Storm Shell' } });
    expect(await search(web, 'shell')).toEqual(['RJ01']);
    await products.save({ sku: 'RJ01', status: 2 });
    expect(await search(web, 'shell')).toEqual([]);
    await products.save({ sku: 'RJ01', status: 1 });
    expect(await search(web, 'shell')).toEqual(['RJ01']);
    await products.delete('RJ01');
    expect(await search(web, 'shell')).toEqual([]);
  });
});

describe('An external search engine replacing the built-in one by DI preference', () => {
  let app: TestApp;
  let web: Express;

  beforeAll(async () => {
    app = await createCatalogTestApp({ modules: ['Test_ExternalSearch'] });
    await installSmallCatalog(app);
    web = createHttpApp(app);
  });
  afterAll(() => app?.close());

  it('is bound to CatalogApi.SearchAdapter, indexed by every save and asked by products(search:)', async () => {
    expect(app.get(CatalogApi.SearchAdapter).constructor.name).toBe('InMemorySearchAdapter');
    const tee = await app.get(CatalogApi.ProductRepository).get('WT01');
    expect(externalEngine.indexed).toContain(tee.id);
    expect(await search(web, 'hoodie')).toEqual(['WH01']);
    expect(await search(web, 'respire', 'fr')).toEqual(['WT01']);
    expect(externalEngine.queries).toEqual([{ text: 'hoodie', storeId: 1 }, { text: 'respire', storeId: 2 }]);
    await app.get(CatalogApi.ProductRepository).delete('WP01');
    expect(externalEngine.removed).toHaveLength(1);
  });
});
