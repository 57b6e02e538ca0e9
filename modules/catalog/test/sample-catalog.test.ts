import type { Express } from 'express';
import { createHttpApp } from '../../../app/http/http-app';
import type { TestApp } from '../../../app/testing/test-app';
import { installSampleCatalog } from '../../../setup/sample-data/catalog';
import { installSampleStores } from '../../../setup/sample-data/store';
import { CatalogApi } from '../api';
import { createCatalogTestApp, graphql } from './catalog-test-app';

describe('The sample catalog npm start installs', () => {
  let app: TestApp;
  let web: Express;

  beforeAll(async () => {
    app = await createCatalogTestApp();
    await installSampleStores(app);
    await installSampleCatalog(app);
    web = createHttpApp(app);
  });
  afterAll(() => app?.close());

  const count = async (field: string, value: string, conditionType: 'eq' | 'like' | 'notnull' = 'eq') =>
    (await app.get(CatalogApi.ProductRepository).getList({ filterGroups: [{ filters: [{ field, value, conditionType }] }], pageSize: 1 })).totalCount;

  it('has about 200 products: 20 configurables with their color/size variants, simple goods and virtual services', async () => {
    const total = (await app.get(CatalogApi.ProductRepository).getList({ filterGroups: [], pageSize: 1 })).totalCount;
    expect(total).toBeGreaterThanOrEqual(180);
    expect(total).toBeLessThanOrEqual(230);
    expect(await count('type_id', 'configurable')).toBe(20);
    expect(await count('type_id', 'virtual')).toBe(2);
    expect(await count('special_price', '', 'notnull')).toBeGreaterThan(10);
    expect(await count('visibility', '1')).toBe(total - 20 - 35 - 2);
  });

  it('is deterministic and idempotent: a second run changes nothing', async () => {
    const before = await app.get(CatalogApi.ProductRepository).get('AP001');
    await installSampleCatalog(app);
    expect(await app.get(CatalogApi.ProductRepository).get('AP001')).toEqual(before);
    expect(before).toMatchObject({ name: 'Summit Tee', typeId: 'configurable' });
  });

  it('browses in both store views: menu, a category page with prices, images, stock and variants, a product page by url key', async () => {
    const menu = await graphql(web, '{ categories { items { children { name url_path children { name url_path product_count } } } } }', { store: 'fr' });
    const top = menu.body.data.categories.items[0].children;
    expect(top.map((c: { name: string }) => c.name)).toEqual(['Femmes', 'Hommes', 'Maison', 'Accessoires']);
    expect(top[0].children[0]).toMatchObject({ name: 'Hauts', url_path: 'femmes/hauts' });
    expect(top.flatMap((c: { children: Array<{ product_count: number }> }) => c.children).every((c: { product_count: number }) => c.product_count > 0)).toBe(true);
    const page = await graphql(
      web,
      `{ route(url: "femmes/hauts.html") { ... on CategoryTree { uid name products(pageSize: 20) { total_count items {
        name url_key stock_status small_image { url } price_range { minimum_price { final_price { value currency } } }
        ... on ConfigurableProduct { variants { attributes { code label } product { sku stock_status } } } } } } } }`,
      { store: 'fr' },
    );
    const category = page.body.data.route;
    expect(category.name).toBe('Hauts');
    const first = category.products.items[0];
    expect(first).toMatchObject({ name: 'T-shirt Summit', url_key: 't-shirt-summit', stock_status: 'IN_STOCK' });
    expect(first.small_image.url).toMatch(/^https:\/\/shop\.example\.com\/media\/catalog\/product\/a\/p\/ap001-[a-z]+\.jpg$/);
    expect(first.variants.length).toBeGreaterThanOrEqual(6);
    expect(first.variants[0].attributes.map((a: { code: string }) => a.code)).toEqual(['color', 'size']);
    expect(first.price_range.minimum_price.final_price.currency).toBe('USD');
    const product = await graphql(web, '{ products(filter: { url_key: { eq: "t-shirt-summit" } }) { items { sku name description { html } } } }', { store: 'fr' });
    expect(product.body.data.products.items[0]).toMatchObject({ sku: 'AP001', name: 'T-shirt Summit', description: { html: expect.stringContaining('coton biologique') } });
    const english = await graphql(web, '{ products(filter: { url_key: { eq: "summit-tee" } }) { items { name } } }');
    expect(english.body.data.products.items).toEqual([{ name: 'Summit Tee' }]);
  });

  it('sells some things out and puts some on sale, with future and past sales showing the regular price', async () => {
    const products = app.get(CatalogApi.ProductRepository);
    const soldOut = await products.get('AP014');
    const children = await products.getMany(soldOut.configurable!.childIds);
    expect([...children.values()].every((c) => c.stock.qty === 0)).toBe(true);
    expect(await count('sku', 'HM005')).toBe(1);
    expect((await products.get('HM005')).stock).toMatchObject({ qty: 0, isInStock: false });
    const prices = await graphql(web, '{ products(filter: { sku: { in: ["HM001", "HM007"] } }) { items { sku price_range { minimum_price { regular_price { value } final_price { value } } } } } }');
    for (const item of prices.body.data.products.items) {
      // HM001's sale starts in 2099, HM007's ended in 2020.
      expect(item.price_range.minimum_price.final_price.value).toBe(item.price_range.minimum_price.regular_price.value);
    }
    const sale = await graphql(web, '{ products(filter: { sku: { eq: "AP003" } }) { items { price_range { minimum_price { discount { percent_off } } } } } }');
    expect(sale.body.data.products.items[0].price_range.minimum_price.discount.percent_off).toBeGreaterThan(19);
  });
});
