import type { Express } from 'express';
import { createHttpApp } from '../../../app/http/http-app';
import type { TestApp } from '../../../app/testing/test-app';
import { StoreApi } from '../../store/api';
import { CatalogApi, CatalogConfigPath, CatalogTable } from '../api';
import { createCatalogTestApp, graphql, installSmallCatalog, type SmallCatalog } from './catalog-test-app';

const ROUTE = `query ($url: String!) { route(url: $url) { __typename relative_url redirect_code type ... on ProductInterface { sku } ... on CategoryTree { uid name } } }`;

describe('URL rewrites: generated on save per store view, 301 from old URLs, suffixes from config; route()', () => {
  let app: TestApp;
  let web: Express;
  let data: SmallCatalog;
  const route = async (url: string, store?: string) => {
    const res = await graphql(web, ROUTE, { store, variables: { url } });
    expect(res.body.errors).toBeUndefined();
    return res.body.data.route;
  };
  const rewrites = (entityType: string, entityId: number) =>
    app.db.knex(CatalogTable.urlRewrite).where({ entity_type: entityType, entity_id: entityId }).orderBy(['store_id', 'request_path']).select('store_id', 'request_path', 'target_path', 'redirect_type');

  beforeAll(async () => {
    app = await createCatalogTestApp();
    data = await installSmallCatalog(app);
    web = createHttpApp(app);
  });
  afterAll(() => app?.close());

  it('gives each visible product and category one URL per store view, with the store view\'s url keys and the .html suffix', async () => {
    const tee = await app.get(CatalogApi.ProductRepository).get('WT01');
    expect(await rewrites('product', tee.id)).toEqual([
      { store_id: 1, request_path: 'breathe-tee.html', target_path: `catalog/product/view/id/${tee.id}`, redirect_type: 0 },
      // The fr view had the default url key until its own was saved: that URL now redirects to the French one.
      { store_id: 2, request_path: 'breathe-tee.html', target_path: 't-shirt-respire.html', redirect_type: 301 },
      { store_id: 2, request_path: 't-shirt-respire.html', target_path: `catalog/product/view/id/${tee.id}`, redirect_type: 0 },
    ]);
    expect(await rewrites('category', data.tops)).toEqual([
      { store_id: 1, request_path: 'women/tops.html', target_path: `catalog/category/view/id/${data.tops}`, redirect_type: 0 },
      { store_id: 2, request_path: 'femmes/hauts.html', target_path: `catalog/category/view/id/${data.tops}`, redirect_type: 0 },
      { store_id: 2, request_path: 'femmes/tops.html', target_path: 'femmes/hauts.html', redirect_type: 301 },
    ]);
    const child = await app.get(CatalogApi.ProductRepository).get('WH01-S-Black');
    expect(await rewrites('product', child.id)).toEqual([]);
  });

  it('answers route() for products and categories in the store view of the Store header, null for anything else', async () => {
    expect(await route('breathe-tee.html')).toEqual({ __typename: 'SimpleProduct', relative_url: 'breathe-tee.html', redirect_code: 0, type: 'PRODUCT', sku: 'WT01' });
    expect(await route('/t-shirt-respire.html?utm=1', 'fr')).toMatchObject({ relative_url: 't-shirt-respire.html', sku: 'WT01' });
    expect(await route('hero-hoodie.html')).toMatchObject({ __typename: 'ConfigurableProduct', type: 'PRODUCT' });
    expect(await route('femmes/hauts.html', 'fr')).toMatchObject({ __typename: 'CategoryTree', relative_url: 'femmes/hauts.html', redirect_code: 0, type: 'CATEGORY', name: 'Hauts' });
    expect(await route('breathe-tee.html', 'fr')).toMatchObject({ relative_url: 't-shirt-respire.html', redirect_code: 301 });
    expect(await route('t-shirt-respire.html')).toBeNull();
    expect(await route('nowhere.html')).toBeNull();
    expect(await route('')).toBeNull();
    await app.get(CatalogApi.ProductRepository).save({ sku: 'GIFT', status: 2 });
    expect(await route('gift-wrap.html')).toBeNull();
    await app.get(CatalogApi.ProductRepository).save({ sku: 'GIFT', status: 1 });
    expect(await route('gift-wrap.html')).toMatchObject({ __typename: 'VirtualProduct', sku: 'GIFT' });
  });

  it('answers the deprecated urlResolver query as an EntityUrl, from the same lookup as route()', async () => {
    const RESOLVE = 'query ($url: String!) { urlResolver(url: $url) { id entity_uid relative_url canonical_url redirectCode type } }';
    const resolve = async (url: string, store?: string) => {
      const res = await graphql(web, RESOLVE, { store, variables: { url } });
      expect(res.body.errors).toBeUndefined();
      return res.body.data.urlResolver;
    };
    const tee = await app.get(CatalogApi.ProductRepository).get('WT01');
    const teeUid = Buffer.from(String(tee.id)).toString('base64');
    expect(await resolve('/breathe-tee.html')).toEqual({ id: tee.id, entity_uid: teeUid, relative_url: 'breathe-tee.html', canonical_url: 'breathe-tee.html', redirectCode: 0, type: 'PRODUCT' });
    expect(await resolve('breathe-tee.html', 'fr')).toEqual({ id: tee.id, entity_uid: teeUid, relative_url: 't-shirt-respire.html', canonical_url: 't-shirt-respire.html', redirectCode: 301, type: 'PRODUCT' });
    expect(await resolve('femmes/hauts.html', 'fr')).toMatchObject({ id: data.tops, relative_url: 'femmes/hauts.html', redirectCode: 0, type: 'CATEGORY' });
    expect(await resolve('nowhere.html')).toBeNull();
    const missing = await graphql(web, '{ urlResolver { type } }');
    expect(missing.body.errors[0]).toMatchObject({ extensions: { category: 'graphql' } });
    expect(missing.body.errors[0].message).toMatch(/"url"/);
  });

  it('keeps the old URL as a 301 to the new one when a url key changes, without chains', async () => {
    const products = app.get(CatalogApi.ProductRepository);
    await products.save({ sku: 'WT01', attributes: { url_key: 'breathe-tee-v2' } });
    expect(await route('breathe-tee.html')).toMatchObject({ relative_url: 'breathe-tee-v2.html', redirect_code: 301, sku: 'WT01' });
    expect(await route('breathe-tee-v2.html')).toMatchObject({ relative_url: 'breathe-tee-v2.html', redirect_code: 0 });
    await products.save({ sku: 'WT01', attributes: { url_key: 'Breathe Tée 3' } });
    expect(await route('breathe-tee.html')).toMatchObject({ relative_url: 'breathe-tee-3.html', redirect_code: 301 });
    expect(await route('breathe-tee-v2.html')).toMatchObject({ relative_url: 'breathe-tee-3.html', redirect_code: 301 });
    expect(await route('t-shirt-respire.html', 'fr')).toMatchObject({ redirect_code: 0 });
    await products.save({ sku: 'WT01', attributes: { url_key: 'breathe-tee' } });
    expect(await route('breathe-tee.html')).toMatchObject({ relative_url: 'breathe-tee.html', redirect_code: 0 });
    expect(await route('breathe-tee-3.html')).toMatchObject({ relative_url: 'breathe-tee.html', redirect_code: 301 });
  });

  it('refuses a url key another product or category already has in a store view, and allows it in another one', async () => {
    const products = app.get(CatalogApi.ProductRepository);
    await expect(products.save({ sku: 'WP01', attributes: { url_key: 'hero-hoodie' } })).rejects.toThrow('URL key for specified store already exists. ("hero-hoodie.html" in store view "default")');
    await expect(products.save({ sku: 'WP01', attributes: { url_key: 't-shirt-respire' } }, { storeId: 2 })).rejects.toThrow('("t-shirt-respire.html" in store view "fr")');
    expect((await products.get('WP01')).urlKey).toBe('yoga-pants');
    await expect(app.get(CatalogApi.CategoryRepository).create({ parentId: data.women, name: 'Tops again', urlKey: 'tops' })).rejects.toThrow('("women/tops.html" in store view "default")');
    // "t-shirt-respire" is only taken in the fr view.
    await products.save({ sku: 'WP01', attributes: { url_key: 'pantalon-yoga' } }, { storeId: 2 });
    const saved = await products.save({ sku: 'WP01', attributes: { url_key: 't-shirt-respire' } });
    expect(saved.urlKey).toBe('t-shirt-respire');
    expect(await route('t-shirt-respire.html')).toMatchObject({ sku: 'WP01' });
    expect(await route('t-shirt-respire.html', 'fr')).toMatchObject({ sku: 'WT01' });
    await products.save({ sku: 'WP01', attributes: { url_key: 'yoga-pants' } });
  });

  it('moves category URLs with the category, redirecting the old ones, its subcategories\' included', async () => {
    const categories = app.get(CatalogApi.CategoryRepository);
    await categories.update(data.women, { urlKey: 'womens' });
    expect(await route('womens/tops.html')).toMatchObject({ name: 'Tops', redirect_code: 0 });
    expect(await route('women/tops.html')).toMatchObject({ relative_url: 'womens/tops.html', redirect_code: 301 });
    await categories.update(data.bottoms, { parentId: data.gear });
    expect(await route('gear/bottoms.html')).toMatchObject({ name: 'Bottoms', redirect_code: 0 });
    expect(await route('womens/bottoms.html')).toMatchObject({ relative_url: 'gear/bottoms.html', redirect_code: 301 });
    await categories.delete(data.bottoms);
    expect(await route('gear/bottoms.html')).toBeNull();
    expect(await rewrites('category', data.bottoms)).toEqual([]);
  });

  it('takes the suffixes from config per store view, regenerating URLs when they change', async () => {
    await app.config.set(CatalogConfigPath.ProductUrlSuffix, '.htm', { scope: 'stores', code: 'fr' });
    await app.config.set(CatalogConfigPath.CategoryUrlSuffix, '', { scope: 'stores', code: 'fr' });
    expect(await route('t-shirt-respire.htm', 'fr')).toMatchObject({ relative_url: 't-shirt-respire.htm', redirect_code: 0 });
    expect(await route('t-shirt-respire.html', 'fr')).toMatchObject({ relative_url: 't-shirt-respire.htm', redirect_code: 301 });
    expect(await route('femmes/hauts', 'fr')).toMatchObject({ name: 'Hauts', redirect_code: 0 });
    expect(await route('breathe-tee.html')).toMatchObject({ redirect_code: 0 });
    const config = await graphql(web, '{ storeConfig { product_url_suffix category_url_suffix } }', { store: 'fr' });
    expect(config.body.data.storeConfig).toEqual({ product_url_suffix: '.htm', category_url_suffix: '' });
    await expect(app.config.set(CatalogConfigPath.ProductUrlSuffix, '/x.html')).rejects.toThrow(/a URL suffix is empty or a dot/);
  });

  it('gives a new store view its URLs at once', async () => {
    await app.get(StoreApi.StoreManager).createStoreView({ code: 'de', name: 'Deutsch' });
    expect(await route('breathe-tee.html', 'de')).toMatchObject({ sku: 'WT01', redirect_code: 0 });
    expect(await route('womens/tops.html', 'de')).toMatchObject({ name: 'Tops' });
  });
});
