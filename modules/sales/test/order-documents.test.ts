import { Kernel } from '../../../app';
import type { TestApp } from '../../../app/testing/test-app';
import { CatalogApi } from '../../catalog/api';
import { SalesConfigPath as P } from '../api/sales-config-paths';
import { SalesTable as T } from '../api/sales-tables';
import { SalesInternal } from '../model/sales-internal-tokens';
import type { CreditmemoService } from '../order/creditmemo-service';
import type { OrderLifecycle } from '../order/order-lifecycle';
import { ledgerOf, placeOrder, stateOf } from './order-flow-helpers';
import { placeOrderOf } from './order-documents-helpers';
import { createSalesTestApp, Storefront } from './sales-test-app';

describe('Order documents: partial invoices and shipments, credit memos, numbering', () => {
  let app: TestApp;
  let shop: Storefront;
  let orders: OrderLifecycle;
  let memos: CreditmemoService;
  const stock = async (sku: string) => {
    const item = (await app.get(CatalogApi.ProductRepository).get(sku))!.stock;
    return { onHand: item.qty, held: item.reservedQty };
  };
  const items = async (orderId: number) => {
    const rows = await app.db.knex(T.orderItem).where('order_id', orderId).orderBy('item_id');
    return rows.map((r) => ({ id: Number(r.item_id), sku: r.stock_sku as string }));
  };
  const orderRow = async (orderId: number) => {
    const r = await app.db.knex(T.order).where('entity_id', orderId).first();
    const n = (k: string) => Number(r[k]);
    return { subtotal: n('subtotal'), discount: n('discount_amount'), tax: n('tax_amount'), shipping: n('shipping_amount'), grand: n('grand_total'), paid: n('total_paid'), refunded: n('total_refunded'), number: String(r.increment_id) };
  };
  const sums = (rows: Array<Record<string, unknown>>) => {
    const total = (k: string) => rows.reduce((s, r) => s + Number(r[k]), 0);
    return { subtotal: total('subtotal'), discount: total('discount_amount'), tax: total('tax_amount'), shipping: total('shipping_amount'), grand: total('grand_total') };
  };

  beforeAll(async () => {
    app = await createSalesTestApp();
    shop = new Storefront(app);
    orders = app.get(SalesInternal.OrderLifecycle);
    memos = app.get(SalesInternal.CreditmemoService);
    await app.get(Kernel.Config).set(P.TaxRates, JSON.stringify([{ country: 'US', region: 'TX', rate: 8.25, label: 'TX' }]));
    await app.get(SalesInternal.SalesRules).create({ name: '7% off', couponCode: 'SEVEN', simpleAction: 'by_percent', discountAmount: 7, isActive: true, fromDate: null, toDate: null });
    await app.get(CatalogApi.ProductRepository).saveMany([
      { input: { sku: 'WIDGET', price: 1001, attributes: { name: 'Widget' }, stock: { qty: 50 } } },
      { input: { sku: 'LAMP', price: 4000, attributes: { name: 'Lamp' }, stock: { qty: 50 } } },
      { input: { sku: 'EBOOK', typeId: 'virtual', price: 900, attributes: { name: 'E-book' }, stock: { qty: 50 } } },
    ]);
  });
  afterAll(() => app?.close());

  it('numbers invoices, shipments and credit memos from their own per-store sequences, formatted like order numbers', async () => {
    await placeOrder(shop, 'LAMP');
    const second = await placeOrder(shop, 'LAMP', 'checkmo');
    expect((await orderRow(second)).number).toBe('000000002');
    const invoiceId = await orders.invoice(second);
    const shipmentId = await orders.ship(second);
    const memoId = await memos.refund(second);
    expect((await app.db.knex(T.invoice).where('entity_id', invoiceId).first('increment_id')).increment_id).toBe('000000001');
    expect((await app.db.knex(T.shipment).where('entity_id', shipmentId).first('increment_id')).increment_id).toBe('000000001');
    expect((await app.db.knex(T.creditmemo).where('entity_id', memoId).first('increment_id')).increment_id).toBe('000000001');
    const third = await placeOrder(shop, 'LAMP');
    await orders.invoice(third);
    expect((await app.db.knex(T.invoice).where('order_id', third).first('increment_id')).increment_id).toBe('000000002');
    expect(await app.db.knex(T.documentSequence).orderBy('entity_type')).toEqual([
      { entity_type: 'creditmemo', store_id: 1, last_value: 1 },
      { entity_type: 'invoice', store_id: 1, last_value: 2 },
      { entity_type: 'shipment', store_id: 1, last_value: 1 },
    ]);
  });

  it('PAY-04 partial invoices capture only their own amount at the gateway, take their share of each line and add up to the order exactly', async () => {
    const id = await placeOrderOf(shop, [['WIDGET', 3], ['LAMP', 1]], { payment: 'card', coupon: 'SEVEN' });
    const order = await orderRow(id);
    // 3 × 10.01 and 40.00, 7% off, 8.25% tax on the discounted rows, flat rate 5.00 per unit.
    expect(order).toMatchObject({ subtotal: 7003, discount: 210 + 280, tax: 230 + 307, shipping: 2000 });
    const [widget, lamp] = await items(id);

    const first = await orders.invoice(id, { items: [{ order_item_id: widget.id, qty: 1 }] });
    expect(await stateOf(app, id)).toEqual({ state: 'processing', status: 'processing' });
    const second = await orders.invoice(id, { items: [{ order_item_id: widget.id, qty: 1 }, { order_item_id: lamp.id, qty: 1 }] });
    const third = await orders.invoice(id);
    const invoices = await app.db.knex(T.invoice).where('order_id', id).orderBy('entity_id');
    expect(invoices.map((i) => Number(i.entity_id))).toEqual([first, second, third]);
    // Each widget invoice: row 10.01, discount 0.70 (2.10 / 3), tax 2.30 split 0.77 / 0.77 / 0.76 (the remainder on the last);
    // the shipping (untaxed here) on the first invoice only.
    expect(invoices.map((i) => [Number(i.subtotal), Number(i.discount_amount), Number(i.tax_amount), Number(i.shipping_amount)])).toEqual([
      [1001, 70, 77, 2000],
      [1001 + 4000, 70 + 280, 77 + 307, 0],
      [1001, 70, 76, 0],
    ]);
    expect(sums(invoices)).toEqual({ subtotal: order.subtotal, discount: order.discount, tax: order.tax, shipping: order.shipping, grand: order.grand });
    // The card was captured three times, each for its invoice's total only.
    expect(await ledgerOf(app, id)).toEqual(invoices.map((i) => `capture:${i.grand_total}`));
    expect((await orderRow(id)).paid).toBe(order.grand);
    expect(JSON.parse(invoices[0].items)).toEqual([{ order_item_id: widget.id, qty: 1, price: 1001, row_total: 1001, discount_amount: 70, tax_amount: 77 }]);
    await expect(orders.invoice(id)).rejects.toThrow('The order does not allow an invoice to be created.');
  });

  it('rounding remainders land on the last invoice', async () => {
    const id = await placeOrderOf(shop, [['WIDGET', 3]], {});
    const order = await orderRow(id);
    // 8.25% of 30.03 is 2.477…: 2.48, which three invoices of one unit split 0.83 / 0.83 / 0.82.
    expect(order.tax).toBe(248);
    const [widget] = await items(id);
    for (let n = 0; n < 3; n++) await orders.invoice(id, { items: [{ order_item_id: widget.id, qty: 1 }] });
    const invoices = await app.db.knex(T.invoice).where('order_id', id).orderBy('entity_id');
    expect(invoices.map((i) => Number(i.tax_amount))).toEqual([83, 83, 82]);
    expect(sums(invoices).grand).toBe(order.grand);
  });

  it('refuses to invoice or ship more than is left, unknown items and quantities of 0, changing nothing', async () => {
    const id = await placeOrderOf(shop, [['WIDGET', 2]], {});
    const [widget] = await items(id);
    await expect(orders.invoice(id, { items: [{ order_item_id: widget.id, qty: 3 }] })).rejects.toThrow(`Cannot invoice 3 of "WIDGET" (order_item_id ${widget.id}): 2 left to invoice.`);
    await expect(orders.invoice(id, { items: [{ order_item_id: 999999, qty: 1 }] })).rejects.toThrow('The order has no item with order_item_id 999999.');
    await expect(orders.invoice(id, { items: [{ order_item_id: widget.id, qty: 0 }] })).rejects.toThrow('must be a whole number greater than 0');
    await expect(orders.invoice(id, { items: [{ order_item_id: widget.id, qty: 1 }, { order_item_id: widget.id, qty: 1 }] })).rejects.toThrow('is listed twice');
    await expect(orders.ship(id, { items: [{ order_item_id: widget.id, qty: 5 }] })).rejects.toThrow(`Cannot ship 5 of "WIDGET" (order_item_id ${widget.id}): 2 left to ship.`);
    expect(await app.db.knex(T.invoice).where('order_id', id)).toEqual([]);
    expect(await app.db.knex(T.shipment).where('order_id', id)).toEqual([]);
    expect(await stateOf(app, id)).toEqual({ state: 'new', status: 'pending' });
  });

  it('partial shipments deduct only the shipped units, keep tracks, and the order completes when all is invoiced and shipped', async () => {
    const id = await placeOrderOf(shop, [['WIDGET', 3]], {});
    const [widget] = await items(id);
    const before = await stock('WIDGET');
    const shipmentId = await orders.ship(id, { items: [{ order_item_id: widget.id, qty: 2 }], tracks: [{ track_number: '1Z999', title: 'UPS', carrier_code: 'ups' }] });
    expect(await stock('WIDGET')).toEqual({ onHand: before.onHand - 2, held: before.held - 2 });
    expect(await stateOf(app, id)).toEqual({ state: 'processing', status: 'processing' });
    const shipment = await app.db.knex(T.shipment).where('entity_id', shipmentId).first();
    expect(JSON.parse(shipment.items)).toEqual([{ order_item_id: widget.id, qty: 2 }]);
    expect(JSON.parse(shipment.tracks)).toEqual([{ track_number: '1Z999', title: 'UPS', carrier_code: 'ups' }]);
    await orders.invoice(id);
    expect(await stateOf(app, id)).toEqual({ state: 'processing', status: 'processing' });
    await orders.ship(id);
    expect(await stock('WIDGET')).toEqual({ onHand: before.onHand - 3, held: before.held - 3 });
    expect(await stateOf(app, id)).toEqual({ state: 'complete', status: 'complete' });
    await expect(orders.ship(id)).rejects.toThrow('The order does not allow a shipment to be created.');
  });

  it('PAY-04 a credit memo refunds the card online against the captures, frees unshipped units and closes the order once all is refunded', async () => {
    const dispatch = jest.spyOn(app.get(Kernel.EventBus), 'dispatch');
    const id = await placeOrderOf(shop, [['WIDGET', 2], ['LAMP', 1]], { payment: 'card' });
    const order = await orderRow(id);
    const [widget, lamp] = await items(id);
    await orders.invoice(id, { items: [{ order_item_id: widget.id, qty: 2 }] });
    await orders.invoice(id, { items: [{ order_item_id: lamp.id, qty: 1 }] });
    await orders.ship(id, { items: [{ order_item_id: lamp.id, qty: 1 }] });
    const widgetBefore = await stock('WIDGET');
    const lampBefore = await stock('LAMP');

    // Not invoiced beyond 2, nothing refunded yet: 3 widgets is too many.
    await expect(memos.refund(id, { items: [{ order_item_id: widget.id, qty: 3 }] })).rejects.toThrow(`Cannot refund 3 of "WIDGET" (order_item_id ${widget.id}): 2 left to refund.`);
    // One unshipped widget, no shipping: 10.01 + 8.25% tax (0.83), back to the card; its reservation is freed.
    const memoId = await memos.refund(id, { items: [{ order_item_id: widget.id, qty: 1 }], shippingAmount: 0 });
    const memo = await app.db.knex(T.creditmemo).where('entity_id', memoId).first();
    expect({ subtotal: Number(memo.subtotal), tax: Number(memo.tax_amount), shipping: Number(memo.shipping_amount), grand: Number(memo.grand_total), online: Boolean(memo.online) }).toEqual({
      subtotal: 1001, tax: 83, shipping: 0, grand: 1084, online: true,
    });
    expect(await stock('WIDGET')).toEqual({ onHand: widgetBefore.onHand, held: widgetBefore.held - 1 });
    expect(await stateOf(app, id)).toEqual({ state: 'processing', status: 'processing' });
    expect(dispatch).toHaveBeenCalledWith('sales_order_creditmemo_save_after', { orderId: id, creditmemoId: memoId, incrementId: memo.increment_id, notify: false });
    dispatch.mockRestore();

    // More than what was paid and not yet refunded is refused, and so is more shipping than was invoiced.
    await expect(memos.refund(id, { adjustmentPositive: order.grand })).rejects.toThrow("The credit memo's total is more than what can still be refunded of this order.");
    await expect(memos.refund(id, { shippingAmount: order.shipping + 1 })).rejects.toThrow('The shipping amount to refund cannot be more than');

    // The rest: the other widget, the shipped lamp (back to stock, as listed) and the shipping.
    await memos.refund(id, { returnToStockItems: [lamp.id] });
    expect(await stock('LAMP')).toEqual({ onHand: lampBefore.onHand + 1, held: lampBefore.held });
    expect(await stock('WIDGET')).toEqual({ onHand: widgetBefore.onHand, held: widgetBefore.held - 2 });
    const after = await orderRow(id);
    expect(after.refunded).toBe(order.grand);
    expect(await stateOf(app, id)).toEqual({ state: 'closed', status: 'closed' });
    const memos2 = await app.db.knex(T.creditmemo).where('order_id', id);
    expect(sums(memos2)).toEqual({ subtotal: order.subtotal, discount: order.discount, tax: order.tax, shipping: order.shipping, grand: order.grand });
    // The sandbox ledger: two captures, then refunds against them, never more than each capture.
    const ledger = await app.db.knex(T.sandboxTransaction).where('kind', 'refund').whereIn('parent_id', app.db.knex(T.invoice).where('order_id', id).select('transaction_id'));
    expect(ledger.reduce((s, r) => s + Number(r.amount), 0)).toBe(order.grand);
    await expect(memos.refund(id)).rejects.toThrow('The order does not allow a credit memo to be created.');
    await expect(orders.ship(id)).rejects.toThrow('The order does not allow a shipment to be created.');
  });

  it('a shipped unit stays out of stock when it is not listed in return_to_stock_items; a virtual order closes on its refund', async () => {
    const id = await placeOrderOf(shop, [['LAMP', 1]], {});
    await orders.invoice(id);
    await orders.ship(id);
    const before = await stock('LAMP');
    await memos.refund(id);
    expect(await stock('LAMP')).toEqual(before);
    expect(await stateOf(app, id)).toEqual({ state: 'closed', status: 'closed' });

    const ebook = await placeOrder(shop, 'EBOOK', 'checkmo', true);
    const held = (await stock('EBOOK')).held;
    await orders.invoice(ebook);
    expect(await stateOf(app, ebook)).toEqual({ state: 'complete', status: 'complete' });
    await memos.refund(ebook);
    expect((await stock('EBOOK')).held).toBe(held - 1);
    expect(await stateOf(app, ebook)).toEqual({ state: 'closed', status: 'closed' });
  });

  it('PAY-04 the sandbox gateway refuses a refund above what is left of its capture', async () => {
    const id = await placeOrder(shop, 'LAMP', 'card');
    await orders.invoice(id);
    const invoice = await app.db.knex(T.invoice).where('order_id', id).first('transaction_id', 'grand_total');
    const gateway = app.get(SalesInternal.SandboxGateway);
    await expect(gateway.refund(invoice.transaction_id, Number(invoice.grand_total) + 1)).rejects.toThrow('The refund exceeds the captured amount.');
    await gateway.refund(invoice.transaction_id, 100);
    await expect(gateway.refund(invoice.transaction_id, Number(invoice.grand_total) - 99)).rejects.toThrow('The refund exceeds the captured amount.');
    await expect(gateway.refund('sbx_unknown', 1)).rejects.toThrow('Unknown capture.');
  });
});
