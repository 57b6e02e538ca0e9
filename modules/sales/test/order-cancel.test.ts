import request from 'supertest';
import type { Express } from 'express';
import { Kernel } from '../../../app';
import type { AdminAuthorizer } from '../../../app/http/admin-authorizer';
import { createHttpApp } from '../../../app/http/http-app';
import type { TestApp } from '../../../app/testing/test-app';
import { CatalogApi } from '../../catalog/api';
import { PaymentDeclinedError } from '../api/payment';
import { SalesConfigPath as P } from '../api/sales-config-paths';
import { SalesTable as T } from '../api/sales-tables';
import { SalesInternal } from '../model/sales-internal-tokens';
import type { CreditmemoService } from '../order/creditmemo-service';
import type { OrderLifecycle } from '../order/order-lifecycle';
import { placeOrderOf, sandboxNonce } from './order-documents-helpers';
import { ledgerOf, stateOf } from './order-flow-helpers';
import { createSalesTestApp, Storefront } from './sales-test-app';

/** Stands in for the admin security module: an authorized admin with every resource. */
const allowAll: AdminAuthorizer = { authorize: async () => ({ allowed: true, principal: { type: 'admin', id: 1 } }) };

/*
 * Magento's rules for a cancel (Order::canCancel, Order::registerCancellation, OrderItem::getQtyToCancel), as we apply them:
 * - a new or processing order can be canceled while some units are neither invoiced nor shipped; a complete, closed or
 *   canceled order, or one whose every unit is invoiced (or invoiced and shipped), cannot: "We cannot cancel this order.";
 * - each line's qty_canceled = min(left to invoice, left to ship); those units' held stock is released and they can never
 *   be invoiced nor shipped; invoiced units not shipped can still ship, shipped units not invoiced can still be invoiced;
 * - the state: canceled when nothing was invoiced or shipped; processing while invoiced units are left to ship (or shipped
 *   ones to invoice); complete when every invoiced unit is shipped and the rest canceled; closed when, on top of that,
 *   everything invoiced was refunded;
 * - a card authorization is voided when nothing was captured, otherwise its uncaptured rest is released.
 */
