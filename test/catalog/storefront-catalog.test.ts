import path from 'node:path';
import request from 'supertest';
import type { Express } from 'express';
import { createHttpApp } from '../../app/http/http-app';
import type { AdminAuthorizer } from '../../app/http/admin-authorizer';
import { codeRoot } from '../../app/kernel/paths';
import { Kernel } from '../../app/kernel/tokens';
import { createTestApp, type TestApp } from '../../app/testing/test-app';
import { StoreApi } from '../../modules/store/api';
import { installSampleCatalog } from '../../setup/sample-data/catalog';
import { installSampleStores } from '../../setup/sample-data/store';

/** Stands in for the admin security module (not written yet): every admin call is let through. */
const allowAll: AdminAuthorizer = { authorize: async () => ({ allowed: true, principal: { type: 'admin', id: 1 } }) };

const gql = (web: Express, query: string, store?: string, variables?: Record<string, unknown>) => {
  const call = request(web).post('/graphql').set('Content-Type', 'application/json');
  if (store) call.set('Store', store);
  return call.send({ query, variables }).then((res) => {
    expect(res.body.errors).toBeUndefined();
    return res.body.data;
  });
};

describe('Storefront and admin APIs over HTTP on the sample store (store + catalog modules)', () => {
  let app: TestApp;
  let web: Express;

  beforeAll(async () => {
    app = await createTestApp({
      modules: ['Comptoir_Store', 'Comptoir_Catalog'],
      moduleDirs: [path.join(codeRoot, 'modules')],
      install: { baseUrl: 'https://shop.example.com/', baseUrlSecure: 'https://shop.example.com/' },
      overrides: (bind) => void bind(Kernel.AdminAuthorizer).toConstantValue(allowAll),
    });
    await installSampleStores(app);
    await installSampleCatalog(app);
    web = createHttpApp(app);
  });
  afterAll(() => app?.close());

  it('walks a French shopper from the menu to a category page, a facet and a product page', async () => {
    const { storeConfig } = await gql(web, '{ storeConfig { store_code locale base_currency_code product_url_suffix category_url_suffix root_category_uid } }', 'fr');
    expect(storeConfig).toEqual({ store_code: 'fr', locale: 'fr_FR', base_currency_code: 'USD', product_url_suffix: '.html', category_url_suffix: '.html', root_category_uid: 'Mg==' });
    const { categories } = await gql(web, `{ categories(filters: { category_uid: { eq: "${storeConfig.root_category_uid}" } }) { items { children { name url_path children { name url_path } } } } }`, 'fr');
    const men = categories.items[0].children.find((c: { name: string }) => c.name === 'Hommes');
    const jackets = men.children.find((c: { url_path: string }) => c.url_path === 'hommes/vestes-et-manteaux');
    const { route } = await gql(web, `{ route(url: "${jackets.url_path}${storeConfig.category_url_suffix}") { __typename relative_url ... on CategoryTree { uid name } } }`, 'fr');
    expect(route).toMatchObject({ __typename: 'CategoryTree', name: 'Vestes et manteaux', relative_url: 'hommes/vestes-et-manteaux.html' });
    const page = await gql(
      web,
      `query ($uid: String) { products(filter: { category_uid: { eq: $uid } }, pageSize: 20) {
        total_count aggregations { attribute_code options { label value count } }
        items { name url_key price_range { minimum_price { final_price { value currency } } } ... on ConfigurableProduct { variants { product { sku } } } } } }`,
      'fr',
      { uid: route.uid },
    );
    expect(page.products.total_count).toBeGreaterThan(0);
    const colors = page.products.aggregations.find((a: { attribute_code: string }) => a.attribute_code === 'color');
    const facet = colors.options[0];
    expect(facet.label).toMatch(/^(Noir|Blanc|Marine|Gris|Rouge|Vert|Bleu|Beige|Rose|Jaune)$/);
    const filtered = await gql(web, `query ($uid: String, $color: String) { products(filter: { category_uid: { eq: $uid }, color: { eq: $color } }) { total_count items { url_key } } }`, 'fr', {
      uid: route.uid,
      color: facet.value,
    });
    expect(filtered.products.total_count).toBe(facet.count);
    const urlKey = filtered.products.items[0].url_key;
    const product = await gql(web, `query ($url: String!) { route(url: $url) { __typename redirect_code ... on ProductInterface { sku name stock_status } } }`, 'fr', { url: `${urlKey}.html` });
    expect(product.route).toMatchObject({ redirect_code: 0, stock_status: 'IN_STOCK' });
    const search = await gql(web, '{ products(search: "veste pluie") { items { name } } }', 'fr');
    const names = search.products.items.map((p: { name: string }) => p.name);
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((name: string) => name.startsWith('Veste de pluie'))).toBe(true);
  });

  it('shows admin REST changes on the storefront at once: price, French url key, stock, a new category', async () => {
    await request(web).put('/rest/V1/products/HM002').send({ product: { price: 10 } }).expect(200);
    const priced = await gql(web, '{ products(filter: { sku: { eq: "HM002" } }) { items { url_key price_range { minimum_price { final_price { value } } } } } }', 'fr');
    expect(priced.products.items[0].price_range.minimum_price.final_price.value).toBe(10);
    const oldKey = priced.products.items[0].url_key;
    await request(web).put('/rest/fr/V1/products/HM002').send({ product: { custom_attributes: [{ attribute_code: 'url_key', value: 'torchon-nouveau' }] } }).expect(200);
    const moved = await gql(web, `{ route(url: "${oldKey}.html") { relative_url redirect_code } }`, 'fr');
    expect(moved.route).toEqual({ relative_url: 'torchon-nouveau.html', redirect_code: 301 });
    await request(web).put('/rest/V1/stockItems/HM002').send({ stockItem: { qty: 0, is_in_stock: false } }).expect(200);
    expect((await gql(web, '{ products(filter: { sku: { eq: "HM002" } }) { items { sku } } }')).products.items).toEqual([]);
    const created = await request(web).post('/rest/V1/categories').send({ category: { parent_id: 2, name: 'Outlet', custom_attributes: [{ attribute_code: 'url_key', value: 'outlet' }] } }).expect(200);
    const menu = await gql(web, '{ categories(filters: { url_path: { eq: "outlet" } }) { items { uid name relative_url } } }');
    expect(menu.categories.items).toEqual([{ uid: Buffer.from(String(created.body.id)).toString('base64'), name: 'Outlet', relative_url: 'outlet.html' }]);
  });

  it('serves the catalog in a store view created after it, through the store module', async () => {
    await app.get(StoreApi.StoreManager).createStoreView({ code: 'be_fr', name: 'Belgique', settings: { locale: 'fr_BE', timezone: 'Europe/Brussels' } });
    const { route } = await gql(web, '{ route(url: "summit-tee.html") { ... on ProductInterface { sku name } } }', 'be_fr');
    expect(route).toEqual({ sku: 'AP001', name: 'Summit Tee' });
    const found = await gql(web, '{ products(search: "summit") { total_count } }', 'be_fr');
    expect(found.products.total_count).toBeGreaterThan(0);
  });
});
