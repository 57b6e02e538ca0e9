import request from 'supertest';
import type { Express } from 'express';
import { createHttpApp } from '../../../app/http/http-app';
import type { AdminAuthorizer } from '../../../app/http/admin-authorizer';
import { Kernel } from '../../../app/kernel/tokens';
import type { TestApp } from '../../../app/testing/test-app';
import { CatalogApi, type ProductSaveAfterEvent, type ProductSaveBeforeEvent, type StockChangeEvent } from '../api';
import { importProducts } from '../import/product-importer';
import { createCatalogTestApp, graphql } from './catalog-test-app';
import { failOnSave, seenCatalogEvents } from './fixtures/catalog-events/module';

const allowAll: AdminAuthorizer = { authorize: async () => ({ allowed: true, principal: { type: 'admin', id: 1 } }) };

describe('Catalog events from every write path (service, REST, import, GraphQL)', () => {
  let app: TestApp;
  let web: Express;
  const events = () => seenCatalogEvents.map((e) => e.event);

  beforeAll(async () => {
    app = await createCatalogTestApp({ modules: ['Test_CatalogEvents'], overrides: (bind) => void bind(Kernel.AdminAuthorizer).toConstantValue(allowAll) });
    web = createHttpApp(app);
  });
  afterAll(() => app?.close());
  beforeEach(() => void seenCatalogEvents.splice(0));

  it('dispatches save_before, save_after and the stock event from the service, with the previous state', async () => {
    await app.get(CatalogApi.ProductRepository).save({ sku: 'EV1', price: 1000, attributes: { name: 'Event One' }, stock: { qty: 3 } });
    expect(events()).toEqual(['catalog_product_save_before', 'catalog_product_save_after', 'cataloginventory_stock_item_save_after']);
    const before = seenCatalogEvents[0].payload as ProductSaveBeforeEvent;
    expect(before).toMatchObject({ isNew: true, previous: null, storeId: 0, input: { sku: 'EV1' } });
    seenCatalogEvents.splice(0);
    await app.get(CatalogApi.ProductRepository).save({ sku: 'EV1', price: 1200 });
    expect(events()).toEqual(['catalog_product_save_before', 'catalog_product_save_after']);
    const after = seenCatalogEvents[1].payload as ProductSaveAfterEvent;
    expect(after).toMatchObject({ isNew: false, previous: { price: 1000 }, product: { sku: 'EV1', price: 1200 } });
  });

  it('dispatches them from REST writes: product, stock item, category, delete', async () => {
    await request(web).put('/rest/V1/products/EV1').send({ product: { name: 'Event One (REST)' } }).expect(200);
    await request(web).put('/rest/V1/stockItems/EV1').send({ stockItem: { qty: 9 } }).expect(200);
    await request(web).post('/rest/V1/categories').send({ category: { parent_id: 2, name: 'Events' } }).expect(200);
    await request(web).delete('/rest/V1/products/EV1').expect(200);
    expect(events()).toEqual([
      'catalog_product_save_before',
      'catalog_product_save_after',
      'catalog_product_save_before',
      'catalog_product_save_after',
      'cataloginventory_stock_item_save_after',
      'catalog_category_save_after',
      'catalog_product_delete_after',
    ]);
    expect((seenCatalogEvents[4].payload as StockChangeEvent)).toMatchObject({ sku: 'EV1', reason: 'save', previous: { qty: 3 }, item: { qty: 9 } });
  });

  it('dispatches them from an import (the catalog:import command\'s work)', async () => {
    await importProducts(app, 'sku,name,price,qty\nEV2,Event Two,10,1\n');
    expect(events()).toEqual(['catalog_product_save_before', 'catalog_product_save_after', 'cataloginventory_stock_item_save_after']);
  });

  it('dispatches them from GraphQL writes made through the catalog\'s services (as the cart will reserve stock)', async () => {
    const renamed = await graphql(web, 'mutation { testRenameProduct(sku: "EV2", name: "Event Two (GraphQL)") }');
    expect(renamed.body).toEqual({ data: { testRenameProduct: 'Event Two (GraphQL)' } });
    const reserved = await graphql(web, 'mutation { testReserveStock(sku: "EV2", qty: 1) }');
    expect(reserved.body).toEqual({ data: { testReserveStock: true } });
    expect(events()).toEqual(['catalog_product_save_before', 'catalog_product_save_after', 'cataloginventory_stock_item_save_after']);
    expect(seenCatalogEvents[2].payload).toMatchObject({ sku: 'EV2', reason: 'reserve', reference: 'graphql-test', item: { reservedQty: 1, salableQty: 0 } });
  });

  it('rolls the whole save back when a sync observer fails', async () => {
    failOnSave.sku = 'EV3';
    try {
      await expect(app.get(CatalogApi.ProductRepository).save({ sku: 'EV3', price: 100, attributes: { name: 'Refused' } })).rejects.toThrow('observer refused the save');
    } finally {
      failOnSave.sku = '';
    }
    await expect(app.get(CatalogApi.ProductRepository).get('EV3')).rejects.toThrow("The product that was requested doesn't exist");
    const route = await graphql(web, '{ route(url: "refused.html") { type } }');
    expect(route.body.data.route).toBeNull();
  });
});
