import request from 'supertest';
import type { Express } from 'express';
import { Kernel } from '../../../app';
import type { AdminAuthorizer } from '../../../app/http/admin-authorizer';
import { createHttpApp } from '../../../app/http/http-app';
import type { TestApp } from '../../../app/testing/test-app';
import { CatalogApi } from '../../catalog/api';
import { SalesConfigPath as P } from '../api/sales-config-paths';
import { SalesTable as T } from '../api/sales-tables';
import { placeOrderOf } from './order-documents-helpers';
import { ledgerOf, stateOf } from './order-flow-helpers';
import { createSalesTestApp, Storefront } from './sales-test-app';

const allowAll: AdminAuthorizer = { authorize: async () => ({ allowed: true, principal: { type: 'admin', id: 1 } }) };

/*
 * Magento's open invoices: POST /V1/order/:id/invoice with capture false on a card order creates the invoice in state 1
 * (open, "Pending") without touching the gateway; POST /V1/invoices/:id/capture captures its grand total (state 2, paid),
 * POST /V1/invoices/:id/void cancels it (state 3) and frees its quantities. Only paid invoices count as paid money: credit
 * memos refund against them only, and the order is not complete while an invoice is open.
 */
describe('Open card invoices: capture later, void', () => {
  let locked: TestApp;
  let app: TestApp;
  let web: Express;
  let shop: Storefront;
  const post = (path: string, body?: unknown) => {
    const call = request(web).post(`/rest/V1${path}`);
    return body === undefined ? call : call.set('Content-Type', 'application/json').send(body as object);
  };
  const itemIds = async (orderId: number) => (await app.db.knex(T.orderItem).where('order_id', orderId).orderBy('item_id')).map((r) => Number(r.item_id));
  const invoiceRow = async (id: number) => {
    const r = await app.db.knex(T.invoice).where('entity_id', id).first();
    return { state: Number(r.state), grandTotal: Number(r.grand_total), shipping: Number(r.shipping_amount), transactionId: r.transaction_id as string | null };
  };
  const paid = async (orderId: number) => {
    const order = await app.db.knex(T.order).where('entity_id', orderId).first('total_paid');
    const payment = await app.db.knex(T.orderPayment).where('order_id', orderId).first('amount_paid');
    return { totalPaid: Number(order.total_paid), amountPaid: Number(payment.amount_paid) };
  };
  const invoiced = async (orderId: number) =>
    (await app.db.knex(T.orderItem).where('order_id', orderId).orderBy('item_id')).map((r) => [Number(r.qty_invoiced), Number(r.row_invoiced), Number(r.discount_invoiced), Number(r.tax_invoiced)]);
  /** The capture rows of the order's authorization, with their transaction ids. */
  const captures = async (orderId: number) => {
    const payment = await app.db.knex(T.orderPayment).where('order_id', orderId).first('last_trans_id');
    return app.db.knex(T.sandboxTransaction).where({ parent_id: payment.last_trans_id, kind: 'capture' }).orderBy('entity_id').select('transaction_id', 'amount');
  };

  beforeAll(async () => {
    locked = await createSalesTestApp();
    app = await createSalesTestApp({ overrides: (bind) => void bind(Kernel.AdminAuthorizer).toConstantValue(allowAll) });
    web = createHttpApp(app);
    shop = new Storefront(app);
    await app.get(Kernel.Config).set(P.TaxRates, JSON.stringify([{ country: 'US', region: 'TX', rate: 8.25, label: 'TX' }]));
    await app.get(CatalogApi.ProductRepository).saveMany([
      { input: { sku: 'MUG', price: 1250, attributes: { name: 'Mug' }, stock: { qty: 50 } } },
      { input: { sku: 'PLATE', price: 799, attributes: { name: 'Plate' }, stock: { qty: 50 } } },
    ]);
  });
  afterAll(async () => {
    await locked?.close();
    await app?.close();
  });

  it('API-02 the capture and void routes need an admin token with Magento_Sales::sales_invoice', async () => {
    const lockedWeb = createHttpApp(locked);
    for (const path of ['/rest/V1/invoices/1/capture', '/rest/V1/invoices/1/void']) {
      const res = await request(lockedWeb).post(path);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ message: "The consumer isn't authorized to access Magento_Sales::sales_invoice." });
    }
  });

  it('capture false on a card order creates an open invoice: no gateway call, no transaction id, nothing paid; shown with state 1 and listed on the storefront; the order cannot be canceled while it is open', async () => {
    const id = await placeOrderOf(shop, [['MUG', 2], ['PLATE', 1]], { payment: 'card' });
    const [mug] = await itemIds(id);
    const res = await post(`/order/${id}/invoice`, { capture: false, items: [{ order_item_id: mug, qty: 1 }] });
    expect(res.status).toBe(200);
    const invoiceId = res.body as number;
    const invoice = await invoiceRow(invoiceId);
    expect(invoice).toMatchObject({ state: 1, transactionId: null });
    expect(invoice.grandTotal).toBeGreaterThan(0);
    // The sandbox saw nothing after the authorization: no capture, no void.
    expect(await ledgerOf(app, id)).toEqual([]);
    expect(await paid(id)).toEqual({ totalPaid: 0, amountPaid: 0 });
    // The units are invoiced (they cannot be invoiced twice), the order is processing.
    expect((await invoiced(id))[0][0]).toBe(1);
    expect(await stateOf(app, id)).toEqual({ state: 'processing', status: 'processing' });

    const shown = await request(web).get(`/rest/V1/invoices/${invoiceId}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ entity_id: invoiceId, state: 1, transaction_id: null, grand_total: invoice.grandTotal / 100 });
    const { increment_id: number } = await app.db.knex(T.order).where('entity_id', id).first('increment_id');
    const gql = await shop.gql(`{ guestOrder(input: { number: "${number}", email: "buyer@example.com", postcode: "78701" }) { invoices { number } } }`);
    expect(gql.errors).toBeUndefined();
    expect(gql.data!.guestOrder.invoices).toEqual([{ number: expect.any(String) }]);

    // The rest cannot be canceled while the invoice waits for the authorization: nothing changes, nothing is voided.
    const canceled = await post(`/orders/${id}/cancel`);
    expect(canceled.status).toBe(400);
    expect(canceled.body).toEqual({ message: 'We cannot cancel this order while it has an open invoice: capture or void the invoice first.' });
    const qtyCanceled = await app.db.knex(T.orderItem).where('order_id', id).sum({ n: 'qty_canceled' }).first();
    expect(Number(qtyCanceled!.n)).toBe(0);
    expect(await ledgerOf(app, id)).toEqual([]);
  });

  it('captures an open invoice later for exactly its total (state 2, the capture transaction id, total_paid); a second capture is refused', async () => {
    const id = await placeOrderOf(shop, [['MUG', 2], ['PLATE', 1]], { payment: 'card' });
    const invoiceId = (await post(`/order/${id}/invoice`, { capture: false })).body as number;
    const { grandTotal } = await invoiceRow(invoiceId);

    const res = await post(`/invoices/${invoiceId}/capture`);
    expect(res.status).toBe(200);
    expect(res.body).toBe(String(invoiceId));
    const rows = await captures(id);
    expect(rows.map((r) => Number(r.amount))).toEqual([grandTotal]);
    expect(await invoiceRow(invoiceId)).toEqual({ state: 2, grandTotal, shipping: expect.any(Number), transactionId: rows[0].transaction_id });
    expect(await paid(id)).toEqual({ totalPaid: grandTotal, amountPaid: grandTotal });
    expect((await request(web).get(`/rest/V1/invoices/${invoiceId}`)).body).toMatchObject({ state: 2, transaction_id: rows[0].transaction_id });

    const again = await post(`/invoices/${invoiceId}/capture`);
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ message: 'The invoice cannot be captured.' });
    expect(await ledgerOf(app, id)).toEqual([`capture:${grandTotal}`]);
    expect(await paid(id)).toEqual({ totalPaid: grandTotal, amountPaid: grandTotal });

    // The captured invoice is refundable online against its own capture.
    const memo = await post(`/order/${id}/refund`, {});
    expect(memo.status).toBe(200);
    expect(await ledgerOf(app, id)).toEqual([`capture:${grandTotal}`]);
    const refund = await app.db.knex(T.sandboxTransaction).where({ parent_id: rows[0].transaction_id, kind: 'refund' }).first('amount');
    expect(Number(refund.amount)).toBe(grandTotal);
  });

  it('an order with an open invoice is not complete (nor cancelable) until the invoice is paid', async () => {
    const id = await placeOrderOf(shop, [['MUG', 1]], { payment: 'card' });
    const invoiceId = (await post(`/order/${id}/invoice`, { capture: false })).body as number;
    expect((await post(`/order/${id}/ship`, {})).status).toBe(200);
    // Everything invoiced and shipped, but not paid: processing.
    expect(await stateOf(app, id)).toEqual({ state: 'processing', status: 'processing' });
    const canceled = await post(`/orders/${id}/cancel`);
    expect(canceled.status).toBe(400);
    expect(canceled.body).toEqual({ message: 'We cannot cancel this order.' });
    expect(await ledgerOf(app, id)).toEqual([]);

    expect((await post(`/invoices/${invoiceId}/capture`)).status).toBe(200);
    expect(await stateOf(app, id)).toEqual({ state: 'complete', status: 'complete' });
  });

  it('voids an open invoice: state 3, its quantities and amounts go back to the order items, a new invoice for them is accepted; the authorization is untouched', async () => {
    const id = await placeOrderOf(shop, [['MUG', 3], ['PLATE', 2]], { payment: 'card' });
    const [mug, plate] = await itemIds(id);
    const before = await invoiced(id);
    const openId = (await post(`/order/${id}/invoice`, { capture: false, items: [{ order_item_id: mug, qty: 2 }, { order_item_id: plate, qty: 1 }] })).body as number;
    const open = await invoiceRow(openId);
    expect(open.shipping).toBeGreaterThan(0);
    expect(await invoiced(id)).not.toEqual(before);

    const res = await post(`/invoices/${openId}/void`);
    expect(res.status).toBe(200);
    expect(res.body).toBe(true);
    expect((await invoiceRow(openId)).state).toBe(3);
    expect(await invoiced(id)).toEqual(before);
    expect(await ledgerOf(app, id)).toEqual([]);
    expect(await paid(id)).toEqual({ totalPaid: 0, amountPaid: 0 });
    expect((await request(web).get(`/rest/V1/invoices/${openId}`)).body).toMatchObject({ state: 3 });

    // A voided invoice can be neither captured nor voided again.
    expect((await post(`/invoices/${openId}/capture`)).body).toEqual({ message: 'The invoice cannot be captured.' });
    expect((await post(`/invoices/${openId}/void`)).body).toEqual({ message: 'The invoice cannot be voided.' });

    // The same units are invoiced again, captured at once: same amounts (the shipping too), captured against the authorization.
    const again = await post(`/order/${id}/invoice`, { items: [{ order_item_id: mug, qty: 2 }, { order_item_id: plate, qty: 1 }] });
    expect(again.status).toBe(200);
    const paidInvoice = await invoiceRow(again.body as number);
    expect(paidInvoice).toMatchObject({ state: 2, grandTotal: open.grandTotal, shipping: open.shipping });
    expect(await ledgerOf(app, id)).toEqual([`capture:${open.grandTotal}`]);
    expect(await paid(id)).toEqual({ totalPaid: open.grandTotal, amountPaid: open.grandTotal });

    // A paid invoice cannot be voided: nothing changes.
    const refused = await post(`/invoices/${again.body}/void`);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ message: 'The invoice cannot be voided.' });
    expect((await invoiceRow(again.body as number)).state).toBe(2);
    expect((await invoiced(id))[0][0]).toBe(2);

    // The rest is invoiced: the order adds up exactly, the freed shipping was billed once.
    expect((await post(`/order/${id}/invoice`, {})).status).toBe(200);
    const order = await app.db.knex(T.order).where('entity_id', id).first('grand_total', 'total_paid');
    expect(Number(order.total_paid)).toBe(Number(order.grand_total));
  });

  it('refuses a credit memo while only open invoices exist, and refunds only paid invoices\' units once some are paid', async () => {
    const id = await placeOrderOf(shop, [['MUG', 2], ['PLATE', 1]], { payment: 'card' });
    const [mug, plate] = await itemIds(id);
    const openId = (await post(`/order/${id}/invoice`, { capture: false, items: [{ order_item_id: mug, qty: 2 }] })).body as number;
    const refused = await post(`/order/${id}/refund`, {});
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ message: 'The order does not allow a credit memo to be created.' });
    expect(await app.db.knex(T.creditmemo).where('order_id', id)).toEqual([]);
    expect(await ledgerOf(app, id)).toEqual([]);

    // The plate is invoiced and captured; the mugs' invoice is still open.
    const paidId = (await post(`/order/${id}/invoice`, { items: [{ order_item_id: plate, qty: 1 }] })).body as number;
    const paidTotal = (await invoiceRow(paidId)).grandTotal;
    const mugs = await post(`/order/${id}/refund`, { items: [{ order_item_id: mug, qty: 1 }] });
    expect(mugs.status).toBe(400);
    expect(mugs.body.message).toMatch(/Cannot refund 1 of "MUG".*0 left to refund/);
    // Refunding "everything" refunds the paid plate only, against its capture.
    const memo = await post(`/order/${id}/refund`, {});
    expect(memo.status).toBe(200);
    const row = await app.db.knex(T.creditmemo).where('entity_id', memo.body).first('grand_total', 'items');
    expect(Number(row.grand_total)).toBe(paidTotal);
    expect(JSON.parse(row.items).map((l: { order_item_id: number; qty: number }) => [l.order_item_id, l.qty])).toEqual([[plate, 1]]);
    const items = await app.db.knex(T.orderItem).where('order_id', id).orderBy('item_id');
    expect(items.map((i) => Number(i.qty_refunded))).toEqual([0, 1]);
    // The open invoice is still open and can still be captured.
    expect((await invoiceRow(openId)).state).toBe(1);
    expect((await post(`/invoices/${openId}/capture`)).status).toBe(200);
  });

  it('offline payments are paid at once even with capture false; unknown invoices are 404', async () => {
    const id = await placeOrderOf(shop, [['MUG', 1]], {});
    const invoiceId = (await post(`/order/${id}/invoice`, { capture: false })).body as number;
    const invoice = await invoiceRow(invoiceId);
    expect(invoice).toMatchObject({ state: 2, transactionId: null });
    expect(await paid(id)).toEqual({ totalPaid: invoice.grandTotal, amountPaid: invoice.grandTotal });
    expect((await post(`/invoices/${invoiceId}/capture`)).status).toBe(400);
    expect((await post(`/invoices/${invoiceId}/void`)).status).toBe(400);
    for (const path of ['/invoices/999999/capture', '/invoices/999999/void']) expect((await post(path)).status).toBe(404);
    expect((await post('/invoices/abc/capture')).status).toBe(400);
  });
});
