import { Command } from 'commander';
import type { Express } from 'express';
import type { CliContext } from '../../../app';
import { createHttpApp } from '../../../app/http/http-app';
import type { TestApp } from '../../../app/testing/test-app';
import { StoreApi } from '../../store/api';
import { CatalogApi, CatalogTable } from '../api';
import { registerCatalogReindex } from '../cli/catalog-reindex.command';
import { createCatalogTestApp, graphql, installSmallCatalog, uid, type SmallCatalog } from './catalog-test-app';

const LISTING = (category: number) =>
  `{ products(filter: { category_uid: { eq: "${uid(category)}" } }) { items { sku name stock_status image { url } price_range { maximum_price { final_price { value } } } ... on ConfigurableProduct { variants { product { sku } } } } } }`;

describe('The flat read model behind storefront listings', () => {
  let app: TestApp;
  let web: Express;
  let data: SmallCatalog;
  const documents = async (storeId?: number) =>
    Number(((await app.db.knex(CatalogTable.productFlat).modify((q) => (storeId ? q.where({ store_id: storeId }) : q)).count({ n: '*' }).first()) as { n: number | string }).n);

  beforeAll(async () => {
    app = await createCatalogTestApp();
    data = await installSmallCatalog(app);
    web = createHttpApp(app);
  });
  afterAll(() => app?.close());

  it('keeps one document per product and storefront view, rebuilt by every save, with live stock', async () => {
    expect(await documents(1)).toBe(8);
    expect(await documents(2)).toBe(8);
    await app.get(CatalogApi.ProductRepository).save({ sku: 'WT01', attributes: { name: 'Breathe Tee II' } });
    const listing = await graphql(web, LISTING(data.tops));
    expect(listing.body.data.products.items.map((p: { name: string }) => p.name)).toEqual(['Hero Hoodie', 'Breathe Tee II']);
    await app.get(CatalogApi.StockReservations).reserve([{ sku: 'WH01-M-Red', qty: 5 }], 'order-1');
    const after = await graphql(web, LISTING(data.tops));
    expect(after.body.data.products.items[0].price_range.maximum_price.final_price.value).toBe(52);
  });

  it('answers the same without documents (the EAV tables are the truth), and catalog:reindex rebuilds them', async () => {
    const before = (await graphql(web, LISTING(data.tops), { store: 'fr' })).body;
    await app.db.knex(CatalogTable.productFlat).delete();
    expect((await graphql(web, LISTING(data.tops), { store: 'fr' })).body).toEqual(before);
    const lines: string[] = [];
    const ctx: CliContext = { paths: { root: app.root, etc: '', var: '' }, boot: async () => app, out: (l) => void lines.push(l), progress: (label, done, total) => void lines.push(`[${done}/${total}] ${label}`) };
    const program = new Command('comptoir').exitOverride();
    registerCatalogReindex(program, ctx);
    await program.parseAsync(['catalog:reindex'], { from: 'user' });
    expect(lines).toContain('[2/4] Reindexing: flat product documents');
    expect(lines[lines.length - 1]).toBe('The catalog indexes were rebuilt.');
    expect(await documents()).toBe(16);
    expect((await graphql(web, LISTING(data.tops), { store: 'fr' })).body).toEqual(before);
  });

  it('gives a new store view its documents, and drops a deleted product\'s (and its parents\' links to it)', async () => {
    await app.get(StoreApi.StoreManager).createStoreView({ code: 'de', name: 'Deutsch' });
    const de = await app.get(StoreApi.StoreRepository).getStoreView('de');
    expect(await documents(de!.id)).toBe(8);
    await app.get(CatalogApi.ProductRepository).delete('WH01-S-Black');
    expect(await documents(1)).toBe(7);
    const listing = await graphql(web, LISTING(data.tops));
    expect(listing.body.data.products.items[0].variants.map((v: { product: { sku: string } }) => v.product.sku)).toEqual(['WH01-M-Black', 'WH01-S-Red', 'WH01-M-Red']);
  });
});
