import type { TestApp } from '../../../app/testing/test-app';
import { CatalogApi } from '../../catalog/api';
import { StoreApi } from '../../store/api';
import { SalesInternal } from '../model/sales-internal-tokens';
import type { SalesRuleData, SalesRuleStore } from '../totals/sales-rule-store';
import { createSalesTestApp, readyCart, Storefront } from './sales-test-app';

const APPLY = `mutation ($id: String!, $code: String!) { applyCouponToCart(input: { cart_id: $id, coupon_code: $code }) { cart { applied_coupons { code } prices { discounts { label amount { value } } } } } }`;
const APPLIED = `query ($id: String!) { cart(cart_id: $id) { applied_coupons { code } } }`;

describe('applyCouponToCart refuses a coupon whose rule does not apply to the cart', () => {
  let app: TestApp;
  let shop: Storefront;
  let rules: SalesRuleStore;
  let otherWebsite: number;
  let customerToken: string;

  /** A 10% SPECIFIC_COUPON rule for the default website and every group, with `overrides`, and its coupon `code`. */
  const couponRule = async (code: string, overrides: Partial<SalesRuleData> = {}) => {
    const rule = await rules.createRule({
      name: `${code} rule`,
      isActive: true,
      websiteIds: [1],
      customerGroupIds: [0, 1, 2, 3],
      fromDate: null,
      toDate: null,
      couponType: 'SPECIFIC_COUPON',
      simpleAction: 'by_percent',
      discountAmount: 10,
      discountQty: null,
      stopRulesProcessing: false,
      sortOrder: 1,
      usesPerCustomer: 0,
      usesPerCoupon: 0,
      ...overrides,
    });
    await rules.createCoupon({ ruleId: rule.id, code, usageLimit: 0, usagePerCustomer: 0 });
    return rule;
  };
  const refusedWith = async (code: string, token?: string) => {
    const id = await readyCart(shop, 'LAMP', token);
    const res = await shop.gql(APPLY, { id, code }, token);
    expect(res.data?.applyCouponToCart ?? null).toBeNull();
    expect((await shop.gql(APPLIED, { id }, token)).data!.cart.applied_coupons ?? []).toEqual([]);
    return res.errors;
  };
  const discountOf = async (code: string, token?: string) => {
    const id = await readyCart(shop, 'LAMP', token);
    const res = await shop.gql(APPLY, { id, code }, token);
    if (res.errors) throw new Error(res.text);
    const cart = res.data!.applyCouponToCart.cart;
    await shop.gql('mutation ($id: String!) { removeCouponFromCart(input: { cart_id: $id }) { cart { id } } }', { id }, token);
    return { coupons: cart.applied_coupons, discounts: cart.prices.discounts };
  };

  beforeAll(async () => {
    app = await createSalesTestApp();
    shop = new Storefront(app);
    rules = app.get(SalesInternal.SalesRules);
    await app.get(CatalogApi.ProductRepository).saveMany([{ input: { sku: 'LAMP', price: 2000, attributes: { name: 'Lamp' }, stock: { qty: 1000 } } }]);
    otherWebsite = (await app.get(StoreApi.StoreManager).createWebsite({ code: 'eu', name: 'Europe' })).id;
    customerToken = await shop.customer('coupon.buyer@example.com');
  });
  afterAll(() => app?.close());

  it('keeps Magento\'s "isn\'t valid" answer for an unknown code', async () => {
    const errors = await refusedWith('NOSUCHCODE');
    expect(errors).toMatchObject([{ message: "The coupon code isn't valid. Verify the code and try again.", extensions: { category: 'graphql-no-such-entity' } }]);
  });

  it('refuses a coupon of another website, and accepts one whose rule includes this website', async () => {
    await couponRule('EUONLY', { websiteIds: [otherWebsite] });
    await couponRule('BOTHSITES', { websiteIds: [1, otherWebsite] });
    expect(await refusedWith('euonly')).toMatchObject([{ message: 'The coupon code "euonly" is not valid.', extensions: { category: 'graphql-no-such-entity' } }]);
    expect(await discountOf('BOTHSITES')).toEqual({ coupons: [{ code: 'BOTHSITES' }], discounts: [{ label: 'BOTHSITES rule', amount: { value: 2 } }] });
  });

  it('refuses a coupon of another customer group: guests are NOT LOGGED IN (0)', async () => {
    await couponRule('MEMBERS', { customerGroupIds: [1] });
    await couponRule('GUESTS', { customerGroupIds: [0] });
    expect(await refusedWith('MEMBERS')).toMatchObject([{ message: 'The coupon code "MEMBERS" is not valid.' }]);
    expect(await discountOf('MEMBERS', customerToken)).toEqual({ coupons: [{ code: 'MEMBERS' }], discounts: [{ label: 'MEMBERS rule', amount: { value: 2 } }] });
    expect(await discountOf('GUESTS')).toEqual({ coupons: [{ code: 'GUESTS' }], discounts: [{ label: 'GUESTS rule', amount: { value: 2 } }] });
    expect(await refusedWith('GUESTS', customerToken)).toMatchObject([{ message: 'The coupon code "GUESTS" is not valid.' }]);
  });

  it('refuses a coupon before its rule starts, after it ends, or while it is inactive', async () => {
    await couponRule('LATER', { fromDate: '2999-01-01' });
    await couponRule('OVER', { toDate: '2000-12-31' });
    await couponRule('PAUSED', { isActive: false });
    await couponRule('CURRENT', { fromDate: '2000-01-01', toDate: '2999-12-31' });
    for (const code of ['LATER', 'OVER', 'PAUSED']) expect(await refusedWith(code)).toMatchObject([{ message: `The coupon code "${code}" is not valid.` }]);
    expect((await discountOf('current')).coupons).toEqual([{ code: 'CURRENT' }]);
  });

  it('refuses a coupon that an earlier rule with stop_rules_processing keeps from running', async () => {
    const stopper = await rules.createRule({
      name: 'Stop here',
      isActive: true,
      websiteIds: [1],
      customerGroupIds: [0],
      fromDate: null,
      toDate: null,
      couponType: 'NO_COUPON',
      simpleAction: 'by_fixed',
      discountAmount: 100,
      discountQty: null,
      stopRulesProcessing: true,
      sortOrder: 0,
      usesPerCustomer: 0,
      usesPerCoupon: 0,
    });
    try {
      await couponRule('BLOCKED', { sortOrder: 5 });
      expect(await refusedWith('BLOCKED')).toMatchObject([{ message: 'The coupon code "BLOCKED" is not valid.' }]);
    } finally {
      await rules.delete(stopper.id);
    }
    expect((await discountOf('BLOCKED')).coupons).toEqual([{ code: 'BLOCKED' }]);
  });
  it("answers Magento 2.4.7's applyCouponsToCart (APPEND by default, or REPLACE; one coupon per cart) and removeCouponsFromCart", async () => {
    await couponRule('MULTI-A');
    await couponRule('MULTI-B', { discountAmount: 20 });
    const APPLY_MANY = `mutation ($id: String!, $codes: [String]!, $type: ApplyCouponsStrategy) {
      applyCouponsToCart(input: { cart_id: $id, coupon_codes: $codes, type: $type }) { cart { applied_coupons { code } prices { discounts { amount { value } } } } } }`;
    const REMOVE_MANY = `mutation ($id: String!, $codes: [String]!) { removeCouponsFromCart(input: { cart_id: $id, coupon_codes: $codes }) { cart { applied_coupons { code } } } }`;
    const applied = async (id: string) => (await shop.gql(APPLIED, { id })).data!.cart.applied_coupons ?? [];
    const id = await readyCart(shop, 'LAMP');

    const first = await shop.gql(APPLY_MANY, { id, codes: [' multi-a '] });
    expect(first.errors).toBeUndefined();
    expect(first.data!.applyCouponsToCart.cart).toEqual({ applied_coupons: [{ code: 'MULTI-A' }], prices: { discounts: [{ amount: { value: 2 } }] } });
    const append = await shop.gql(APPLY_MANY, { id, codes: ['MULTI-B'] });
    expect(append.errors![0]).toMatchObject({ message: 'Maximum allowed number of applied coupons was exceeded.', extensions: { category: 'graphql-input' } });
    expect((await shop.gql(APPLY_MANY, { id, codes: ['MULTI-A', 'multi-a'], type: 'APPEND' })).errors).toBeUndefined();
    const replaced = await shop.gql(APPLY_MANY, { id, codes: ['MULTI-B'], type: 'REPLACE' });
    expect(replaced.data!.applyCouponsToCart.cart).toEqual({ applied_coupons: [{ code: 'MULTI-B' }], prices: { discounts: [{ amount: { value: 4 } }] } });
    const two = await shop.gql(APPLY_MANY, { id, codes: ['MULTI-A', 'MULTI-B'], type: 'REPLACE' });
    expect(two.errors![0].message).toBe('Maximum allowed number of applied coupons was exceeded.');
    const unknown = await shop.gql(APPLY_MANY, { id, codes: ['NOSUCH'], type: 'REPLACE' });
    expect(unknown.errors![0]).toMatchObject({ message: "The coupon code isn't valid. Verify the code and try again.", extensions: { category: 'graphql-no-such-entity' } });
    const none = await shop.gql(APPLY_MANY, { id, codes: [' ', null] });
    expect(none.errors![0]).toMatchObject({ message: 'Required parameter "coupon_codes" is missing', extensions: { category: 'graphql-input' } });
    expect(await applied(id)).toEqual([{ code: 'MULTI-B' }]);

    expect((await shop.gql(REMOVE_MANY, { id, codes: ['MULTI-A'] })).data!.removeCouponsFromCart.cart.applied_coupons).toEqual([{ code: 'MULTI-B' }]);
    expect((await shop.gql(REMOVE_MANY, { id, codes: ['multi-b'] })).data!.removeCouponsFromCart.cart.applied_coupons ?? []).toEqual([]);
    await shop.gql(APPLY_MANY, { id, codes: ['MULTI-A'] });
    expect((await shop.gql(REMOVE_MANY, { id, codes: [] })).data!.removeCouponsFromCart.cart.applied_coupons ?? []).toEqual([]);
  });
});
