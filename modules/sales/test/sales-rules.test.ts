import request from 'supertest';
import type { Express } from 'express';
import { Kernel } from '../../../app';
import type { AdminAuthorizer } from '../../../app/http/admin-authorizer';
import { createHttpApp } from '../../../app/http/http-app';
import type { TestApp } from '../../../app/testing/test-app';
import { CatalogApi } from '../../catalog/api';
import { SalesTable as T } from '../api/sales-tables';
import { SalesRuleTable as R } from '../migrations/0005-sales-rule-coupons';
import { SalesInternal } from '../model/sales-internal-tokens';
import { createSalesTestApp, readyCart, Storefront } from './sales-test-app';

const allowAll: AdminAuthorizer = { authorize: async () => ({ allowed: true, principal: { type: 'admin', id: 1 } }) };

const rule = (overrides: Record<string, unknown> = {}) => ({
  rule: { name: '10% off', is_active: true, website_ids: [1], customer_group_ids: [0, 1], coupon_type: 'SPECIFIC_COUPON', simple_action: 'by_percent', discount_amount: 10, ...overrides },
});
const APPLY = `mutation ($id: String!, $code: String!) { applyCouponToCart(input: { cart_id: $id, coupon_code: $code }) { cart { prices { discounts { label amount { value } } grand_total { value } } } } }`;
const TOTALS = `query ($id: String!) { cart(cart_id: $id) { applied_coupons { code } prices { subtotal_excluding_tax { value } discounts { label amount { value } } grand_total { value } } } }`;
const CHECKMO = `mutation ($id: String!) { setPaymentMethodOnCart(input: { cart_id: $id, payment_method: { code: "checkmo" } }) { cart { id } } }`;
/** The placed order's grand total in minor units. */
const grandTotalOf = async (app: TestApp, number: string) => Number((await app.db.knex(T.order).where('increment_id', number).first('grand_total')).grand_total);
const PLACE = `mutation ($id: String!) { placeOrder(input: { cart_id: $id }) { orderV2 { number } errors { code message } } }`;

