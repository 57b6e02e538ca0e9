import { Kernel } from '../../../app';
import type { TestApp } from '../../../app/testing/test-app';
import { CatalogApi } from '../../catalog/api';
import { SalesTable as T } from '../api/sales-tables';
import { SalesInternal } from '../model/sales-internal-tokens';
import type { OrderLifecycle } from '../order/order-lifecycle';
import { ledgerOf, placeOrder, stateOf } from './order-flow-helpers';
import { createSalesTestApp, Storefront } from './sales-test-app';

describe('Order state flow: invoice, ship, cancel', () => {
  let app: TestApp;
  let shop: Storefront;
  let orders: OrderLifecycle;
  const salable = (sku: string) => app.get(CatalogApi.StockReservations).getSalableQty(sku);
  const onHand = async (sku: string) => (await app.get(CatalogApi.ProductRepository).get(sku))!.stock.qty;

  beforeAll(async () => {
    app = await createSalesTestApp();
    shop = new Storefront(app);
    orders = app.get(SalesInternal.OrderLifecycle);
    await app.get(CatalogApi.ProductRepository).saveMany([
      { input: { sku: 'LAMP', price: 4000, attributes: { name: 'Lamp' }, stock: { qty: 10 } } },
      { input: { sku: 'EBOOK', typeId: 'virtual', price: 900, attributes: { name: 'E-book' }, stock: { qty: 10 } } },
    ]);
  });
  afterAll(() => app?.close());

  it('new/pending → processing at invoice (capturing the card) → complete at shipment (deducting the stock)', async () => {
    const dispatch = jest.spyOn(app.get(Kernel.EventBus), 'dispatch');
    const id = await placeOrder(shop, 'LAMP', 'card');
    expect(await stateOf(app, id)).toEqual({ state: 'new', status: 'pending' });
    expect(await salable('LAMP')).toBe(9);

    const invoiceId = await orders.invoice(id);
    expect(await stateOf(app, id)).toEqual({ state: 'processing', status: 'processing' });
    expect(await ledgerOf(app, id)).toEqual(['capture:4500']);
    const invoice = await app.db.knex(T.invoice).where('entity_id', invoiceId).first();
    expect({ order: Number(invoice.order_id), total: Number(invoice.grand_total), captured: invoice.transaction_id !== null }).toEqual({ order: id, total: 4500, captured: true });
    expect(Number((await app.db.knex(T.order).where('entity_id', id).first('total_paid')).total_paid)).toBe(4500);

    const shipmentId = await orders.ship(id);
    expect(await stateOf(app, id)).toEqual({ state: 'complete', status: 'complete' });
    expect(await app.db.knex(T.shipment).where('entity_id', shipmentId).first('order_id')).toEqual({ order_id: id });
    expect({ onHand: await onHand('LAMP'), salable: await salable('LAMP') }).toEqual({ onHand: 9, salable: 9 });
    const names = dispatch.mock.calls.map(([name]) => name);
    expect(names).toEqual(expect.arrayContaining(['sales_order_invoice_save_after', 'sales_order_shipment_save_after']));
    expect(dispatch).toHaveBeenCalledWith('sales_order_invoice_save_after', expect.objectContaining({ orderId: id, invoiceId }));
    dispatch.mockRestore();

    await expect(orders.invoice(id)).rejects.toThrow('The order does not allow an invoice to be created.');
    await expect(orders.ship(id)).rejects.toThrow('The order does not allow a shipment to be created.');
    await expect(orders.cancel(id)).rejects.toThrow('We cannot cancel this order.');
  });

  it('a shipment before the invoice moves to processing, and the invoice then completes the order', async () => {
    const id = await placeOrder(shop, 'LAMP');
    await orders.ship(id);
    expect(await stateOf(app, id)).toEqual({ state: 'processing', status: 'processing' });
    await expect(orders.cancel(id)).rejects.toThrow('We cannot cancel this order.');
    await orders.invoice(id);
    expect(await stateOf(app, id)).toEqual({ state: 'complete', status: 'complete' });
  });

  it('a virtual order is complete once invoiced and cannot be shipped', async () => {
    const id = await placeOrder(shop, 'EBOOK', 'checkmo', true);
    await expect(orders.ship(id)).rejects.toThrow('The order does not allow a shipment to be created.');
    await orders.invoice(id);
    expect(await stateOf(app, id)).toEqual({ state: 'complete', status: 'complete' });
  });

  it('cancel releases the held stock, voids the card authorization and refuses every later step', async () => {
    const dispatch = jest.spyOn(app.get(Kernel.EventBus), 'dispatch');
    const before = await salable('LAMP');
    const id = await placeOrder(shop, 'LAMP', 'card');
    expect(await salable('LAMP')).toBe(before - 1);
    await orders.cancel(id);
    expect(await stateOf(app, id)).toEqual({ state: 'canceled', status: 'canceled' });
    expect(await salable('LAMP')).toBe(before);
    expect(await ledgerOf(app, id)).toEqual(['void:0']);
    expect(dispatch).toHaveBeenCalledWith('order_cancel_after', expect.objectContaining({ orderId: id }));
    dispatch.mockRestore();
    expect((await app.db.knex(T.orderItem).where('order_id', id).first('qty_canceled')).qty_canceled).toBe(1);
    await expect(orders.cancel(id)).rejects.toThrow('We cannot cancel this order.');
    await expect(orders.invoice(id)).rejects.toThrow('The order does not allow an invoice to be created.');
    await expect(orders.ship(id)).rejects.toThrow('The order does not allow a shipment to be created.');
    expect(await salable('LAMP')).toBe(before);
  });

  it('a failing step leaves nothing behind, and an unknown order is not found', async () => {
    const id = await placeOrder(shop, 'LAMP');
    // The hold was given back some other way: the shipment cannot deduct it, so nothing of the shipment is written.
    const held = (await app.get(CatalogApi.ProductRepository).get('LAMP'))!.stock.reservedQty;
    await app.get(CatalogApi.StockReservations).release([{ sku: 'LAMP', qty: held }], 'TEST');
    await expect(orders.ship(id)).rejects.toThrow('Cannot deduct 1 of "LAMP"');
    expect(await stateOf(app, id)).toEqual({ state: 'new', status: 'pending' });
    expect(await app.db.knex(T.shipment).where('order_id', id)).toEqual([]);
    await expect(orders.invoice(999999)).rejects.toThrow("The entity that was requested doesn't exist");
  });
});
