import path from 'node:path';
import type { TestApp } from '../../../app/testing/test-app';
import { codeRoot } from '../../../app/kernel/paths';
import { createSalesTestApp, installProducts, readyCart, SALES_MODULES, Storefront } from './sales-test-app';

const PRICES = `query ($id: String!) { cart(cart_id: $id) { prices { subtotal_excluding_tax { value } grand_total { value } } } }`;

describe('totals collectors', () => {
  let app: TestApp;
  let shop: Storefront;

  beforeAll(async () => {
    app = await createSalesTestApp({
      modules: [...SALES_MODULES, 'Fixture_HandlingFee'],
      moduleDirs: [path.join(codeRoot, 'modules'), path.join(__dirname, 'fixtures')],
    });
    shop = new Storefront(app);
    await installProducts(app);
  });
  afterAll(() => app?.close());

  it('runs a collector a module adds with an after plugin on the pool in its sortOrder, awaited, before the grand total', async () => {
    const id = await readyCart(shop, 'TEE');
    // 29.00 tee + 5.00 flat rate + the fixture's 1.50 handling fee (sortOrder 350, appended after grand_total 1000 in the list).
    for (let i = 0; i < 2; i++) {
      expect((await shop.gql(PRICES, { id })).data!.cart.prices).toEqual({ subtotal_excluding_tax: { value: 29 }, grand_total: { value: 35.5 } });
    }
    const order = await shop.gql(`mutation ($id: String!) { setPaymentMethodOnCart(input: { cart_id: $id, payment_method: { code: "checkmo" } }) { cart { id } } }`, { id });
    expect(order.errors).toBeUndefined();
    const placed = await shop.gql(`mutation ($id: String!) { placeOrder(input: { cart_id: $id }) { orderV2 { total { grand_total { value } } } errors { code } } }`, { id });
    expect(placed.data!.placeOrder).toEqual({ orderV2: { total: { grand_total: { value: 35.5 } } }, errors: [] });
  });
});
