import { Kernel } from '../../../app';
import type { TestApp } from '../../../app/testing/test-app';
import { CatalogApi, CatalogTable, type StockChangeEvent } from '../../catalog/api';
import { SalesTable as T } from '../api/sales-tables';
import { SalesInternal } from '../model/sales-internal-tokens';
import type { CreditmemoService } from '../order/creditmemo-service';
import type { OrderLifecycle } from '../order/order-lifecycle';
import { placeOrderOf } from './order-documents-helpers';
import { createSalesTestApp, Storefront } from './sales-test-app';

describe('Credit memos return shipped units to stock atomically (return_to_stock_items)', () => {
  let app: TestApp;
  let shop: Storefront;
  let orders: OrderLifecycle;
  let memos: CreditmemoService;
  const stock = (sku: string) => app.get(CatalogApi.StockRegistry).getStockItem(sku);
  const itemIdOf = async (orderId: number) => Number((await app.db.knex(T.orderItem).where('order_id', orderId).first('item_id')).item_id);
  const numberOf = async (orderId: number) => String((await app.db.knex(T.order).where('entity_id', orderId).first('increment_id')).increment_id);

  beforeAll(async () => {
    app = await createSalesTestApp();
    shop = new Storefront(app);
    orders = app.get(SalesInternal.OrderLifecycle);
    memos = app.get(SalesInternal.CreditmemoService);
    await app.get(CatalogApi.ProductRepository).saveMany([
      { input: { sku: 'LASTONE', price: 2500, attributes: { name: 'Last One' }, stock: { qty: 1 } } },
      { input: { sku: 'RACED', price: 1000, attributes: { name: 'Raced' }, stock: { qty: 20 } } },
    ]);
  });
  afterAll(() => app?.close());

  it('brings a sold-out item back in stock, logged under the order number with the stock event', async () => {
    const id = await placeOrderOf(shop, [['LASTONE', 1]], {});
    await orders.invoice(id);
    await orders.ship(id);
    // Sold out, and the merchant marked it out of stock.
    await app.get(CatalogApi.StockRegistry).updateStockItem('LASTONE', { isInStock: false });
    expect(await stock('LASTONE')).toMatchObject({ qty: 0, reservedQty: 0, salableQty: 0, isInStock: false });

    const dispatch = jest.spyOn(app.get(Kernel.EventBus), 'dispatch');
    try {
      await memos.refund(id, { returnToStockItems: [await itemIdOf(id)] });
      const events = dispatch.mock.calls.filter(([name]) => name === 'cataloginventory_stock_item_save_after').map(([, payload]) => payload as StockChangeEvent);
      expect(events.map((e) => [e.sku, e.reason, e.reference, e.item.qty])).toEqual([['LASTONE', 'restock', await numberOf(id), 1]]);
    } finally {
      dispatch.mockRestore();
    }
    expect(await stock('LASTONE')).toMatchObject({ qty: 1, reservedQty: 0, salableQty: 1, isInStock: true });
    const log = await app.db.knex(CatalogTable.reservation).where({ sku: 'LASTONE', reference: await numberOf(id) }).orderBy('reservation_id').select('quantity', 'reason');
    expect(log).toEqual([
      { quantity: 1, reason: 'reserve' },
      { quantity: -1, reason: 'deduct' },
      { quantity: 1, reason: 'restock' },
    ]);
  });

  it('loses no shipment when refunds return units to stock while other orders ship the same product (concurrent)', async () => {
    const refunded: Array<{ id: number; item: number }> = [];
    for (let i = 0; i < 4; i++) {
      const id = await placeOrderOf(shop, [['RACED', 2]], {});
      await orders.invoice(id);
      await orders.ship(id);
      refunded.push({ id, item: await itemIdOf(id) });
    }
    const shipped: number[] = [];
    for (let i = 0; i < 4; i++) {
      const id = await placeOrderOf(shop, [['RACED', 1]], {});
      await orders.invoice(id);
      shipped.push(id);
    }
    // 20 - 8 shipped; 4 held by invoiced orders waiting to ship.
    expect(await stock('RACED')).toMatchObject({ qty: 12, reservedQty: 4 });

    const results = await Promise.allSettled([
      ...refunded.map(({ id, item }) => memos.refund(id, { returnToStockItems: [item] })),
      ...shipped.map((id) => orders.ship(id)),
    ]);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    // 12 + 8 returned - 4 shipped.
    expect(await stock('RACED')).toMatchObject({ qty: 16, reservedQty: 0, salableQty: 16, isInStock: true });
  });
});