describe('Cart price rules admin REST (/V1/salesRules, /V1/coupons) and their discounts', () => {
  let locked: TestApp;
  let app: TestApp;
  let web: Express;
  let shop: Storefront;
  const post = (path: string, body: unknown) => request(web).post(`/rest/V1${path}`).send(body as object);
  const put = (path: string, body: unknown) => request(web).put(`/rest/V1${path}`).send(body as object);

  beforeAll(async () => {
    locked = await createSalesTestApp();
    app = await createSalesTestApp({ overrides: (bind) => void bind(Kernel.AdminAuthorizer).toConstantValue(allowAll) });
    web = createHttpApp(app);
    shop = new Storefront(app);
    await app.get(CatalogApi.ProductRepository).saveMany([
      { input: { sku: 'LAMP', price: 2000, attributes: { name: 'Lamp' }, stock: { qty: 100 } } },
      { input: { sku: 'SHADE', price: 1000, attributes: { name: 'Shade' }, stock: { qty: 100 } } },
    ]);
  });
  afterAll(async () => {
    await locked?.close();
    await app?.close();
  });
  afterEach(async () => {
    // Each test makes its own rules: none leaks into the next one's totals.
    for (const r of (await request(web).get('/rest/V1/salesRules/search?searchCriteria[pageSize]=300')).body.items) await request(web).delete(`/rest/V1/salesRules/${r.rule_id}`);
  });

  it('API-02 refuses every rule and coupon route without an admin token, naming Magento_SalesRule::quote', async () => {
    const lockedWeb = createHttpApp(locked);
    const calls: Array<['get' | 'post' | 'put' | 'delete', string]> = [
      ['post', '/rest/V1/salesRules'],
      ['get', '/rest/V1/salesRules/1'],
      ['put', '/rest/V1/salesRules/1'],
      ['delete', '/rest/V1/salesRules/1'],
      ['get', '/rest/V1/salesRules/search'],
      ['post', '/rest/V1/coupons'],
      ['post', '/rest/V1/coupons/generate'],
      ['delete', '/rest/V1/coupons/1'],
    ];
    for (const [method, path] of calls) {
      const res = await request(lockedWeb)[method](path);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ message: "The consumer isn't authorized to access Magento_SalesRule::quote." });
    }
  });

  it('creates, reads, updates, searches and deletes a rule in Magento\'s shape; fixed amounts are decimals stored in minor units', async () => {
    const created = await post('/salesRules', rule({ name: '5 off', simple_action: 'cart_fixed', discount_amount: 5.5, from_date: '2020-01-01', sort_order: 3 }));
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: '5 off', simple_action: 'cart_fixed', discount_amount: 5.5, website_ids: [1], customer_group_ids: [0, 1], coupon_type: 'SPECIFIC_COUPON', from_date: '2020-01-01', to_date: null, sort_order: 3, apply_to_shipping: false, times_used: 0 });
    const id = created.body.rule_id;
    expect((await app.db.knex(T.salesRule).where('rule_id', id).first()).discount_amount).toBe(550);
    expect((await request(web).get(`/rest/V1/salesRules/${id}`)).body).toEqual(created.body);

    const updated = await put(`/salesRules/${id}`, { rule: { rule_id: id, name: '6 off', discount_amount: 6, is_active: false } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ rule_id: id, name: '6 off', discount_amount: 6, is_active: false, sort_order: 3 });
    expect((await put(`/salesRules/${id}`, { rule: { rule_id: id + 1 } })).status).toBe(400);

    await post('/salesRules', rule({ name: 'Other' }));
    const search = await request(web).get('/rest/V1/salesRules/search?searchCriteria[filter_groups][0][filters][0][field]=name&searchCriteria[filter_groups][0][filters][0][value]=6%25&searchCriteria[filter_groups][0][filters][0][condition_type]=like');
    expect(search.status).toBe(200);
    expect(search.body.total_count).toBe(1);
    expect(search.body.items[0]).toMatchObject({ rule_id: id, name: '6 off' });
    const all = await request(web).get('/rest/V1/salesRules/search?searchCriteria[sort_orders][0][field]=name&searchCriteria[sort_orders][0][direction]=DESC');
    expect(all.body.items.map((r: { name: string }) => r.name)).toEqual(['Other', '6 off']);
    expect((await request(web).get('/rest/V1/salesRules/search?searchCriteria[filter_groups][0][filters][0][field]=discount_amount&searchCriteria[filter_groups][0][filters][0][value]=1')).status).toBe(400);

    expect((await request(web).delete(`/rest/V1/salesRules/${id}`)).body).toBe(true);
    const gone = await request(web).get(`/rest/V1/salesRules/${id}`);
    expect(gone.status).toBe(404);
  });

  it('refuses with 400 what the totals engine would not honour, and unknown fields', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ apply_to_shipping: true }, /apply_to_shipping/],
      [{ simple_action: 'cart_fixed', discount_qty: 2, discount_amount: 5 }, /discount_qty/],
      [{ simple_action: 'buy_x_get_y' }, /simple_action/],
      [{ discount_amount: 150 }, /whole percent/],
      [{ discount_amount: 12.5 }, /whole percent/],
      [{ website_ids: [] }, /website_ids/],
      [{ condition: { condition_type: 'Magento\\SalesRule\\Model\\Rule\\Condition\\Combine' } }, /Unknown field.*rule\.condition/],
      [{ store_labels: [] }, /Unknown field/],
      [{ from_date: '2030-01-02', to_date: '2030-01-01' }, /to_date/],
    ];
    for (const [overrides, message] of cases) {
      const res = await post('/salesRules', rule(overrides));
      expect([res.status, res.body.message]).toEqual([400, expect.stringMatching(message)]);
    }
    expect((await app.db.knex(T.salesRule).count({ n: '*' }).first())!.n).toBe(0);
    // Search fields are looked up as own keys: a name every object has is no field.
    for (const query of ['searchCriteria[filter_groups][0][filters][0][field]=constructor&searchCriteria[filter_groups][0][filters][0][value]=1', 'searchCriteria[sort_orders][0][field]=toString']) {
      const res = await request(web).get(`/rest/V1/salesRules/search?${query}`);
      expect(res.status).toBe(400);
    }
  });

  it('creates coupons by hand (one for SPECIFIC_COUPON, none for NO_COUPON) and generates AUTO ones from a CouponGenerationSpec', async () => {
    const specific = (await post('/salesRules', rule())).body.rule_id;
    const coupon = await post('/coupons', { coupon: { rule_id: specific, code: 'SPRING10', usage_limit: 5, usage_per_customer: 1 } });
    expect(coupon.status).toBe(200);
    expect(coupon.body).toMatchObject({ coupon_id: expect.any(Number), rule_id: specific, code: 'SPRING10', usage_limit: 5, usage_per_customer: 1, times_used: 0, type: 0 });
    expect((await post('/coupons', { coupon: { rule_id: specific, code: 'SPRING11' } })).body.message).toMatch(/SPECIFIC_COUPON rule has one/);
    const none = (await post('/salesRules', rule({ coupon_type: 'NO_COUPON' }))).body.rule_id;
    expect((await post('/coupons', { coupon: { rule_id: none, code: 'X1' } })).status).toBe(400);
    expect((await post('/coupons', { coupon: { rule_id: specific, code: 'bad code!' } })).status).toBe(400);

    const auto = (await post('/salesRules', rule({ coupon_type: 'AUTO', uses_per_coupon: 1 }))).body.rule_id;
    expect((await post('/coupons', { coupon: { rule_id: auto, code: 'spring10' } })).body.message).toBe('Coupon with the same code already exists.');
    const generated = await post('/coupons/generate', { couponSpec: { rule_id: auto, quantity: 20, length: 8, format: 'num', prefix: 'SUM-' } });
    expect(generated.status).toBe(200);
    expect(generated.body).toHaveLength(20);
    expect(new Set(generated.body).size).toBe(20);
    for (const code of generated.body) expect(code).toMatch(/^SUM-\d{8}$/);
    const stored = await app.db.knex(R.coupon).where('rule_id', auto);
    expect(stored).toHaveLength(20);
    expect(stored.every((c) => Number(c.type) === 1 && Number(c.usage_limit) === 1)).toBe(true);
    const alpha = await post('/coupons/generate', { couponSpec: { rule_id: auto, quantity: 2, length: 6, format: 'alpha', delimiter_at_every: 3 } });
    for (const code of alpha.body) expect(code).toMatch(/^[A-Z]{3}-[A-Z]{3}$/);
    expect((await post('/coupons/generate', { couponSpec: { rule_id: specific, quantity: 2, length: 8 } })).body.message).toBe('Specified rule does not allow automatic coupon generation');

    expect((await request(web).delete(`/rest/V1/coupons/${coupon.body.coupon_id}`)).body).toBe(true);
    expect((await request(web).delete(`/rest/V1/coupons/${coupon.body.coupon_id}`)).status).toBe(404);
  });

  it('applies NO_COUPON rules by website and customer group in sort_order, by_fixed up to discount_qty, and stops at stop_rules_processing', async () => {
    // Guests are group 0; the second website's rule never applies to this store view.
    await post('/salesRules', rule({ name: 'Elsewhere', coupon_type: 'NO_COUPON', website_ids: [2], discount_amount: 50 }));
    await post('/salesRules', rule({ name: 'Members', coupon_type: 'NO_COUPON', customer_group_ids: [1], discount_amount: 50 }));
    await post('/salesRules', rule({ name: '3 off two lamps', coupon_type: 'NO_COUPON', simple_action: 'by_fixed', discount_amount: 3, discount_qty: 2, sort_order: 1 }));
    await post('/salesRules', rule({ name: '10% more', coupon_type: 'NO_COUPON', sort_order: 2, stop_rules_processing: true }));
    await post('/salesRules', rule({ name: 'Never reached', coupon_type: 'NO_COUPON', sort_order: 3, discount_amount: 90 }));
    const id = await readyCart(shop, 'LAMP');
    await shop.gql(`mutation ($id: String!) { updateCartItems(input: { cart_id: $id, cart_items: [{ cart_item_uid: "${(await shop.gql('query ($id: String!) { cart(cart_id: $id) { itemsV2 { items { uid } } } }', { id })).data!.cart.itemsV2.items[0].uid}", quantity: 3 }] }) { cart { id } } }`, { id });
    const totals = (await shop.gql(TOTALS, { id })).data!.cart.prices;
    // 3 × 20.00 = 60.00; 3.00 off two units = 6.00; 10% of the 54.00 left = 5.40.
    expect(totals.subtotal_excluding_tax.value).toBe(60);
    expect(totals.discounts).toEqual([
      { label: '3 off two lamps', amount: { value: 6 } },
      { label: '10% more', amount: { value: 5.4 } },
    ]);
    // Flat rate 5.00 per item.
    expect(totals.grand_total.value).toBe(60 - 11.4 + 15);
  });

  it('tells each line its part of each rule, and answers the deprecated CartPrices.discount and ShippingCartAddress.cart_items', async () => {
    await post('/salesRules', rule({ name: '3 off each', coupon_type: 'NO_COUPON', simple_action: 'by_fixed', discount_amount: 3, sort_order: 1 }));
    await post('/salesRules', rule({ name: '10% more', coupon_type: 'NO_COUPON', sort_order: 2 }));
    const id = await readyCart(shop, 'LAMP');
    await shop.gql(`mutation ($id: String!) { addProductsToCart(cartId: $id, cartItems: [{ sku: "SHADE", quantity: 2 }]) { user_errors { code } } }`, { id });
    const cart = (
      await shop.gql(
        `query ($id: String!) { cart(cart_id: $id) {
          itemsV2 { items { uid quantity product { sku } prices { total_item_discount { value } discounts { label amount { value } } } discount { label amount { value } } } }
          prices { discounts { label amount { value } } discount { label amount { value } } }
          shipping_addresses { cart_items { cart_item_id quantity } } } }`,
        { id },
      )
    ).data!.cart;
    // Lamp 20.00: 3.00 off, then 10% of 17.00 = 1.70. Shades 2 × 10.00: 6.00 off, then 10% of 14.00 = 1.40.
    expect(cart.itemsV2.items.map((i: { product: { sku: string }; prices: unknown; discount: unknown }) => [i.product.sku, i.prices, i.discount])).toEqual([
      ['LAMP', { total_item_discount: { value: 4.7 }, discounts: [{ label: '3 off each', amount: { value: 3 } }, { label: '10% more', amount: { value: 1.7 } }] }, [{ label: '3 off each', amount: { value: 3 } }, { label: '10% more', amount: { value: 1.7 } }]],
      ['SHADE', { total_item_discount: { value: 7.4 }, discounts: [{ label: '3 off each', amount: { value: 6 } }, { label: '10% more', amount: { value: 1.4 } }] }, [{ label: '3 off each', amount: { value: 6 } }, { label: '10% more', amount: { value: 1.4 } }]],
    ]);
    expect(cart.prices).toEqual({
      discounts: [{ label: '3 off each', amount: { value: 9 } }, { label: '10% more', amount: { value: 3.1 } }],
      discount: { label: ['3 off each', '10% more'], amount: { value: 12.1 } },
    });
    const ids = cart.itemsV2.items.map((i: { uid: string }) => Number(Buffer.from(i.uid, 'base64').toString()));
    expect(cart.shipping_addresses[0].cart_items).toEqual([{ cart_item_id: ids[0], quantity: 1 }, { cart_item_id: ids[1], quantity: 2 }]);
  });

  it('enforces a coupon\'s usage limit at placement: once used up it no longer discounts other carts and cannot be applied again', async () => {
    const ruleId = (await post('/salesRules', rule({ name: 'Once', discount_amount: 20 }))).body.rule_id;
    await post('/coupons', { coupon: { rule_id: ruleId, code: 'ONCE', usage_limit: 1 } });
    const first = await readyCart(shop, 'LAMP');
    const second = await readyCart(shop, 'LAMP');
    for (const id of [first, second]) expect((await shop.gql(APPLY, { id, code: 'once' })).data!.applyCouponToCart.cart.prices.discounts).toEqual([{ label: 'Once', amount: { value: 4 } }]);
    for (const id of [first, second]) await shop.gql(CHECKMO, { id });
    const placed = (await shop.gql(PLACE, { id: first })).data!.placeOrder;
    expect(placed.errors).toEqual([]);
    expect(await grandTotalOf(app, placed.orderV2.number)).toBe(2000 - 400 + 500);
    const coupon = await app.db.knex(R.coupon).where('code', 'ONCE').first();
    expect(Number(coupon.times_used)).toBe(1);
    expect(Number((await app.db.knex(T.salesRule).where('rule_id', ruleId).first()).times_used)).toBe(1);

    // The second cart applied the coupon before it ran out: it is not placed at the full price behind the buyer's back. The
    // order is refused with the coupon's message, the cart stays usable, and without the coupon it is placed at full price.
    const refused = (await shop.gql(PLACE, { id: second })).data!.placeOrder;
    expect(refused.orderV2).toBeNull();
    expect(refused.errors).toEqual([{ code: 'UNABLE_TO_PLACE_ORDER', message: "The coupon code isn't valid. Verify the code and try again." }]);
    await shop.gql('mutation ($id: String!) { removeCouponFromCart(input: { cart_id: $id }) { cart { id } } }', { id: second });
    const fullPrice = (await shop.gql(PLACE, { id: second })).data!.placeOrder;
    expect(fullPrice.errors).toEqual([]);
    expect(await grandTotalOf(app, fullPrice.orderV2.number)).toBe(2500);
    expect(Number((await app.db.knex(R.coupon).where('code', 'ONCE').first()).times_used)).toBe(1);
    const third = await readyCart(shop, 'LAMP');
    const again = await shop.gql(APPLY, { id: third, code: 'ONCE' });
    expect(again.errors?.[0]).toMatchObject({ message: "The coupon code isn't valid. Verify the code and try again.", extensions: { category: 'graphql-no-such-entity' } });
  });

  it('rolls back an order whose coupon was used up by a concurrent checkout between totals and counting', async () => {
    const ruleId = (await post('/salesRules', rule({ name: 'Last one', discount_amount: 20 }))).body.rule_id;
    const couponId = (await post('/coupons', { coupon: { rule_id: ruleId, code: 'LAST', usage_limit: 1 } })).body.coupon_id;
    const id = await readyCart(shop, 'LAMP');
    await shop.gql(APPLY, { id, code: 'LAST' });
    await shop.gql(CHECKMO, { id });
    const store = app.get(SalesInternal.SalesRules);
    // Another process takes the last use after this order's totals were collected but before its usage is counted.
    const original = store.recordUsage.bind(store);
    store.recordUsage = async (applied, customerId) => {
      await app.db.conn()(R.coupon).where('coupon_id', couponId).update({ times_used: 1 });
      return original(applied, customerId);
    };
    try {
      const placed = (await shop.gql(PLACE, { id })).data!.placeOrder;
      expect(placed.errors).toEqual([{ code: 'UNABLE_TO_PLACE_ORDER', message: 'The coupon code "LAST" has reached its usage limit.' }]);
    } finally {
      store.recordUsage = original;
    }
    expect(await app.db.knex(T.order).where('quote_id', (await app.db.knex(T.quote).where('masked_id', id).first()).entity_id).first()).toBeUndefined();
    expect(Number((await app.db.knex(T.salesRule).where('rule_id', ruleId).first()).times_used)).toBe(0);
  });

  it('counts uses per customer: a rule with uses_per_customer 1 applies to a customer\'s first order only', async () => {
    await post('/salesRules', rule({ name: 'Welcome', coupon_type: 'NO_COUPON', customer_group_ids: [1], uses_per_customer: 1, discount_amount: 50 }));
    const token = await shop.customer('once@example.com');
    const first = await readyCart(shop, 'SHADE', token);
    expect((await shop.gql(TOTALS, { id: first }, token)).data!.cart.prices.discounts).toEqual([{ label: 'Welcome', amount: { value: 5 } }]);
    await shop.gql(CHECKMO, { id: first }, token);
    expect(await grandTotalOf(app, (await shop.gql(PLACE, { id: first }, token)).data!.placeOrder.orderV2.number)).toBe(1000);
    const second = await readyCart(shop, 'SHADE', token);
    expect((await shop.gql(TOTALS, { id: second }, token)).data!.cart.prices.discounts).toEqual([]);
    // Guests (group 0) never got it.
    const guest = await readyCart(shop, 'SHADE');
    expect((await shop.gql(TOTALS, { id: guest })).data!.cart.prices.discounts).toEqual([]);
  });
});
