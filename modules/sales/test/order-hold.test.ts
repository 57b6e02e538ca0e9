import request from 'supertest';
import type { Express } from 'express';
import { Kernel } from '../../../app';
import type { AdminAuthorizer } from '../../../app/http/admin-authorizer';
import { createHttpApp } from '../../../app/http/http-app';
import type { TestApp } from '../../../app/testing/test-app';
import { CatalogApi } from '../../catalog/api';
import { SalesConfigPath as P } from '../api/sales-config-paths';
import { SalesTable as T } from '../api/sales-tables';
import { CANCEL_MESSAGES } from '../order/customer-order-actions';
import { placeOrderOf } from './order-documents-helpers';
import { stateOf } from './order-flow-helpers';
import { createSalesTestApp, Storefront } from './sales-test-app';

const CANCEL = `mutation ($id: ID!, $reason: String!) { cancelOrder(input: { order_id: $id, reason: $reason }) { error order { status } } }`;
const ORDERS = '{ customer { orders { items { number status } } } }';

/** Magento's order hold: POST /V1/orders/:id/hold and /unhold, and what an order on hold refuses. */
describe('order hold and unhold', () => {
  let app: TestApp;
  let web: Express;
  let shop: Storefront;
  let token: string;
  const denied: string[] = [];
  const post = (path: string, body: unknown = {}) => request(web).post(`/rest/V1${path}`).set('Content-Type', 'application/json').send(body as object);
  const uid = (id: number) => Buffer.from(String(id)).toString('base64');

  beforeAll(async () => {
    const authorizer: AdminAuthorizer = {
      authorize: async (_req, resource) =>
        denied.includes(String(resource)) ? { allowed: false, status: 403, message: `The consumer isn't authorized to access ${String(resource)}.` } : { allowed: true, principal: { type: 'admin', id: 1 } },
    };
    app = await createSalesTestApp({ overrides: (bind) => void bind(Kernel.AdminAuthorizer).toConstantValue(authorizer) });
    web = createHttpApp(app);
    shop = new Storefront(app);
    await app.get(CatalogApi.ProductRepository).save({ sku: 'MUG', price: 1250, attributes: { name: 'Mug' }, stock: { qty: 100 } });
    await app.get(Kernel.Config).set(P.OrderCancellationEnabled, '1');
    token = await shop.customer('holder@example.com');
  });
  afterAll(() => app?.close());

  it('holds a new order: nothing can be invoiced, shipped or canceled, by the admin or the customer, until it is released', async () => {
    const id = await placeOrderOf(shop, [['MUG', 2]], { token });
    expect((await post(`/orders/${id}/hold`)).body).toBe(true);
    expect(await stateOf(app, id)).toEqual({ state: 'holded', status: 'holded' });
    expect((await request(web).get(`/rest/V1/orders/${id}`)).body).toMatchObject({ state: 'holded', status: 'holded', hold_before_state: 'new', hold_before_status: 'pending' });
    expect((await shop.gql(ORDERS, {}, token)).data!.customer.orders.items[0].status).toBe('On Hold');

    for (const [path, message] of [
      [`/order/${id}/invoice`, 'The order does not allow an invoice to be created.'],
      [`/order/${id}/ship`, 'The order does not allow a shipment to be created.'],
      [`/orders/${id}/cancel`, 'We cannot cancel this order.'],
      [`/orders/${id}/hold`, 'A hold action is not available.'],
    ]) {
      const res = await post(path);
      expect(res.status).toBe(400);
      expect(res.body.message).toBe(message);
    }
    expect((await shop.gql(CANCEL, { id: uid(id), reason: 'The order was placed by mistake' }, token)).data!.cancelOrder.error).toBe(CANCEL_MESSAGES.finalState);
    const number = String((await app.db.knex(T.order).where('entity_id', id).first('increment_id')).increment_id);
    const REORDER = 'mutation ($n: String!) { reorderItems(orderNumber: $n) { userInputErrors { code message } cart { total_quantity } } }';
    expect((await shop.gql(REORDER, { n: number }, token)).data!.reorderItems.userInputErrors).toEqual([{ code: 'REORDER_NOT_AVAILABLE', message: 'Reorder is not available.' }]);
    expect(await stateOf(app, id)).toEqual({ state: 'holded', status: 'holded' });

    expect((await post(`/orders/${id}/unhold`)).body).toBe(true);
    expect(await stateOf(app, id)).toEqual({ state: 'new', status: 'pending' });
    expect((await request(web).get(`/rest/V1/orders/${id}`)).body.hold_before_state).toBeUndefined();
    const again = await post(`/orders/${id}/unhold`);
    expect(again.status).toBe(400);
    expect(again.body.message).toBe('You cannot remove the hold.');
    expect((await post(`/order/${id}/invoice`)).status).toBe(200);
    expect((await shop.gql(REORDER, { n: number }, token)).data!.reorderItems).toEqual({ userInputErrors: [], cart: { total_quantity: 2 } });
  });

  it('releases a processing order to processing, and refuses to hold a canceled one', async () => {
    const processing = await placeOrderOf(shop, [['MUG', 2]], {});
    const items = await app.db.knex(T.orderItem).where('order_id', processing).select('item_id');
    expect((await post(`/order/${processing}/invoice`, { items: [{ order_item_id: Number(items[0].item_id), qty: 1 }] })).status).toBe(200);
    expect(await stateOf(app, processing)).toEqual({ state: 'processing', status: 'processing' });
    expect((await post(`/orders/${processing}/hold`)).status).toBe(200);
    expect((await post(`/orders/${processing}/unhold`)).status).toBe(200);
    expect(await stateOf(app, processing)).toEqual({ state: 'processing', status: 'processing' });

    const canceled = await placeOrderOf(shop, [['MUG', 1]], {});
    expect((await post(`/orders/${canceled}/cancel`)).status).toBe(200);
    const refused = await post(`/orders/${canceled}/hold`);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe('A hold action is not available.');
    expect((await post('/orders/999999/hold')).status).toBe(404);
  });

  it('API-02 checks Magento_Sales::hold and Magento_Sales::unhold', async () => {
    const id = await placeOrderOf(shop, [['MUG', 1]], {});
    denied.push('Magento_Sales::hold');
    try {
      const res = await post(`/orders/${id}/hold`);
      expect(res.status).toBe(403);
      expect(res.body.message).toContain('Magento_Sales::hold');
      denied.length = 0;
      await post(`/orders/${id}/hold`);
      denied.push('Magento_Sales::unhold');
      expect((await post(`/orders/${id}/unhold`)).status).toBe(403);
      expect(await stateOf(app, id)).toEqual({ state: 'holded', status: 'holded' });
    } finally {
      denied.length = 0;
    }
  });
});
