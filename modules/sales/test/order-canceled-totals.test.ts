import request from 'supertest';
import type { Express } from 'express';
import { Kernel } from '../../../app';
import type { AdminAuthorizer } from '../../../app/http/admin-authorizer';
import { createHttpApp } from '../../../app/http/http-app';
import type { TestApp } from '../../../app/testing/test-app';
import { CatalogApi } from '../../catalog/api';
import { SalesConfigPath as P } from '../api/sales-config-paths';
import { SalesTable as T } from '../api/sales-tables';
import { orderItemCanceledAmounts } from '../migrations/0008-order-item-canceled-amounts';
import { SalesInternal } from '../model/sales-internal-tokens';
import { placeOrderOf } from './order-documents-helpers';
import { createSalesTestApp, Storefront } from './sales-test-app';

const allowAll: AdminAuthorizer = { authorize: async () => ({ allowed: true, principal: { type: 'admin', id: 1 } }) };

/*
 * Magento's cancelled totals (Order::registerCancellation): a cancel writes what it took off the order in subtotal_canceled,
 * discount_canceled, tax_canceled, shipping_canceled and total_canceled (minor units in sales_order, decimals over REST with
 * their base_ twins): everything on a full cancel, the not-invoiced rest after a partial invoice.
 */
describe('Order cancel: the cancelled totals', () => {
  let app: TestApp;
  let shop: Storefront;
  let web: Express;
  const order = async (id: number) => {
    const r = await app.db.knex(T.order).where('entity_id', id).first();
    const n = (k: string) => Number(r[k]);
    return {
      totals: { subtotal: n('subtotal'), discount: n('discount_amount'), tax: n('tax_amount'), shipping: n('shipping_amount'), total: n('grand_total') },
      canceled: { subtotal: n('subtotal_canceled'), discount: n('discount_canceled'), tax: n('tax_canceled'), shipping: n('shipping_canceled'), total: n('total_canceled') },
      paid: n('total_paid'),
    };
  };
  const restCanceled = async (id: number) => {
    const res = await request(web).get(`/rest/V1/orders/${id}`);
    expect(res.status).toBe(200);
    const b = res.body;
    return {
      subtotal: [b.subtotal_canceled, b.base_subtotal_canceled],
      discount: [b.discount_canceled, b.base_discount_canceled],
      tax: [b.tax_canceled, b.base_tax_canceled],
      shipping: [b.shipping_canceled, b.base_shipping_canceled],
      total: [b.total_canceled, b.base_total_canceled],
    };
  };
  const asRest = (c: Record<string, number>) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, [v / 100, v / 100]]));

  beforeAll(async () => {
    app = await createSalesTestApp({ overrides: (bind) => void bind(Kernel.AdminAuthorizer).toConstantValue(allowAll) });
    shop = new Storefront(app);
    web = createHttpApp(app);
    await app.get(Kernel.Config).set(P.TaxRates, JSON.stringify([{ country: 'US', region: 'TX', rate: 8.25, label: 'TX' }]));
    await app.get(SalesInternal.SalesRules).create({ name: '7% off', couponCode: 'SEVEN', simpleAction: 'by_percent', discountAmount: 7, isActive: true, fromDate: null, toDate: null });
    await app.get(CatalogApi.ProductRepository).saveMany([
      { input: { sku: 'WIDGET', price: 1001, attributes: { name: 'Widget' }, stock: { qty: 100 } } },
      { input: { sku: 'LAMP', price: 4000, attributes: { name: 'Lamp' }, stock: { qty: 100 } } },
    ]);
  });
  afterAll(() => app?.close());

  it('an order not yet canceled shows zero cancelled totals', async () => {
    const id = await placeOrderOf(shop, [['WIDGET', 1]], {});
    expect((await order(id)).canceled).toEqual({ subtotal: 0, discount: 0, tax: 0, shipping: 0, total: 0 });
    expect(await restCanceled(id)).toEqual(asRest({ subtotal: 0, discount: 0, tax: 0, shipping: 0, total: 0 }));
  });

  it('a full cancel records the whole order as cancelled: subtotal, discount, tax, shipping and grand total', async () => {
    const id = await placeOrderOf(shop, [['WIDGET', 3], ['LAMP', 1]], { coupon: 'SEVEN', payment: 'card' });
    const before = await order(id);
    expect(before.totals.discount).toBeGreaterThan(0);
    expect(before.totals.tax).toBeGreaterThan(0);
    expect(before.totals.shipping).toBeGreaterThan(0);
    const res = await request(web).post(`/rest/V1/orders/${id}/cancel`);
    expect(res.status).toBe(200);
    const after = await order(id);
    expect(after.canceled).toEqual(before.totals);
    // REST: decimals of the order currency, the discount positive as Magento writes discount_canceled.
    expect(await restCanceled(id)).toEqual(asRest(before.totals));
  });

  it('a cancel after a partial invoice records the not-invoiced rest: invoiced + cancelled add up to the order exactly', async () => {
    const id = await placeOrderOf(shop, [['WIDGET', 3], ['LAMP', 1]], { coupon: 'SEVEN' });
    const [widget] = (await app.db.knex(T.orderItem).where('order_id', id).orderBy('item_id')).map((r) => Number(r.item_id));
    await app.get(SalesInternal.OrderLifecycle).invoice(id, { items: [{ order_item_id: widget, qty: 1 }] });
    expect((await request(web).post(`/rest/V1/orders/${id}/cancel`)).status).toBe(200);
    const after = await order(id);
    const inv = await app.db.knex(T.invoice).where('order_id', id).first();
    const invoiced = { subtotal: Number(inv.subtotal), discount: Number(inv.discount_amount), tax: Number(inv.tax_amount), shipping: Number(inv.shipping_amount), total: Number(inv.grand_total) };
    // The invoice took the shipping: nothing of it is cancelled.
    expect(after.canceled.shipping).toBe(0);
    expect(after.canceled.subtotal).toBeGreaterThan(0);
    for (const key of ['subtotal', 'discount', 'tax', 'shipping', 'total'] as const) expect([key, invoiced[key] + after.canceled[key]]).toEqual([key, after.totals[key]]);
    // Magento's total_canceled = grand_total - total_paid.
    expect(after.canceled.total).toBe(after.totals.total - after.paid);
    expect(await restCanceled(id)).toEqual(asRest(after.canceled));
  });

  it('shipped units invoiced after a cancel take exactly what the cancel left: no minor unit counted twice or lost', async () => {
    // 2 × 10.05 with 7% off: a discount of 1.41, odd in minor units, which half-up shares of 1 unit of 2 would make 0.71 + 0.71.
    await app.get(CatalogApi.ProductRepository).saveMany([{ input: { sku: 'ODD', price: 1005, attributes: { name: 'Odd' }, stock: { qty: 100 } } }]);
    const id = await placeOrderOf(shop, [['ODD', 2], ['LAMP', 3]], { coupon: 'SEVEN' });
    const [odd, lamp] = (await app.db.knex(T.orderItem).where('order_id', id).orderBy('item_id')).map((r) => Number(r.item_id));
    const lifecycle = app.get(SalesInternal.OrderLifecycle);
    // One unit of each shipped before any invoice: the cancel takes the other units and leaves the shipped ones to bill.
    await lifecycle.ship(id, { items: [{ order_item_id: odd, qty: 1 }, { order_item_id: lamp, qty: 1 }] });
    expect((await request(web).post(`/rest/V1/orders/${id}/cancel`)).status).toBe(200);
    const canceled = (await order(id)).canceled;
    expect(canceled.subtotal).toBe(1005 + 2 * 4000);
    await lifecycle.invoice(id);
    const after = await order(id);
    const invoices = await app.db.knex(T.invoice).where('order_id', id);
    expect(invoices).toHaveLength(1);
    const inv = invoices[0];
    const invoiced = { subtotal: Number(inv.subtotal), discount: Number(inv.discount_amount), tax: Number(inv.tax_amount), shipping: Number(inv.shipping_amount), total: Number(inv.grand_total) };
    for (const key of ['subtotal', 'discount', 'tax', 'shipping', 'total'] as const) expect([key, invoiced[key] + after.canceled[key]]).toEqual([key, after.totals[key]]);
    // Per line too: what was invoiced plus the cancelled share is the line's amount.
    const items = await app.db.knex(T.orderItem).where('order_id', id).orderBy('item_id');
    for (const item of items) {
      expect(Number(item.row_invoiced) + Number(item.row_canceled)).toBe(Number(item.row_total));
      expect(Number(item.discount_invoiced) + Number(item.discount_canceled)).toBe(Number(item.discount_amount));
      expect(Number(item.tax_invoiced) + Number(item.tax_canceled)).toBe(Number(item.tax_amount));
    }
  });

  it('migration 0008 gives lines cancelled before it the amounts their cancel took', async () => {
    const full = await placeOrderOf(shop, [['ODD', 2], ['LAMP', 1]], { coupon: 'SEVEN' });
    expect((await request(web).post(`/rest/V1/orders/${full}/cancel`)).status).toBe(200);
    const lines = () => app.db.knex(T.orderItem).where('order_id', full).orderBy('item_id');
    const before = (await lines()).map((i) => [Number(i.row_canceled), Number(i.discount_canceled), Number(i.tax_canceled)]);
    expect(before.map(([row]) => row)).toEqual([2010, 4000]);
    await orderItemCanceledAmounts.down!(app.db.knex);
    await orderItemCanceledAmounts.up(app.db.knex);
    const after = await lines();
    expect(after.map((i) => [Number(i.row_canceled), Number(i.discount_canceled), Number(i.tax_canceled)])).toEqual(before);
    // Nothing invoiced, everything cancelled: each line's whole amounts.
    for (const i of after) expect([Number(i.row_canceled), Number(i.discount_canceled), Number(i.tax_canceled)]).toEqual([Number(i.row_total), Number(i.discount_amount), Number(i.tax_amount)]);
  });
});
