import type { TestApp } from '../../../app/testing/test-app';
import { InputError, NoSuchEntityError } from '../../../app';
import { createHttpApp } from '../../../app/http/http-app';
import { CatalogApi, CatalogTable, type StockChangeEvent, type StockReservations } from '../api';
import { createCatalogTestApp, graphql } from './catalog-test-app';
import { seenCatalogEvents } from './fixtures/catalog-events/module';

describe('Stock: quantities, salable quantity and the reservation API', () => {
  let app: TestApp;
  let reservations: StockReservations;
  const stockEvents = () => seenCatalogEvents.filter((e) => e.event === 'cataloginventory_stock_item_save_after').map((e) => e.payload as StockChangeEvent);

  beforeAll(async () => {
    app = await createCatalogTestApp({ modules: ['Test_CatalogEvents'] });
    await app.get(CatalogApi.ProductRepository).saveMany([
      { input: { sku: 'LAST', price: 1000, attributes: { name: 'Last Units' }, stock: { qty: 5 } } },
      { input: { sku: 'PAIR', price: 1000, attributes: { name: 'Pair' }, stock: { qty: 2 } } },
      { input: { sku: 'FLAGGED', price: 1000, attributes: { name: 'Flagged Out' }, stock: { qty: 9, isInStock: false } } },
    ]);
    reservations = app.get(CatalogApi.StockReservations);
  });
  afterAll(() => app?.close());
  beforeEach(() => void seenCatalogEvents.splice(0));

  it('holds stock without ever selling more than there is, even when checkouts race for the last units', async () => {
    const attempts = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => reservations.reserve([{ sku: 'LAST', qty: 1 }], `order-${i}`)));
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(5);
    const refused = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
    expect(refused).toHaveLength(7);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(InputError);
      expect(r.reason.message).toBe('The requested qty is not available for "LAST": 0 left, 1 requested.');
    }
    expect(await app.get(CatalogApi.StockRegistry).getStockItem('LAST')).toMatchObject({ qty: 5, reservedQty: 5, salableQty: 0, isInStock: true });
    expect(await reservations.getSalableQty('LAST')).toBe(0);
    const log = await app.db.knex(CatalogTable.reservation).where({ sku: 'LAST' }).select('quantity', 'reason');
    expect(log).toHaveLength(5);
    expect(stockEvents().filter((e) => e.reason === 'reserve')).toHaveLength(5);
  });

  it('reserves all lines or none', async () => {
    await expect(reservations.reserve([{ sku: 'PAIR', qty: 2 }, { sku: 'LAST', qty: 1 }], 'order-x')).rejects.toThrow('The requested qty is not available for "LAST"');
    expect(await reservations.getSalableQty('PAIR')).toBe(2);
    await expect(reservations.reserve([{ sku: 'FLAGGED', qty: 1 }], 'order-y')).rejects.toThrow('The requested qty is not available for "FLAGGED"');
    await expect(reservations.reserve([{ sku: 'NOPE', qty: 1 }], 'order-z')).rejects.toBeInstanceOf(NoSuchEntityError);
    await expect(reservations.reserve([{ sku: 'PAIR', qty: 0 }], 'order-z')).rejects.toThrow('The quantity for "PAIR" must be a whole number greater than 0.');
    await expect(reservations.reserve([{ sku: 'PAIR', qty: 1 }], ' ')).rejects.toThrow('A reservation needs a reference');
    // PAIR's line was held, then rolled back with the transaction, its log row and its event's effects included.
    expect(await app.db.knex(CatalogTable.reservation).where({ reference: 'order-x' }).count({ n: '*' }).first()).toEqual({ n: 0 });
  });

  it('releases what a cancelled order held and deducts what shipped, never below zero', async () => {
    await reservations.release([{ sku: 'LAST', qty: 2 }], 'order-0');
    expect(await app.get(CatalogApi.StockRegistry).getStockItem('LAST')).toMatchObject({ qty: 5, reservedQty: 3, salableQty: 2 });
    await expect(reservations.release([{ sku: 'LAST', qty: 4 }], 'order-1')).rejects.toThrow('Cannot release 4 of "LAST": only 3 held.');
    await reservations.deduct([{ sku: 'LAST', qty: 3 }], 'order-2');
    expect(await app.get(CatalogApi.StockRegistry).getStockItem('LAST')).toMatchObject({ qty: 2, reservedQty: 0, salableQty: 2 });
    await expect(reservations.deduct([{ sku: 'LAST', qty: 1 }], 'order-3')).rejects.toThrow('Cannot deduct 1 of "LAST": only 0 held.');
    expect(stockEvents().map((e) => [e.reason, e.reference, e.previous?.reservedQty, e.item.reservedQty])).toEqual([
      ['release', 'order-0', 5, 3],
      ['deduct', 'order-2', 3, 0],
    ]);
  });

  it('refuses a stock quantity below what open orders hold', async () => {
    await reservations.reserve([{ sku: 'PAIR', qty: 2 }], 'order-9');
    await expect(app.get(CatalogApi.StockRegistry).updateStockItem('PAIR', { qty: 1 })).rejects.toThrow('qty: the quantity cannot go below the 2 held by open orders');
    const item = await app.get(CatalogApi.StockRegistry).updateStockItem('PAIR', { qty: 6 });
    expect(item).toMatchObject({ qty: 6, reservedQty: 2, salableQty: 4, isInStock: true });
    expect(stockEvents().map((e) => e.reason)).toEqual(['reserve', 'save']);
  });

  it('shows OUT_OF_STOCK on the storefront once everything is held', async () => {
    await app.get(CatalogApi.StockRegistry).updateStockItem('LAST', { qty: 1 });
    const web = createHttpApp(app);
    const status = async () => (await graphql(web, '{ products(filter: { sku: { eq: "LAST" } }) { items { stock_status } } }')).body.data.products.items;
    expect(await status()).toEqual([{ stock_status: 'IN_STOCK' }]);
    await reservations.reserve([{ sku: 'LAST', qty: 1 }], 'order-last');
    expect(await status()).toEqual([]);
  });
});
