import request from 'supertest';
import type { Express } from 'express';
import { Kernel } from '../../../app';
import type { AdminAuthorizer } from '../../../app/http/admin-authorizer';
import { createHttpApp } from '../../../app/http/http-app';
import type { TestApp } from '../../../app/testing/test-app';
import { CatalogApi } from '../../catalog/api';
import { SalesTable as T } from '../api/sales-tables';
import { placeOrderOf } from './order-documents-helpers';
import { createSalesTestApp, Storefront } from './sales-test-app';

const allowAll: AdminAuthorizer = { authorize: async () => ({ allowed: true, principal: { type: 'admin', id: 1 } }) };

describe('Admin REST: partial invoices and shipments, credit memos, documents', () => {
  let locked: TestApp;
  let open: TestApp;
  let web: Express;
  let shop: Storefront;
  const post = (path: string, body?: unknown) => {
    const call = request(web).post(`/rest/V1${path}`);
    return body === undefined ? call : call.set('Content-Type', 'application/json').send(body as object);
  };
  const itemIds = async (orderId: number) => (await open.db.knex(T.orderItem).where('order_id', orderId).orderBy('item_id')).map((r) => Number(r.item_id));

  beforeAll(async () => {
    locked = await createSalesTestApp();
    open = await createSalesTestApp({ overrides: (bind) => void bind(Kernel.AdminAuthorizer).toConstantValue(allowAll) });
    web = createHttpApp(open);
    shop = new Storefront(open);
    await open.get(CatalogApi.ProductRepository).saveMany([
      { input: { sku: 'MUG', price: 1250, attributes: { name: 'Mug' }, stock: { qty: 20 } } },
      { input: { sku: 'PLATE', price: 800, attributes: { name: 'Plate' }, stock: { qty: 20 } } },
    ]);
  });
  afterAll(async () => {
    await locked?.close();
    await open?.close();
  });

  it('API-02 refuses the refund, document, comment, hold and email routes without an admin token, naming their ACL resource', async () => {
    const lockedWeb = createHttpApp(locked);
    const routes: Array<['get' | 'post', string, string]> = [
      ['post', '/rest/V1/order/1/refund', 'Magento_Sales::sales_creditmemo'],
      ['get', '/rest/V1/invoices/1', 'Magento_Sales::sales_invoice'],
      ['get', '/rest/V1/shipment/1', 'Magento_Sales::actions_view'],
      ['get', '/rest/V1/creditmemo/1', 'Magento_Sales::sales_creditmemo'],
      ['get', '/rest/V1/invoices', 'Magento_Sales::sales_invoice'],
      ['get', '/rest/V1/shipments', 'Magento_Sales::actions_view'],
      ['get', '/rest/V1/creditmemos', 'Magento_Sales::sales_creditmemo'],
      ['post', '/rest/V1/orders/1/comments', 'Magento_Sales::comment'],
      ['post', '/rest/V1/orders/1/hold', 'Magento_Sales::hold'],
      ['post', '/rest/V1/orders/1/unhold', 'Magento_Sales::unhold'],
      ['post', '/rest/V1/orders/1/emails', 'Magento_Sales::emails'],
    ];
    for (const [method, path, resource] of routes) {
      const res = await request(lockedWeb)[method](path);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ message: `The consumer isn't authorized to access ${resource}.` });
    }
    // The credit memo resource is declared under Sales > Operations > Orders > Actions.
    const acl = locked.modules.find((m) => m.manifest.name === 'Comptoir_Sales')!.manifest.acl!;
    expect(acl).toContainEqual({ id: 'Magento_Sales::sales_creditmemo', title: 'Credit Memos', parent: 'Magento_Sales::actions' });
  });

  it('invoices and ships part of an order, answering the new ids, then the rest; GET /V1/invoices/:id and /V1/shipment/:id show them', async () => {
    const id = await placeOrderOf(shop, [['MUG', 3], ['PLATE', 2]], {});
    const [mug, plate] = await itemIds(id);
    const invoice = await post(`/order/${id}/invoice`, { capture: true, items: [{ order_item_id: mug, qty: 2 }], notify: false, comment: { comment: 'Two now', is_visible_on_front: 1 } });
    expect(invoice.status).toBe(200);
    expect(typeof invoice.body).toBe('number');
    const shown = await request(web).get(`/rest/V1/invoices/${invoice.body}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      entity_id: invoice.body,
      order_id: id,
      increment_id: '000000001',
      subtotal: 25,
      shipping_amount: 25,
      grand_total: 50,
      total_qty: 2,
      items: [{ order_item_id: mug, sku: 'MUG', name: 'Mug', qty: 2, price: 12.5, row_total: 25 }],
      comments: [{ comment: 'Two now', is_visible_on_front: 1 }],
    });
    expect((await request(web).get(`/rest/V1/orders/${id}`)).body).toMatchObject({ state: 'processing', total_paid: 50, items: [{ qty_invoiced: 2 }, { qty_invoiced: 0 }] });

    const ship = await post(`/order/${id}/ship`, { items: [{ order_item_id: plate, qty: 1 }], tracks: [{ track_number: '1Z1', title: 'UPS', carrier_code: 'ups' }] });
    expect(ship.status).toBe(200);
    const shipment = await request(web).get(`/rest/V1/shipment/${ship.body}`);
    expect(shipment.body).toMatchObject({ order_id: id, increment_id: '000000001', total_qty: 1, items: [{ order_item_id: plate, sku: 'PLATE', qty: 1 }], tracks: [{ track_number: '1Z1', title: 'UPS', carrier_code: 'ups' }] });

    // No body: everything left.
    expect((await post(`/order/${id}/invoice`)).status).toBe(200);
    expect((await post(`/order/${id}/ship`, {})).status).toBe(200);
    const order = (await request(web).get(`/rest/V1/orders/${id}`)).body;
    expect(order).toMatchObject({ state: 'complete', total_paid: order.grand_total, items: [{ qty_invoiced: 3, qty_shipped: 3 }, { qty_invoiced: 2, qty_shipped: 2 }] });
    expect((await request(web).get('/rest/V1/invoices/999999')).status).toBe(404);
    expect((await request(web).get('/rest/V1/shipment/abc')).status).toBe(400);
  });

  it('answers 400 with a clear message for more than is left, unknown items, qty <= 0 and unknown fields', async () => {
    const id = await placeOrderOf(shop, [['MUG', 1]], {});
    const [mug] = await itemIds(id);
    const cases: Array<[string, unknown, string]> = [
      [`/order/${id}/invoice`, { items: [{ order_item_id: mug, qty: 2 }] }, `Cannot invoice 2 of "MUG" (order_item_id ${mug}): 1 left to invoice.`],
      [`/order/${id}/invoice`, { items: [{ order_item_id: 424242, qty: 1 }] }, 'The order has no item with order_item_id 424242.'],
      [`/order/${id}/ship`, { items: [{ order_item_id: mug, qty: 4 }] }, `Cannot ship 4 of "MUG" (order_item_id ${mug}): 1 left to ship.`],
      [`/order/${id}/refund`, {}, 'The order does not allow a credit memo to be created.'],
    ];
    for (const [path, body, message] of cases) {
      const res = await post(path, body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ message });
    }
    const zero = await post(`/order/${id}/invoice`, { items: [{ order_item_id: mug, qty: 0 }] });
    expect(zero.status).toBe(400);
    expect(zero.body.message).toMatch(/^Invalid field\(s\) in the request body: items\[0\]\.qty: /);
    const unknown = await post(`/order/${id}/invoice`, { items: [{ order_item_id: mug, qty: 1, price: 0 }], grand_total: 0 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('Unknown field(s) in the request body:');
    expect(await open.db.knex(T.invoice).where('order_id', id)).toEqual([]);
  });

  it('POST /V1/order/:id/refund makes a credit memo with shipping and adjustments in decimals; over-refunds are 400; the order closes', async () => {
    const id = await placeOrderOf(shop, [['MUG', 2]], {});
    const [mug] = await itemIds(id);
    await post(`/order/${id}/invoice`);
    const over = await post(`/order/${id}/refund`, { items: [{ order_item_id: mug, qty: 3 }] });
    expect(over.status).toBe(400);
    expect(over.body).toEqual({ message: `Cannot refund 3 of "MUG" (order_item_id ${mug}): 2 left to refund.` });
    const decimals = await post(`/order/${id}/refund`, { arguments: { adjustment_positive: 1.234 } });
    expect(decimals.status).toBe(400);
    expect(decimals.body).toEqual({ message: 'arguments.adjustment_positive has more than 2 decimals.' });

    const memo = await post(`/order/${id}/refund`, { items: [{ order_item_id: mug, qty: 1 }], notify: true, arguments: { shipping_amount: 2.5, adjustment_negative: 1 } });
    expect(memo.status).toBe(200);
    const shown = await request(web).get(`/rest/V1/creditmemo/${memo.body}`);
    expect(shown.body).toMatchObject({ order_id: id, increment_id: '000000001', subtotal: 12.5, shipping_amount: 2.5, adjustment_negative: 1, grand_total: 14, items: [{ order_item_id: mug, qty: 1, row_total: 12.5, back_to_stock: false }] });
    expect((await request(web).get(`/rest/V1/orders/${id}`)).body).toMatchObject({ state: 'processing', total_refunded: 14, items: [{ qty_refunded: 1 }] });

    const tooMuch = await post(`/order/${id}/refund`, { arguments: { adjustment_positive: 100 } });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body).toEqual({ message: "The credit memo's total is more than what can still be refunded of this order." });
    // The rest: one mug, 7.50 of shipping, and the 1.00 kept back before.
    expect((await post(`/order/${id}/refund`, { arguments: { adjustment_positive: 1 } })).status).toBe(200);
    const order = (await request(web).get(`/rest/V1/orders/${id}`)).body;
    expect(order).toMatchObject({ state: 'closed', status: 'closed', total_refunded: order.total_paid, shipping_refunded: 10, items: [{ qty_refunded: 2 }] });
    expect((await request(web).get('/rest/V1/creditmemo/999999')).status).toBe(404);
  });
  it('lists documents with searchCriteria (GET /V1/invoices, /V1/shipments, /V1/creditmemos), each as its own GET shows it', async () => {
    const id = await placeOrderOf(shop, [['MUG', 1], ['PLATE', 1]], {});
    const [mug, plate] = await itemIds(id);
    const first = Number((await post(`/order/${id}/invoice`, { items: [{ order_item_id: mug, qty: 1 }] })).body);
    const second = Number((await post(`/order/${id}/invoice`, { items: [{ order_item_id: plate, qty: 1 }] })).body);
    const shipment = Number((await post(`/order/${id}/ship`)).body);
    const memo = Number((await post(`/order/${id}/refund`, { items: [{ order_item_id: plate, qty: 1 }] })).body);
    const byOrder = `searchCriteria[filter_groups][0][filters][0][field]=order_id&searchCriteria[filter_groups][0][filters][0][value]=${id}`;

    const invoices = await request(web).get(`/rest/V1/invoices?${byOrder}&searchCriteria[sort_orders][0][field]=entity_id&searchCriteria[sort_orders][0][direction]=DESC`);
    expect(invoices.status).toBe(200);
    expect(invoices.body.total_count).toBe(2);
    expect(invoices.body.items.map((i: { entity_id: number }) => i.entity_id)).toEqual([second, first]);
    expect(invoices.body.items[1]).toEqual((await request(web).get(`/rest/V1/invoices/${first}`)).body);
    expect(invoices.body.search_criteria).toMatchObject({ filter_groups: [{ filters: [{ field: 'order_id', value: String(id), condition_type: 'eq' }] }], page_size: 20, current_page: 1 });
    const paged = await request(web).get(`/rest/V1/invoices?${byOrder}&searchCriteria[pageSize]=1&searchCriteria[currentPage]=2`);
    expect(paged.body).toMatchObject({ total_count: 2, items: [{ entity_id: second }] });
    const paid = await request(web).get(`/rest/V1/invoices?${byOrder}&searchCriteria[filter_groups][1][filters][0][field]=state&searchCriteria[filter_groups][1][filters][0][value]=2`);
    expect(paid.body.total_count).toBe(2);

    const shipments = await request(web).get(`/rest/V1/shipments?${byOrder}`);
    expect(shipments.body).toEqual({ items: [(await request(web).get(`/rest/V1/shipment/${shipment}`)).body], search_criteria: expect.any(Object), total_count: 1 });
    const memos = await request(web).get(`/rest/V1/creditmemos?${byOrder}`);
    expect(memos.body).toEqual({ items: [(await request(web).get(`/rest/V1/creditmemo/${memo}`)).body], search_criteria: expect.any(Object), total_count: 1 });
    expect((await request(web).get('/rest/V1/creditmemos?searchCriteria[filter_groups][0][filters][0][field]=order_id&searchCriteria[filter_groups][0][filters][0][value]=999999')).body).toMatchObject({ items: [], total_count: 0 });

    for (const [path, message] of [
      ['/shipments?searchCriteria[filter_groups][0][filters][0][field]=state&searchCriteria[filter_groups][0][filters][0][value]=1', '"state" cannot be used for filtering.'],
      ['/invoices?searchCriteria[filter_groups][0][filters][0][field]=constructor&searchCriteria[filter_groups][0][filters][0][value]=1', '"constructor" cannot be used for filtering.'],
      ['/creditmemos?searchCriteria[sort_orders][0][field]=grand_total', '"grand_total" cannot be used for sorting.'],
      ['/invoices?searchCriteria[pageSize]=301', 'pageSize must be between 1 and 300.'],
    ]) {
      const res = await request(web).get(`/rest/V1${path}`);
      expect(res.status).toBe(400);
      expect(res.body.message).toBe(message);
    }
  });
});
