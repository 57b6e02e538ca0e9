import { Kernel, InputError, NoSuchEntityError } from '../../../app';
import type { TestApp } from '../../../app/testing/test-app';
import { CatalogApi, CatalogTable, type StockChangeEvent, type StockRegistry, type StockReservations } from '../api';
import { createCatalogTestApp } from './catalog-test-app';
import { seenCatalogEvents } from './fixtures/catalog-events/module';

describe('Stock: returning shipped units to stock (StockReservations.restock)', () => {
  let app: TestApp;
  let reservations: StockReservations;
  let registry: StockRegistry;
  const stockEvents = () => seenCatalogEvents.filter((e) => e.event === 'cataloginventory_stock_item_save_after').map((e) => e.payload as StockChangeEvent);
  const log = (reference: string) => app.db.knex(CatalogTable.reservation).where({ reference }).orderBy('reservation_id').select('sku', 'quantity', 'reason');

  beforeAll(async () => {
    app = await createCatalogTestApp({ modules: ['Test_CatalogEvents'] });
    await app.get(CatalogApi.ProductRepository).saveMany([
      { input: { sku: 'SOLDOUT', price: 1000, attributes: { name: 'Sold Out' }, stock: { qty: 0 } } },
      { input: { sku: 'HELD', price: 1000, attributes: { name: 'All Held' }, stock: { qty: 2 } } },
      { input: { sku: 'FLAGGED', price: 1000, attributes: { name: 'Flagged Out' }, stock: { qty: 4, isInStock: false } } },
      { input: { sku: 'BUSY', price: 1000, attributes: { name: 'Busy' }, stock: { qty: 100 } } },
      { input: { sku: 'TAKEN', price: 1000, attributes: { name: 'Taken' }, stock: { qty: 6 } } },
    ]);
    reservations = app.get(CatalogApi.StockReservations);
    registry = app.get(CatalogApi.StockRegistry);
  });
  afterAll(() => app?.close());
  beforeEach(() => void seenCatalogEvents.splice(0));

  it('puts an out-of-stock item back in stock, logs the movement and dispatches the stock event', async () => {
    expect(await registry.getStockItem('SOLDOUT')).toMatchObject({ qty: 0, salableQty: 0, isInStock: false });
    await reservations.restock([{ sku: 'SOLDOUT', qty: 3 }], 'order-100');
    expect(await registry.getStockItem('SOLDOUT')).toMatchObject({ qty: 3, reservedQty: 0, salableQty: 3, isInStock: true });
    expect(await log('order-100')).toEqual([{ sku: 'SOLDOUT', quantity: 3, reason: 'restock' }]);
    expect(stockEvents().map((e) => [e.sku, e.reason, e.reference, e.previous?.qty, e.previous?.isInStock, e.item.qty, e.item.isInStock])).toEqual([
      ['SOLDOUT', 'restock', 'order-100', 0, false, 3, true],
    ]);
  });

  it('makes an item whose units were all held salable again, and leaves a merchant\'s out-of-stock flag alone while units were salable', async () => {
    await reservations.reserve([{ sku: 'HELD', qty: 2 }], 'order-101');
    await registry.updateStockItem('HELD', { isInStock: false });
    await reservations.restock([{ sku: 'HELD', qty: 1 }], 'order-102');
    expect(await registry.getStockItem('HELD')).toMatchObject({ qty: 3, reservedQty: 2, salableQty: 1, isInStock: true });

    await reservations.restock([{ sku: 'FLAGGED', qty: 2 }], 'order-103');
    expect(await registry.getStockItem('FLAGGED')).toMatchObject({ qty: 6, salableQty: 6, isInStock: false });
  });

  it('refuses bad lines and restocks all lines or none', async () => {
    const before = await registry.getStockItem('BUSY');
    await expect(reservations.restock([{ sku: 'BUSY', qty: 0 }], 'order-104')).rejects.toThrow('The quantity for "BUSY" must be a whole number greater than 0.');
    await expect(reservations.restock([{ sku: 'BUSY', qty: 1.5 }], 'order-104')).rejects.toBeInstanceOf(InputError);
    await expect(reservations.restock([{ sku: 'BUSY', qty: 1 }], '')).rejects.toThrow('A reservation needs a reference');
    await expect(reservations.restock([{ sku: 'BUSY', qty: 1 }, { sku: 'NOPE', qty: 1 }], 'order-104')).rejects.toBeInstanceOf(NoSuchEntityError);
    expect(await registry.getStockItem('BUSY')).toEqual(before);
    expect(await log('order-104')).toEqual([]);
  });

  it('runs in the caller\'s transaction: rolled back with it', async () => {
    const db = app.get(Kernel.Database);
    await expect(
      db.transaction(async () => {
        await reservations.restock([{ sku: 'BUSY', qty: 5 }], 'order-105');
        expect((await registry.getStockItem('BUSY')).qty).toBe(105);
        throw new Error('the credit memo failed');
      }),
    ).rejects.toThrow('the credit memo failed');
    expect((await registry.getStockItem('BUSY')).qty).toBe(100);
    expect(await log('order-105')).toEqual([]);
  });

  it('loses no unit when restocks race shipments of the same item', async () => {
    await reservations.reserve([{ sku: 'TAKEN', qty: 6 }], 'order-106');
    const work = [
      ...Array.from({ length: 6 }, (_, i) => reservations.restock([{ sku: 'TAKEN', qty: 1 }], `return-${i}`)),
      ...Array.from({ length: 6 }, (_, i) => reservations.deduct([{ sku: 'TAKEN', qty: 1 }], `ship-${i}`)),
      ...Array.from({ length: 4 }, (_, i) => reservations.restock([{ sku: 'BUSY', qty: 2 }, { sku: 'TAKEN', qty: 1 }], `both-${i}`)),
    ];
    const results = await Promise.allSettled(work);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    // 6 on hand, 6 shipped, 6 + 4 returned: 10 left, nothing held; BUSY got its 8.
    expect(await registry.getStockItem('TAKEN')).toMatchObject({ qty: 10, reservedQty: 0, salableQty: 10, isInStock: true });
    expect((await registry.getStockItem('BUSY')).qty).toBe(108);
    const rows = await app.db.knex(CatalogTable.reservation).where({ sku: 'TAKEN', reason: 'restock' }).count({ n: '*' }).first();
    expect(Number(rows!.n)).toBe(10);
  });
});
