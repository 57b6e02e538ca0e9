import request from 'supertest';
import type { Express } from 'express';
import { Kernel } from '../../../app';
import type { AdminAuthorizer } from '../../../app/http/admin-authorizer';
import { createHttpApp } from '../../../app/http/http-app';
import type { TestApp } from '../../../app/testing/test-app';
import { CatalogApi } from '../../catalog/api';
import { SalesTable as T } from '../api/sales-tables';
import { placeOrder } from './order-flow-helpers';
import { createSalesTestApp, Storefront } from './sales-test-app';

/** Stands in for the admin security module: an authorized admin with every resource. */
const allowAll: AdminAuthorizer = { authorize: async () => ({ allowed: true, principal: { type: 'admin', id: 1 } }) };

describe('Admin order REST API (/rest/V1/orders, /rest/V1/order/:id/...)', () => {
  let locked: TestApp;
  let open: TestApp;
  let web: Express;
  let shop: Storefront;
  const salable = (sku: string) => open.get(CatalogApi.StockReservations).getSalableQty(sku);

  beforeAll(async () => {
    locked = await createSalesTestApp();
    open = await createSalesTestApp({ overrides: (bind) => void bind(Kernel.AdminAuthorizer).toConstantValue(allowAll) });
    web = createHttpApp(open);
    shop = new Storefront(open);
    await open.get(CatalogApi.ProductRepository).save({ sku: 'KETTLE', price: 3550, attributes: { name: 'Kettle' }, stock: { qty: 10 } });
  });
  afterAll(async () => {
    await locked?.close();
    await open?.close();
  });

  it('API-02 refuses every order route to a caller without an admin token, naming its ACL resource', async () => {
    const lockedWeb = createHttpApp(locked);
    const routes: Array<['get' | 'post', string, string]> = [
      ['get', '/rest/V1/orders/1', 'Magento_Sales::actions_view'],
      ['get', '/rest/V1/orders?searchCriteria[pageSize]=5', 'Magento_Sales::sales_order'],
      ['post', '/rest/V1/order/1/invoice', 'Magento_Sales::sales_invoice'],
      ['post', '/rest/V1/order/1/ship', 'Magento_Sales::ship'],
      ['post', '/rest/V1/orders/1/cancel', 'Magento_Sales::cancel'],
    ];
    for (const [method, path, resource] of routes) {
      const res = await request(lockedWeb)[method](path);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ message: `The consumer isn't authorized to access ${resource}.` });
    }
  });

  it('GET /V1/orders/:id answers Magento\'s order shape; an unknown id is 404', async () => {
    const id = await placeOrder(shop, 'KETTLE');
    const res = await request(web).get(`/rest/V1/orders/${id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entity_id: id,
      state: 'new',
      status: 'pending',
      customer_is_guest: 1,
      customer_email: 'buyer@example.com',
      order_currency_code: 'USD',
      subtotal: 35.5,
      shipping_amount: 5,
      grand_total: 40.5,
      total_paid: 0,
      total_qty_ordered: 1,
      items: [{ sku: 'KETTLE', name: 'Kettle', qty_ordered: 1, qty_invoiced: 0, price: 35.5, row_total: 35.5 }],
      billing_address: { address_type: 'billing', firstname: 'Ana', lastname: 'Lima', city: 'Austin', postcode: '78701', country_id: 'US', region_code: 'TX' },
      payment: { method: 'checkmo', amount_paid: 0 },
      extension_attributes: { shipping_assignments: [{ shipping: { method: 'flatrate_flatrate', address: { address_type: 'shipping', city: 'Austin' } } }] },
    });
    expect(res.body.created_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const missing = await request(web).get('/rest/V1/orders/999999');
    expect(missing.status).toBe(404);
    expect((await request(web).get('/rest/V1/orders/abc')).status).toBe(400);
  });

  it('invoices and ships through POST /V1/order/:id/invoice and /ship, answering the new ids', async () => {
    const id = await placeOrder(shop, 'KETTLE');
    const invoice = await request(web).post(`/rest/V1/order/${id}/invoice`).set('Content-Type', 'application/json').send({});
    expect(invoice.status).toBe(200);
    const invoiceRow = await open.db.knex(T.invoice).where('order_id', id).first('entity_id');
    expect(invoice.body).toBe(Number(invoiceRow.entity_id));
    expect((await request(web).get(`/rest/V1/orders/${id}`)).body).toMatchObject({ state: 'processing', status: 'processing', total_paid: 40.5 });
    const ship = await request(web).post(`/rest/V1/order/${id}/ship`);
    expect(ship.status).toBe(200);
    const shipmentRow = await open.db.knex(T.shipment).where('order_id', id).first('entity_id');
    expect(ship.body).toBe(Number(shipmentRow.entity_id));
    expect((await request(web).get(`/rest/V1/orders/${id}`)).body).toMatchObject({ state: 'complete', status: 'complete', items: [{ qty_invoiced: 1, qty_shipped: 1 }] });
    // A second invoice of a complete order is refused with a clear 400, and changes nothing.
    const again = await request(web).post(`/rest/V1/order/${id}/invoice`);
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ message: 'The order does not allow an invoice to be created.' });
    expect(await open.db.knex(T.invoice).where('order_id', id)).toHaveLength(1);
    expect((await request(web).post(`/rest/V1/order/${id}/invoice`).set('Content-Type', 'application/json').send({ capture: true })).status).toBe(400);
  });

  it('POST /V1/orders/:id/cancel answers true and releases the held stock; cancelling an invoiced order is refused', async () => {
    const before = await salable('KETTLE');
    const id = await placeOrder(shop, 'KETTLE');
    expect(await salable('KETTLE')).toBe(before - 1);
    const res = await request(web).post(`/rest/V1/orders/${id}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body).toBe(true);
    expect(await salable('KETTLE')).toBe(before);
    expect((await request(web).get(`/rest/V1/orders/${id}`)).body).toMatchObject({ state: 'canceled', status: 'canceled', items: [{ qty_canceled: 1 }] });

    const invoiced = await placeOrder(shop, 'KETTLE');
    await request(web).post(`/rest/V1/order/${invoiced}/invoice`);
    const refused = await request(web).post(`/rest/V1/orders/${invoiced}/cancel`);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ message: 'We cannot cancel this order.' });
    expect((await request(web).get(`/rest/V1/orders/${invoiced}`)).body).toMatchObject({ state: 'processing' });
    expect(await salable('KETTLE')).toBe(before - 1);
  });

  it('GET /V1/orders searches with Magento searchCriteria: filter groups, sort orders and paging', async () => {
    const all = await request(web).get('/rest/V1/orders');
    expect(all.status).toBe(200);
    const total = all.body.total_count as number;
    expect(total).toBeGreaterThanOrEqual(4);
    const canceled = await request(web).get('/rest/V1/orders').query({
      'searchCriteria[filter_groups][0][filters][0][field]': 'state',
      'searchCriteria[filter_groups][0][filters][0][value]': 'canceled',
      'searchCriteria[filter_groups][0][filters][0][condition_type]': 'eq',
    });
    expect(canceled.body.total_count).toBe(1);
    expect(canceled.body.items.map((o: { state: string }) => o.state)).toEqual(['canceled']);
    expect(canceled.body.search_criteria).toEqual({ filter_groups: [{ filters: [{ field: 'state', value: 'canceled', condition_type: 'eq' }] }], page_size: 20, current_page: 1 });
    // Two filters in one group are ORed; a second group is ANDed.
    const either = await request(web).get('/rest/V1/orders').query({
      'searchCriteria[filterGroups][0][filters][0][field]': 'state',
      'searchCriteria[filterGroups][0][filters][0][value]': 'complete',
      'searchCriteria[filterGroups][0][filters][1][field]': 'state',
      'searchCriteria[filterGroups][0][filters][1][value]': 'canceled',
      'searchCriteria[filterGroups][1][filters][0][field]': 'store_id',
      'searchCriteria[filterGroups][1][filters][0][value]': '1,2',
      'searchCriteria[filterGroups][1][filters][0][conditionType]': 'in',
      'searchCriteria[sortOrders][0][field]': 'entity_id',
      'searchCriteria[sortOrders][0][direction]': 'DESC',
    });
    const states = either.body.items.map((o: { state: string }) => o.state);
    expect(states.sort()).toEqual(['canceled', 'complete']);
    const page = await request(web).get('/rest/V1/orders').query({ 'searchCriteria[pageSize]': 2, 'searchCriteria[currentPage]': 2, 'searchCriteria[sortOrders][0][field]': 'entity_id' });
    expect(page.body.items.map((o: { entity_id: number }) => o.entity_id)).toEqual(all.body.items.slice(2, 4).map((o: { entity_id: number }) => o.entity_id));
    expect(page.body.total_count).toBe(total);
    const bad = await request(web).get('/rest/V1/orders').query({ 'searchCriteria[filter_groups][0][filters][0][field]': 'customer_email', 'searchCriteria[filter_groups][0][filters][0][value]': 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('"customer_email" cannot be used for filtering.');
  });
});
