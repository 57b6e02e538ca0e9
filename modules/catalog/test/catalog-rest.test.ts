import request from 'supertest';
import type { Express } from 'express';
import { createHttpApp } from '../../../app/http/http-app';
import { Kernel } from '../../../app/kernel/tokens';
import type { AdminAuthorizer } from '../../../app/http/admin-authorizer';
import type { TestApp } from '../../../app/testing/test-app';
import { CatalogApi } from '../api';
import { createCatalogTestApp, installSmallCatalog, type SmallCatalog } from './catalog-test-app';

/** Stands in for the admin security module: lets every admin call through, as an authorized admin would be. */
const allowAll: AdminAuthorizer = { authorize: async () => ({ allowed: true, principal: { type: 'admin', id: 1 } }) };

describe('Catalog admin REST API (/rest/V1/products, /categories, /stockItems)', () => {
  let locked: TestApp;
  let app: TestApp;
  let web: Express;
  let data: SmallCatalog;

  beforeAll(async () => {
    locked = await createCatalogTestApp();
    app = await createCatalogTestApp({ overrides: (bind) => void bind(Kernel.AdminAuthorizer).toConstantValue(allowAll) });
    data = await installSmallCatalog(app);
    web = createHttpApp(app);
  });
  afterAll(async () => {
    await locked?.close();
    await app?.close();
  });

  it('API-02 denies every catalog route to a caller without an admin token, naming its ACL resource', async () => {
    const web = createHttpApp(locked);
    const calls: Array<[string, string, string]> = [
      ['get', '/rest/V1/products?searchCriteria[pageSize]=1', 'Magento_Catalog::products'],
      ['get', '/rest/V1/products/WT01', 'Magento_Catalog::products'],
      ['post', '/rest/V1/products', 'Magento_Catalog::products'],
      ['put', '/rest/V1/products/WT01', 'Magento_Catalog::products'],
      ['delete', '/rest/V1/products/WT01', 'Magento_Catalog::products'],
      ['get', '/rest/V1/categories', 'Magento_Catalog::categories'],
      ['post', '/rest/V1/categories', 'Magento_Catalog::categories'],
      ['put', '/rest/V1/categories/3', 'Magento_Catalog::categories'],
      ['delete', '/rest/V1/categories/3', 'Magento_Catalog::categories'],
      ['get', '/rest/V1/stockItems/WT01', 'Magento_CatalogInventory::cataloginventory'],
      ['put', '/rest/V1/stockItems/WT01', 'Magento_CatalogInventory::cataloginventory'],
      ['put', '/rest/V1/products/WT01/stockItems/1', 'Magento_CatalogInventory::cataloginventory'],
    ];
    for (const [method, path, resource] of calls) {
      const res = await (request(web) as unknown as Record<string, (p: string) => request.Test>)[method](path).set('Content-Type', 'application/json').send({});
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ message: `The consumer isn't authorized to access ${resource}.` });
    }
  });

  it('creates a product from a Magento payload and answers with Magento shapes (major units, custom_attributes, stock_item)', async () => {
    const res = await request(web)
      .post('/rest/V1/products')
      .send({
        product: {
          sku: 'MB01',
          name: 'Joust Duffle Bag',
          attribute_set_id: 4,
          price: 34.99,
          status: 1,
          visibility: 4,
          type_id: 'simple',
          weight: 1.2,
          extension_attributes: { category_links: [{ position: 3, category_id: String(data.gear) }], stock_item: { qty: 12, is_in_stock: true } },
          media_gallery_entries: [{ media_type: 'image', label: 'Front', position: 1, disabled: false, types: ['image', 'thumbnail'], file: '/m/b/mb01-blue-0.jpg' }],
          custom_attributes: [
            { attribute_code: 'description', value: '<p>The sporty Joust Duffle Bag.</p>' },
            { attribute_code: 'color', value: String(data.color.Blue) },
            { attribute_code: 'special_price', value: '29.99' },
            { attribute_code: 'url_key', value: 'joust-duffle-bag' },
          ],
        },
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      sku: 'MB01',
      name: 'Joust Duffle Bag',
      attribute_set_id: 4,
      price: 34.99,
      status: 1,
      visibility: 4,
      type_id: 'simple',
      weight: 1.2,
      extension_attributes: {
        website_ids: [1],
        category_links: [{ position: 3, category_id: String(data.gear) }],
        stock_item: { product_id: res.body.id, stock_id: 1, qty: 12, is_in_stock: true },
      },
      media_gallery_entries: [{ media_type: 'image', label: 'Front', position: 1, disabled: false, types: ['image', 'thumbnail'], file: '/m/b/mb01-blue-0.jpg' }],
    });
    expect(res.body.custom_attributes).toEqual(
      expect.arrayContaining([
        { attribute_code: 'description', value: '<p>The sporty Joust Duffle Bag.</p>' },
        { attribute_code: 'color', value: String(data.color.Blue) },
        { attribute_code: 'special_price', value: '29.99' },
        { attribute_code: 'url_key', value: 'joust-duffle-bag' },
        { attribute_code: 'category_ids', value: [String(data.gear)] },
      ]),
    );
    const stored = await app.get(CatalogApi.ProductRepository).get('MB01');
    expect(stored).toMatchObject({ price: 3499, specialPrice: 2999, weight: 1.2, stock: { qty: 12, isInStock: true } });
  });

  it('updates by sku (PUT), writing store view values through /rest/<store>/V1, and reads them back per store view', async () => {
    const put = await request(web).put('/rest/V1/products/MB01').send({ product: { price: 36, custom_attributes: [{ attribute_code: 'special_price', value: '' }] } });
    expect(put.status).toBe(200);
    expect(put.body.price).toBe(36);
    expect(put.body.custom_attributes.find((a: { attribute_code: string }) => a.attribute_code === 'special_price')).toBeUndefined();
    const fr = await request(web).put('/rest/fr/V1/products/MB01').send({ product: { name: 'Sac de sport Joust', custom_attributes: [{ attribute_code: 'url_key', value: 'sac-de-sport-joust' }] } });
    expect(fr.status).toBe(200);
    expect(fr.body.name).toBe('Sac de sport Joust');
    expect((await request(web).get('/rest/V1/products/MB01')).body.name).toBe('Joust Duffle Bag');
    expect((await request(web).get('/rest/all/V1/products/MB01')).body.name).toBe('Joust Duffle Bag');
    const frGet = await request(web).get('/rest/fr/V1/products/MB01');
    expect(frGet.body).toMatchObject({ name: 'Sac de sport Joust', price: 36 });
  });

  it('creates and links a configurable product through extension_attributes', async () => {
    const children = [];
    for (const size of ['S', 'M']) {
      const res = await request(web)
        .post('/rest/V1/products')
        .send({
          product: {
            sku: `MJ01-${size}`,
            name: `Jacket ${size}`,
            price: 80,
            visibility: 1,
            type_id: 'simple',
            extension_attributes: { stock_item: { qty: 3 } },
            custom_attributes: [{ attribute_code: 'size', value: String(data.size[size]) }, { attribute_code: 'color', value: 'Red' }],
          },
        });
      expect(res.status).toBe(200);
      children.push(res.body.id);
    }
    const sizeId = (await app.get(CatalogApi.AttributeRepository).get('size'))!.id;
    const parent = await request(web)
      .post('/rest/V1/products')
      .send({
        product: {
          sku: 'MJ01',
          name: 'Jacket',
          type_id: 'configurable',
          extension_attributes: { configurable_product_options: [{ attribute_id: String(sizeId), label: 'Size', position: 0, values: [] }], configurable_product_links: children },
        },
      });
    expect(parent.status).toBe(200);
    expect(parent.body.extension_attributes).toMatchObject({
      configurable_product_options: [{ attribute_id: String(sizeId), label: 'Size', position: 0, values: [{ value_index: data.size.S }, { value_index: data.size.M }] }],
      configurable_product_links: children,
    });
    const relinked = await request(web).put('/rest/V1/products/MJ01').send({ product: { extension_attributes: { configurable_product_links: [children[0]] } } });
    expect(relinked.body.extension_attributes.configurable_product_links).toEqual([children[0]]);
  });

  it('searches with searchCriteria (filter groups, condition types, sort orders, pages) and echoes the criteria', async () => {
    const res = await request(web).get(
      '/rest/V1/products?searchCriteria[filterGroups][0][filters][0][field]=sku&searchCriteria[filterGroups][0][filters][0][value]=W%25&searchCriteria[filterGroups][0][filters][0][conditionType]=like' +
        '&searchCriteria[filterGroups][1][filters][0][field]=price&searchCriteria[filterGroups][1][filters][0][value]=52&searchCriteria[filterGroups][1][filters][0][conditionType]=gt' +
        '&searchCriteria[sortOrders][0][field]=price&searchCriteria[sortOrders][0][direction]=DESC&searchCriteria[pageSize]=2&searchCriteria[currentPage]=1',
    );
    expect(res.status).toBe(200);
    expect(res.body.total_count).toBe(3);
    expect(res.body.items.map((p: { sku: string }) => p.sku)).toEqual(['WP01', 'WH01-S-Red']);
    expect(res.body.search_criteria).toEqual({
      filter_groups: [{ filters: [{ field: 'sku', value: 'W%', condition_type: 'like' }] }, { filters: [{ field: 'price', value: '52', condition_type: 'gt' }] }],
      sort_orders: [{ field: 'price', direction: 'DESC' }],
      page_size: 2,
      current_page: 1,
    });
    const page2 = await request(web).get(
      '/rest/V1/products?searchCriteria[filter_groups][0][filters][0][field]=sku&searchCriteria[filter_groups][0][filters][0][value]=W%25&searchCriteria[filter_groups][0][filters][0][condition_type]=like' +
        '&searchCriteria[filter_groups][1][filters][0][field]=price&searchCriteria[filter_groups][1][filters][0][value]=52&searchCriteria[filter_groups][1][filters][0][condition_type]=gt' +
        '&searchCriteria[sort_orders][0][field]=price&searchCriteria[sort_orders][0][direction]=DESC&searchCriteria[page_size]=2&searchCriteria[current_page]=2',
    );
    expect(page2.body.items.map((p: { sku: string }) => p.sku)).toEqual(['WH01-M-Red']);
    const or = await request(web).get(
      '/rest/V1/products?searchCriteria[filterGroups][0][filters][0][field]=sku&searchCriteria[filterGroups][0][filters][0][value]=GIFT' +
        '&searchCriteria[filterGroups][0][filters][1][field]=color&searchCriteria[filterGroups][0][filters][1][value]=' + data.color.Blue +
        '&searchCriteria[filterGroups][1][filters][0][field]=type_id&searchCriteria[filterGroups][1][filters][0][value]=simple,virtual&searchCriteria[filterGroups][1][filters][0][conditionType]=in',
    );
    expect(or.body.items.map((p: { sku: string }) => p.sku).sort()).toEqual(['GIFT', 'MB01', 'WT01']);
    const byCategory = await request(web).get(`/rest/V1/products?searchCriteria[filterGroups][0][filters][0][field]=category_id&searchCriteria[filterGroups][0][filters][0][value]=${data.tops}`);
    expect(byCategory.body.items.map((p: { sku: string }) => p.sku).sort()).toEqual(['WH01', 'WT01']);
  });

  it('refuses bad input with 400/404 and Magento messages, writing nothing', async () => {
    const unknownField = await request(web).post('/rest/V1/products').send({ product: { sku: 'X1', name: 'X', price: 1, group_id: 3 } });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.message).toBe('Unknown field(s) in the request body: product.group_id.');
    const negative = await request(web).post('/rest/V1/products').send({ product: { sku: 'X1', name: 'X', price: -5 } });
    expect(negative.status).toBe(400);
    expect(negative.body.message).toBe('Invalid product "X1": price: the price must not be negative.');
    const decimals = await request(web).post('/rest/V1/products').send({ product: { sku: 'X1', name: 'X', price: 1.999 } });
    expect(decimals.body.message).toBe('price: 1.999 has more than 2 decimals.');
    const option = await request(web).post('/rest/V1/products').send({ product: { sku: 'X1', name: 'X', price: 1, custom_attributes: [{ attribute_code: 'color', value: 'Purple' }] } });
    expect(option.body.message).toBe('Invalid product "X1": color: Option "Purple" does not exist for attribute "color".');
    const missing = await request(web).get('/rest/V1/products/NOPE');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe("The product that was requested doesn't exist. Verify the product and try again.");
    expect((await request(web).put('/rest/V1/products/NOPE').send({ product: { price: 1 } })).status).toBe(404);
    expect((await request(web).delete('/rest/V1/products/NOPE')).status).toBe(404);
    const duplicateKey = await request(web).post('/rest/V1/products').send({ product: { sku: 'X2', name: 'X', price: 1, custom_attributes: [{ attribute_code: 'url_key', value: 'breathe-tee' }] } });
    expect(duplicateKey.status).toBe(400);
    expect(duplicateKey.body.message).toBe('URL key for specified store already exists. ("breathe-tee.html" in store view "default")');
    const criteria = await request(web).get('/rest/V1/products?searchCriteria[filterGroups][0][filters][0][field]=sku&searchCriteria[filterGroups][0][filters][0][conditionType]=between&searchCriteria[filterGroups][0][filters][0][value]=1');
    expect(criteria.status).toBe(400);
    expect(criteria.body.message).toMatch(/^"between" is not a condition type/);
    const field = await request(web).get('/rest/V1/products?searchCriteria[filterGroups][0][filters][0][field]=password&searchCriteria[filterGroups][0][filters][0][value]=1');
    expect(field.body.message).toBe('"password" is not a product attribute and cannot be searched on.');
    // A name an Object has (constructor, toString) is no column either.
    const inherited = await request(web).get('/rest/V1/products?searchCriteria[filterGroups][0][filters][0][field]=constructor&searchCriteria[filterGroups][0][filters][0][value]=1');
    expect([inherited.status, inherited.body.message]).toEqual([400, '"constructor" is not a product attribute and cannot be searched on.']);
    const list = await app.get(CatalogApi.ProductRepository).getList({ filterGroups: [{ filters: [{ field: 'sku', value: 'X%', conditionType: 'like' }] }] });
    expect(list.totalCount).toBe(0);
  });

  it('deletes a product by sku', async () => {
    const res = await request(web).delete('/rest/V1/products/MB01');
    expect(res.status).toBe(200);
    expect(res.body).toBe(true);
    expect((await request(web).get('/rest/V1/products/MB01')).status).toBe(404);
  });

  it('manages categories: tree, create, store view update, move, delete', async () => {
    const tree = await request(web).get('/rest/V1/categories');
    expect(tree.body).toMatchObject({
      id: 2,
      name: 'Default Category',
      level: 1,
      children_data: [
        { id: data.women, name: 'Women', level: 2, product_count: 0, children_data: [{ id: data.tops, product_count: 2 }, { id: data.bottoms, product_count: 1 }] },
        { id: data.gear, name: 'Gear', product_count: 1, children_data: [] },
      ],
    });
    expect((await request(web).get(`/rest/V1/categories?rootCategoryId=${data.women}&depth=0`)).body).toEqual({
      id: data.women, parent_id: 2, name: 'Women', is_active: true, position: 1, level: 2, product_count: 0, children_data: [],
    });
    const created = await request(web)
      .post('/rest/V1/categories')
      .send({ category: { parent_id: data.women, name: 'Jackets', is_active: true, include_in_menu: 1, custom_attributes: [{ attribute_code: 'url_key', value: 'jackets' }, { attribute_code: 'description', value: 'Warm.' }] } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ parent_id: data.women, name: 'Jackets', level: 3, path: `1/2/${data.women}/${created.body.id}`, include_in_menu: true });
    expect(created.body.custom_attributes).toEqual(expect.arrayContaining([{ attribute_code: 'url_key', value: 'jackets' }, { attribute_code: 'url_path', value: 'women/jackets' }]));
    const fr = await request(web).put(`/rest/fr/V1/categories/${created.body.id}`).send({ category: { name: 'Vestes', custom_attributes: [{ attribute_code: 'url_key', value: 'vestes' }] } });
    expect(fr.body).toMatchObject({ name: 'Vestes' });
    expect(fr.body.custom_attributes).toEqual(expect.arrayContaining([{ attribute_code: 'url_path', value: 'femmes/vestes' }]));
    expect((await request(web).get(`/rest/V1/categories/${created.body.id}`)).body.name).toBe('Jackets');
    const moved = await request(web).put(`/rest/V1/categories/${created.body.id}`).send({ category: { parent_id: data.gear } });
    expect(moved.body).toMatchObject({ parent_id: data.gear, level: 3, path: `1/2/${data.gear}/${created.body.id}` });
    const loop = await request(web).put(`/rest/V1/categories/${data.women}`).send({ category: { parent_id: data.tops } });
    expect(loop.status).toBe(400);
    expect(loop.body.message).toBe('A category cannot be moved under itself or one of its subcategories.');
    const badParent = await request(web).post('/rest/V1/categories').send({ category: { parent_id: 999, name: 'X' } });
    expect(badParent.status).toBe(404);
    expect(badParent.body.message).toBe('No such entity with id = 999');
    expect((await request(web).post('/rest/V1/categories').send({ category: { parent_id: 2, name: ' ' } })).body.message).toBe('The "name" attribute value is empty. Set the attribute and try again.');
    for (const code of ['constructor', '__proto__', 'color']) {
      const custom = await request(web).post('/rest/V1/categories').send({ category: { parent_id: 2, name: 'X', custom_attributes: [{ attribute_code: code, value: 'x' }] } });
      expect(custom.status).toBe(400);
      expect(custom.body.message).toMatch(new RegExp(`^custom_attributes: "${code}" is not a category attribute`));
    }
    expect((await request(web).delete(`/rest/V1/categories/${created.body.id}`)).body).toBe(true);
    expect((await request(web).get(`/rest/V1/categories/${created.body.id}`)).status).toBe(404);
    expect((await request(web).delete('/rest/V1/categories/2')).status).toBe(400);
  });

  it('reads and updates stock items by sku, and by Magento\'s /products/:sku/stockItems/:itemId', async () => {
    const item = await request(web).get('/rest/V1/stockItems/WT01');
    expect(item.body).toMatchObject({ product_id: expect.any(Number), stock_id: 1, qty: 10, is_in_stock: true, manage_stock: true });
    const put = await request(web).put('/rest/V1/stockItems/WT01').send({ stockItem: { qty: 4 } });
    expect(put.body).toMatchObject({ qty: 4, is_in_stock: true });
    const magento = await request(web).put(`/rest/V1/products/WT01/stockItems/${item.body.item_id}`).send({ stockItem: { qty: 0, is_in_stock: false } });
    expect(magento.status).toBe(200);
    expect(magento.body).toBe(item.body.item_id);
    expect((await app.get(CatalogApi.StockRegistry).getStockItem('WT01'))).toMatchObject({ qty: 0, isInStock: false });
    const wrongItem = await request(web).put('/rest/V1/products/WT01/stockItems/999').send({ stockItem: { qty: 1 } });
    expect(wrongItem.status).toBe(400);
    const negative = await request(web).put('/rest/V1/stockItems/WT01').send({ stockItem: { qty: -1 } });
    expect(negative.status).toBe(400);
    expect(negative.body.message).toBe('Invalid product "WT01": qty: "-1" is not a quantity: a whole number, 0 or more.');
    expect((await request(web).get('/rest/V1/stockItems/NOPE')).status).toBe(404);
  });
});