describe('Order cancel: what is neither invoiced nor shipped', () => {
  let app: TestApp;
  let shop: Storefront;
  let web: Express;
  let orders: OrderLifecycle;
  let memos: CreditmemoService;
  const stock = async (sku: string) => {
    const item = (await app.get(CatalogApi.ProductRepository).get(sku))!.stock;
    return { onHand: item.qty, held: item.reservedQty };
  };
  const lines = async (orderId: number) => {
    const rows = await app.db.knex(T.orderItem).where('order_id', orderId).orderBy('item_id');
    return rows.map((r) => ({ id: Number(r.item_id), sku: String(r.stock_sku), canceled: Number(r.qty_canceled) }));
  };
  const canceledQtys = async (orderId: number) => (await lines(orderId)).map((l) => [l.sku, l.canceled]);
  const refuse = 'We cannot cancel this order.';

  beforeAll(async () => {
    app = await createSalesTestApp({ overrides: (bind) => void bind(Kernel.AdminAuthorizer).toConstantValue(allowAll) });
    shop = new Storefront(app);
    web = createHttpApp(app);
    orders = app.get(SalesInternal.OrderLifecycle);
    memos = app.get(SalesInternal.CreditmemoService);
    await app.get(Kernel.Config).set(P.TaxRates, JSON.stringify([{ country: 'US', region: 'TX', rate: 8.25, label: 'TX' }]));
    await app.get(CatalogApi.ProductRepository).saveMany([
      { input: { sku: 'WIDGET', price: 1001, attributes: { name: 'Widget' }, stock: { qty: 100 } } },
      { input: { sku: 'LAMP', price: 4000, attributes: { name: 'Lamp' }, stock: { qty: 100 } } },
      { input: { sku: 'EBOOK', typeId: 'virtual', price: 900, attributes: { name: 'E-book' }, stock: { qty: 100 } } },
    ]);
  });
  afterAll(() => app?.close());

  it('after a partial invoice, cancels the rest: its stock is released, qty_canceled set, the order stays processing and the rest cannot be invoiced', async () => {
    const widgetBefore = await stock('WIDGET');
    const lampBefore = await stock('LAMP');
    const id = await placeOrderOf(shop, [['WIDGET', 3], ['LAMP', 1]], {});
    const [widget, lamp] = await lines(id);
    await orders.invoice(id, { items: [{ order_item_id: widget.id, qty: 1 }] });
    const dispatch = jest.spyOn(app.get(Kernel.EventBus), 'dispatch');

    await orders.cancel(id);
    const { increment_id: number } = await app.db.knex(T.order).where('entity_id', id).first('increment_id');
    expect(dispatch).toHaveBeenCalledWith('order_cancel_after', { orderId: id, incrementId: number, items: [{ orderItemId: widget.id, qty: 2 }, { orderItemId: lamp.id, qty: 1 }] });
    dispatch.mockRestore();
    expect(await canceledQtys(id)).toEqual([['WIDGET', 2], ['LAMP', 1]]);
    // Only the invoiced widget is still held, waiting for its shipment.
    expect(await stock('WIDGET')).toEqual({ onHand: widgetBefore.onHand, held: widgetBefore.held + 1 });
    expect(await stock('LAMP')).toEqual(lampBefore);
    // Magento: a line with something to refund and more left to ship than to cancel keeps the order processing.
    expect(await stateOf(app, id)).toEqual({ state: 'processing', status: 'processing' });

    await expect(orders.invoice(id)).rejects.toThrow('The order does not allow an invoice to be created.');
    await expect(orders.invoice(id, { items: [{ order_item_id: lamp.id, qty: 1 }] })).rejects.toThrow('The order does not allow an invoice to be created.');
    await expect(orders.ship(id, { items: [{ order_item_id: widget.id, qty: 2 }] })).rejects.toThrow(`Cannot ship 2 of "WIDGET" (order_item_id ${widget.id}): 1 left to ship.`);
    await expect(orders.cancel(id)).rejects.toThrow(refuse);
    await orders.ship(id);
    expect(await stateOf(app, id)).toEqual({ state: 'complete', status: 'complete' });
    expect(await stock('WIDGET')).toEqual({ onHand: widgetBefore.onHand - 1, held: widgetBefore.held });
    expect(await app.db.knex(T.invoice).where('order_id', id)).toHaveLength(1);
  });

  it('what is invoiced and shipped stays, the rest is canceled and the order is complete', async () => {
    const before = await stock('WIDGET');
    const id = await placeOrderOf(shop, [['WIDGET', 3]], {});
    const [widget] = await lines(id);
    await orders.invoice(id, { items: [{ order_item_id: widget.id, qty: 1 }] });
    await orders.ship(id, { items: [{ order_item_id: widget.id, qty: 1 }] });
    await orders.cancel(id);
    expect(await canceledQtys(id)).toEqual([['WIDGET', 2]]);
    expect(await stock('WIDGET')).toEqual({ onHand: before.onHand - 1, held: before.held });
    expect(await stateOf(app, id)).toEqual({ state: 'complete', status: 'complete' });
    await expect(orders.cancel(id)).rejects.toThrow(refuse);
    await expect(orders.ship(id)).rejects.toThrow('The order does not allow a shipment to be created.');
    // The storefront shows the line as Magento does: what is actually ordered (less the canceled units) is shipped.
    const { increment_id: number } = await app.db.knex(T.order).where('entity_id', id).first('increment_id');
    const res = await shop.gql(`{ guestOrder(input: { number: "${number}", email: "buyer@example.com", postcode: "78701" }) { status items { product_sku status quantity_canceled } } }`);
    expect(res.data!.guestOrder).toEqual({ status: 'Complete', items: [{ product_sku: 'WIDGET', status: 'Shipped', quantity_canceled: 2 }] });
  });

  it('shipped units not invoiced stay to be invoiced, billed for themselves only, never for the canceled units', async () => {
    const before = await stock('WIDGET');
    const id = await placeOrderOf(shop, [['WIDGET', 3]], {});
    const [widget] = await lines(id);
    const order = await app.db.knex(T.order).where('entity_id', id).first('tax_amount', 'shipping_amount', 'grand_total');
    // 3 × 10.01, 8.25% tax: 2.48 for the line; flat rate 5.00 per unit.
    expect({ tax: Number(order.tax_amount), shipping: Number(order.shipping_amount) }).toEqual({ tax: 248, shipping: 1500 });
    await orders.ship(id, { items: [{ order_item_id: widget.id, qty: 1 }] });
    await orders.cancel(id);
    expect(await canceledQtys(id)).toEqual([['WIDGET', 2]]);
    expect(await stock('WIDGET')).toEqual({ onHand: before.onHand - 1, held: before.held });
    expect(await stateOf(app, id)).toEqual({ state: 'processing', status: 'processing' });
    await expect(orders.ship(id)).rejects.toThrow('The order does not allow a shipment to be created.');
    await expect(orders.invoice(id, { items: [{ order_item_id: widget.id, qty: 2 }] })).rejects.toThrow(`Cannot invoice 2 of "WIDGET" (order_item_id ${widget.id}): 1 left to invoice.`);

    const invoiceId = await orders.invoice(id);
    const invoice = await app.db.knex(T.invoice).where('entity_id', invoiceId).first();
    // One unit's share of the line (10.01, tax 0.83 of 2.48) and the whole shipping, not the canceled units' 20.02.
    expect([Number(invoice.subtotal), Number(invoice.tax_amount), Number(invoice.shipping_amount), Number(invoice.grand_total)]).toEqual([1001, 83, 1500, 1001 + 83 + 1500]);
    expect(JSON.parse(invoice.items)).toEqual([{ order_item_id: widget.id, qty: 1, price: 1001, row_total: 1001, discount_amount: 0, tax_amount: 83 }]);
    expect(await stateOf(app, id)).toEqual({ state: 'complete', status: 'complete' });
  });

  it('a virtual line partly invoiced keeps its invoiced units; with its shippable line canceled the order is complete', async () => {
    const ebookBefore = await stock('EBOOK');
    const lampBefore = await stock('LAMP');
    const id = await placeOrderOf(shop, [['LAMP', 1], ['EBOOK', 2]], {});
    const [, ebook] = await lines(id);
    await orders.invoice(id, { items: [{ order_item_id: ebook.id, qty: 1 }] });
    await orders.cancel(id);
    expect(await canceledQtys(id)).toEqual([['LAMP', 1], ['EBOOK', 1]]);
    expect(await stock('LAMP')).toEqual(lampBefore);
    expect((await stock('EBOOK')).held).toBe(ebookBefore.held + 1);
    expect(await stateOf(app, id)).toEqual({ state: 'complete', status: 'complete' });
  });

  it('a partial invoice refunded in full, then the rest canceled: the order is closed and no unit is held', async () => {
    const before = await stock('WIDGET');
    const id = await placeOrderOf(shop, [['WIDGET', 3]], {});
    const [widget] = await lines(id);
    await orders.invoice(id, { items: [{ order_item_id: widget.id, qty: 1 }] });
    await memos.refund(id);
    expect(await stateOf(app, id)).toEqual({ state: 'processing', status: 'processing' });
    await orders.cancel(id);
    expect(await canceledQtys(id)).toEqual([['WIDGET', 2]]);
    expect(await stock('WIDGET')).toEqual(before);
    expect(await stateOf(app, id)).toEqual({ state: 'closed', status: 'closed' });
    await expect(orders.cancel(id)).rejects.toThrow(refuse);
  });

  it('PAY-04 a card order partly captured, then canceled: the uncaptured rest is released in the sandbox ledger and no later capture is accepted', async () => {
    const id = await placeOrderOf(shop, [['WIDGET', 3], ['LAMP', 1]], { payment: 'card' });
    const [widget] = await lines(id);
    const invoiceId = await orders.invoice(id, { items: [{ order_item_id: widget.id, qty: 1 }] });
    const captured = Number((await app.db.knex(T.invoice).where('entity_id', invoiceId).first('grand_total')).grand_total);
    const payment = await app.db.knex(T.orderPayment).where('order_id', id).first('amount_authorized', 'last_trans_id');
    const authorized = Number(payment.amount_authorized);
    expect(captured).toBeLessThan(authorized);

    await orders.cancel(id);
    expect(await ledgerOf(app, id)).toEqual([`capture:${captured}`, `release:${authorized - captured}`]);
    const gateway = app.get(SalesInternal.SandboxGateway);
    await expect(gateway.capture(payment.last_trans_id, 100)).rejects.toThrow('The rest of the authorization was released.');
    await expect(gateway.releaseRemainder(payment.last_trans_id)).rejects.toThrow('The authorization was already voided or released.');
    expect(await stateOf(app, id)).toEqual({ state: 'processing', status: 'processing' });
    await expect(orders.invoice(id)).rejects.toThrow('The order does not allow an invoice to be created.');
    // The captured part is still refundable against its capture.
    await memos.refund(id);
    expect(await ledgerOf(app, id)).toEqual([`capture:${captured}`, `release:${authorized - captured}`]);
    const refunds = await app.db.knex(T.sandboxTransaction).where({ kind: 'refund' }).whereIn('parent_id', app.db.knex(T.invoice).where('order_id', id).select('transaction_id'));
    expect(refunds.map((r) => Number(r.amount))).toEqual([captured]);
  });

  it('PAY-04 the sandbox releases only what was not captured, once, and refuses captures after it', async () => {
    const gateway = app.get(SalesInternal.SandboxGateway);
    const auth = await gateway.authorize(sandboxNonce(app), 5000, 'USD', { reference: 'CANCEL-1', vault: false });
    await gateway.capture(auth.transactionId, 1200);
    expect(await gateway.releaseRemainder(auth.transactionId)).toBe(3800);
    await expect(gateway.capture(auth.transactionId, 1)).rejects.toThrow(PaymentDeclinedError);
    await expect(gateway.releaseRemainder(auth.transactionId)).rejects.toThrow('The authorization was already voided or released.');
    await expect(gateway.releaseRemainder('sbx_unknown')).rejects.toThrow('Unknown authorization.');
    const rows = await app.db.knex(T.sandboxTransaction).where('parent_id', auth.transactionId).orderBy('entity_id');
    expect(rows.map((r) => `${r.kind}:${r.amount}`)).toEqual(['capture:1200', 'release:3800']);
  });

  it('a card order with nothing captured is still voided whole', async () => {
    const before = await stock('LAMP');
    const id = await placeOrderOf(shop, [['LAMP', 2]], { payment: 'card' });
    await orders.cancel(id);
    expect(await ledgerOf(app, id)).toEqual(['void:0']);
    expect(await canceledQtys(id)).toEqual([['LAMP', 2]]);
    expect(await stock('LAMP')).toEqual(before);
    expect(await stateOf(app, id)).toEqual({ state: 'canceled', status: 'canceled' });
  });

  it('refuses to cancel a complete order, or one whose every unit is invoiced, changing nothing', async () => {
    const complete = await placeOrderOf(shop, [['WIDGET', 2]], {});
    await orders.invoice(complete);
    await orders.ship(complete);
    await expect(orders.cancel(complete)).rejects.toThrow(refuse);
    expect(await stateOf(app, complete)).toEqual({ state: 'complete', status: 'complete' });

    const invoiced = await placeOrderOf(shop, [['WIDGET', 2]], {});
    await orders.invoice(invoiced);
    const held = await stock('WIDGET');
    await expect(orders.cancel(invoiced)).rejects.toThrow(refuse);
    expect(await canceledQtys(invoiced)).toEqual([['WIDGET', 0]]);
    expect(await stock('WIDGET')).toEqual(held);
    expect(await stateOf(app, invoiced)).toEqual({ state: 'processing', status: 'processing' });
  });

  it('POST /V1/orders/:id/cancel answers true for a partly invoiced order, then 400 with Magento\'s message', async () => {
    const id = await placeOrderOf(shop, [['WIDGET', 2]], {});
    const [widget] = await lines(id);
    expect((await request(web).post(`/rest/V1/order/${id}/invoice`).send({ items: [{ order_item_id: widget.id, qty: 1 }] })).status).toBe(200);
    const res = await request(web).post(`/rest/V1/orders/${id}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body).toBe(true);
    expect((await request(web).get(`/rest/V1/orders/${id}`)).body).toMatchObject({ state: 'processing', status: 'processing', items: [{ qty_ordered: 2, qty_invoiced: 1, qty_canceled: 1 }] });
    const again = await request(web).post(`/rest/V1/orders/${id}/cancel`);
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ message: refuse });
    expect((await request(web).post('/rest/V1/orders/999999/cancel')).status).toBe(404);
  });
});
