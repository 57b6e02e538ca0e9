import fs from 'node:fs';
import type { TestApp } from '../../../app/testing/test-app';
import { CatalogApi } from '../../catalog/api';
import { SalesTable as T } from '../api/sales-tables';
import { createSalesTestApp, installProducts, Storefront, US_ADDRESS } from './sales-test-app';

const PLACE = `mutation ($id: String!) { placeOrder(input: { cart_id: $id }) { orderV2 { number status email total { grand_total { value } subtotal { value } total_shipping { value } } } order { order_number } errors { code message } } }`;

async function readyCart(shop: Storefront, sku: string, qty: number, steps: { email?: boolean; method?: boolean; payment?: boolean } = {}): Promise<string> {
  const id = await shop.guestCart();
  const add = await shop.gql(`mutation ($id: String!, $sku: String!, $q: Float!) { addProductsToCart(cartId: $id, cartItems: [{ sku: $sku, quantity: $q }]) { user_errors { code } } }`, { id, sku, q: qty });
  if (add.data!.addProductsToCart.user_errors.length) throw new Error(JSON.stringify(add.data));
  await shop.gql(`mutation ($id: String!, $a: CartAddressInput!) { setShippingAddressesOnCart(input: { cart_id: $id, shipping_addresses: [{ address: $a }] }) { cart { id } } }`, { id, a: US_ADDRESS });
  await shop.gql(`mutation ($id: String!) { setBillingAddressOnCart(input: { cart_id: $id, billing_address: { same_as_shipping: true } }) { cart { id } } }`, { id });
  if (steps.email !== false) await shop.gql(`mutation ($id: String!) { setGuestEmailOnCart(input: { cart_id: $id, email: "buyer@example.com" }) { cart { id } } }`, { id });
  if (steps.method !== false) await shop.gql(`mutation ($id: String!) { setShippingMethodsOnCart(input: { cart_id: $id, shipping_methods: [{ carrier_code: "flatrate", method_code: "flatrate" }] }) { cart { id } } }`, { id });
  if (steps.payment !== false) {
    const pay = await shop.gql(`mutation ($id: String!) { setPaymentMethodOnCart(input: { cart_id: $id, payment_method: { code: "checkmo" } }) { cart { selected_payment_method { code title } available_payment_methods { code } } } }`, { id });
    if (pay.errors) throw new Error(JSON.stringify(pay.errors));
  }
  return id;
}

