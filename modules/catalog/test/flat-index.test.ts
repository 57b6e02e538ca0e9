import { Command } from 'commander';
import type { Express } from 'express';
import type { CliContext } from '../../../app';
import { createHttpApp } from '../../../app/http/http-app';
import { recordQueries } from '../../../app/testing/query-recorder';
import type { TestApp } from '../../../app/testing/test-app';
import { StoreApi } from '../../store/api';
import { CatalogApi, CatalogTable } from '../api';
import { registerCatalogReindex } from '../cli/catalog-reindex.command';
import { CatalogInternal } from '../model/catalog-internal-tokens';
import { flatDataHash } from '../model/flat-data-hash';
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

  it('keeps parsed documents between requests but answers what the database holds now, whoever changed it', async () => {
    const flat = app.get(CatalogInternal.FlatIndex);
    const id = Number(((await app.db.knex(CatalogTable.product).where({ sku: 'WT01' }).first('entity_id')) as { entity_id: number }).entity_id);
    const first = (await flat.load([id], 1)).get(id)!;
    const second = (await flat.load([id], 1)).get(id)!;
    // One parsed document, shared and frozen; each read gets its own product object with the stock it just read.
    expect(second.core).not.toBe(first.core);
    expect(second.core.attributes).toBe(first.core.attributes);
    expect(Object.isFrozen(first.core.attributes)).toBe(true);
    expect(() => {
      (first.core.attributes as Record<string, unknown>).name = 'mutated';
    }).toThrow(TypeError);

    // Another process rewrites the document (its own save or reindex): the digest changed, so this one parses it again.
    const row = (await app.db.knex(CatalogTable.productFlat).where({ entity_id: id, store_id: 1 }).first('data')) as { data: string };
    const changed = JSON.stringify({ ...JSON.parse(row.data), name: 'Renamed elsewhere' });
    await app.db.knex(CatalogTable.productFlat).where({ entity_id: id, store_id: 1 }).update({ data: changed, data_hash: flatDataHash(changed) });
    expect((await graphql(web, `{ products(filter: { sku: { eq: "WT01" } }) { items { name } } }`)).body.data.products.items[0].name).toBe('Renamed elsewhere');

    // Same digest, same document: what was parsed is used (proof that the kept copy serves the read).
    await app.db.knex(CatalogTable.productFlat).where({ entity_id: id, store_id: 1 }).update({ data: JSON.stringify({ ...JSON.parse(changed), name: 'Not parsed' }) });
    expect((await flat.load([id], 1)).get(id)!.core.name).toBe('Renamed elsewhere');

    // A row without a digest (written before it existed) is parsed each time, never kept.
    await app.db.knex(CatalogTable.productFlat).where({ entity_id: id, store_id: 1 }).update({ data_hash: null });
    expect((await flat.load([id], 1)).get(id)!.core.name).toBe('Not parsed');

    // The live stock comes with every read.
    await app.get(CatalogApi.StockRegistry).updateStockItem('WT01', { qty: 3, isInStock: true });
    expect((await flat.load([id], 1)).get(id)!.core.stock).toMatchObject({ qty: 3, isInStock: true });
    await app.get(CatalogApi.ProductRepository).save({ sku: 'WT01', attributes: { name: 'Breathe Tee III' } });
    expect((await flat.load([id], 1)).get(id)!.core.name).toBe('Breathe Tee III');
  });

  it('serves a configurable\'s options worked out once while nothing they depend on changed, and follows every change', async () => {
    const OPTIONS = `{ products(filter: { sku: { eq: "WH01" } }) { items { ... on ConfigurableProduct { configurable_options { attribute_code label values { label } } } } } }`;
    const options = async (store?: string) => (await graphql(web, OPTIONS, store ? { store } : {})).body.data.products.items[0].configurable_options;
    const colors = async (store?: string) => (await options(store)).find((o: { attribute_code: string }) => o.attribute_code === 'color').values.map((v: { label: string }) => v.label);
    expect(await colors()).toEqual(['Black', 'Red']);
    // Twice the very same answer (kept), each store view its own labels.
    expect(await options()).toEqual(await options());
    expect(await colors('fr')).not.toEqual(await colors());
    // A child moved to a new color: the option values follow at once.
    await app.get(CatalogApi.AttributeRepository).addOptions('color', [{ label: 'Green' }]);
    await app.get(CatalogApi.ProductRepository).save({ sku: 'WH01-M-Red', attributes: { color: 'Green' } });
    expect(await colors()).toEqual(['Black', 'Green', 'Red']);
  });

  it('reads products for a store view without category links (a cart\'s totals) from the documents, as the attribute tables hold them', async () => {
    const repository = app.get(CatalogApi.ProductRepository);
    const ids = ((await app.db.knex(CatalogTable.product).orderBy('entity_id').pluck('entity_id')) as number[]).map(Number);
    const fr = (await app.get(StoreApi.StoreRepository).getStoreView('fr'))!.id;
    await app.get(CatalogApi.StockReservations).reserve([{ sku: 'WT01', qty: 2 }], 'order-flat-read');
    for (const storeId of [1, fr]) {
      for (const parts of [{ categoryLinks: false }, { media: false, categoryLinks: false }]) {
        const { sql, result: fromDocuments } = await recordQueries(app.db, () => repository.getMany([...ids, 999_999], storeId, parts));
        expect(sql.some((q) => q.includes(CatalogTable.productFlat))).toBe(true);
        expect(sql.some((q) => q.includes('catalog_product_entity_varchar'))).toBe(false);
        // The attribute tables' answer, with the category links dropped as asked.
        const fromTables = await repository.getMany(ids, storeId, { ...parts, categoryLinks: true });
        expect([...fromDocuments.keys()]).toEqual(ids);
        for (const id of ids) expect(fromDocuments.get(id)).toEqual({ ...fromTables.get(id), categoryLinks: [] });
      }
    }
    // A product without a document yet is read from the attribute tables.
    const tee = ids[0];
    await app.db.knex(CatalogTable.productFlat).where({ entity_id: tee }).delete();
    const [one] = [...(await repository.getMany([tee], 1, { categoryLinks: false })).values()];
    expect(one).toEqual({ ...(await repository.getMany([tee], 1)).get(tee), categoryLinks: [] });
  });
});