describe('placeOrder', () => {
  let app: TestApp;
  let shop: Storefront;

  beforeAll(async () => {
    app = await createSalesTestApp();
    shop = new Storefront(app);
    await installProducts(app);
    await app.get(CatalogApi.ProductRepository).save({ sku: 'LAST', price: 1000, attributes: { name: 'Last units' }, stock: { qty: 5 } });
  });
  afterAll(() => app?.close());

  it('places a guest order with per-store numbers, holds the stock and closes the cart; a retry answers the same order', async () => {
    const id = await readyCart(shop, 'TEE', 2);
    const first = await shop.gql(PLACE, { id });
    expect(first.errors).toBeUndefined();
    expect(first.data!.placeOrder).toEqual({
      orderV2: { number: '000000001', status: 'Pending', email: 'buyer@example.com', total: { grand_total: { value: 68 }, subtotal: { value: 58 }, total_shipping: { value: 10 } } },
      order: { order_number: '000000001' },
      errors: [],
    });
    expect((await app.get(CatalogApi.StockRegistry).getStockItem('TEE')).reservedQty).toBe(2);
    const retry = await shop.gql(PLACE, { id });
    expect(retry.data!.placeOrder.orderV2.number).toBe('000000001');
    expect(Number(((await app.db.knex(T.order).count({ n: '*' }).first()) as { n: number }).n)).toBe(1);
    const second = await shop.gql(PLACE, { id: await readyCart(shop, 'GIFT', 1) });
    expect(second.data!.placeOrder.orderV2.number).toBe('000000002');
  });

  it('commits the order durably: on SQLite placeOrder answers once the WAL holding the order is synced to disk', async () => {
    const id = await readyCart(shop, 'GIFT', 1);
    let synced = 0;
    const fdatasync = fs.fdatasync;
    const spy = jest.spyOn(fs, 'fdatasync').mockImplementation(((fd: number, done: (err: Error | null) => void) =>
      fdatasync(fd, (err) => {
        synced++;
        done(err);
      })) as unknown as typeof fs.fdatasync);
    let result;
    try {
      result = await shop.gql(PLACE, { id });
    } finally {
      spy.mockRestore();
    }
    expect(result.data!.placeOrder.orderV2.number).toMatch(/^\d{9}$/);
    if (app.db.client !== 'sqlite') return; // MariaDB flushes every commit (innodb_flush_log_at_trx_commit=1)
    expect(synced).toBe(1);
  });

  it('validates the cart and answers Magento error codes, leaving nothing behind', async () => {
    const noEmail = await shop.gql(PLACE, { id: await readyCart(shop, 'TEE', 1, { email: false }) });
    expect(noEmail.data!.placeOrder).toMatchObject({ orderV2: null, errors: [{ code: 'GUEST_EMAIL_MISSING', message: 'Guest email for cart is missing.' }] });
    const noMethod = await shop.gql(PLACE, { id: await readyCart(shop, 'TEE', 1, { method: false }) });
    expect(noMethod.data!.placeOrder.errors[0]).toEqual({ code: 'UNABLE_TO_PLACE_ORDER', message: 'The shipping method is missing. Select the shipping method and try again.' });
    const noPayment = await shop.gql(PLACE, { id: await readyCart(shop, 'TEE', 1, { payment: false }) });
    expect(noPayment.data!.placeOrder.errors[0]).toEqual({ code: 'UNABLE_TO_PLACE_ORDER', message: 'Enter a valid payment method and try again.' });
    const unknown = await shop.gql(PLACE, { id: 'y'.repeat(32) });
    expect(unknown.data!.placeOrder.errors[0].code).toBe('CART_NOT_FOUND');
    expect((await app.get(CatalogApi.StockRegistry).getStockItem('TEE')).reservedQty).toBe(2);
  });

  it('API-01 another customer cannot place an order from a guest cart they do not own', async () => {
    const id = await readyCart(shop, 'GIFT', 1);
    const token = await shop.customer('mallory@example.com');
    const res = await shop.gql(PLACE, { id }, token);
    expect(res.data!.placeOrder.errors[0]).toEqual({ code: 'CART_NOT_FOUND', message: `Could not find a cart with ID "${id}"` });
  });

  it('checkouts running side by side all get their addresses and orders (no lock conflict between carts, on MariaDB too)', async () => {
    // On MariaDB an UPDATE that matches no row locks the gap it would be in; two carts writing their first address into the
    // same gap then deadlocked. Each cart's whole checkout runs at once here, as a busy storefront's do.
    const results = await Promise.all(Array.from({ length: 12 }, () => readyCart(shop, 'GIFT', 1).then((id) => shop.gql(PLACE, { id }))));
    expect(results.map((r) => r.errors ?? r.data!.placeOrder.errors)).toEqual(results.map(() => []));
    expect(results.every((r) => /^\d{9}$/.test(r.data!.placeOrder.orderV2.number))).toBe(true);
  });

  it('50 concurrent buyers of the last 5 units get exactly 5 orders', async () => {
    const carts: string[] = [];
    for (let i = 0; i < 50; i++) carts.push(await readyCart(shop, 'LAST', 1));
    const answers = await Promise.all(carts.map((id) => shop.gql(PLACE, { id })));
    const placed = answers.filter((a) => a.data?.placeOrder?.orderV2);
    const refused = answers.filter((a) => a.data?.placeOrder?.errors?.length);
    const others = answers.filter((a) => !a.data?.placeOrder?.orderV2 && !a.data?.placeOrder?.errors?.length);
    expect(others.map((a) => a.text)).toEqual([]);
    expect(placed).toHaveLength(5);
    expect(refused).toHaveLength(45);
    for (const answer of refused) expect(answer.data!.placeOrder.errors[0].code).toBe('UNABLE_TO_PLACE_ORDER');
    const stock = await app.get(CatalogApi.StockRegistry).getStockItem('LAST');
    expect(stock).toMatchObject({ qty: 5, reservedQty: 5, salableQty: 0 });
    const numbers = placed.map((a) => a.data!.placeOrder.orderV2.number as string);
    expect(new Set(numbers).size).toBe(5);
  });
});
