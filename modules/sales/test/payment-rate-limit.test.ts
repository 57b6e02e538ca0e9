import type { TestApp } from '../../../app/testing/test-app';
import { CatalogApi } from '../../catalog/api';
import { rateLimitPath } from '../../web-security/api';
import { SalesTable as T } from '../api/sales-tables';
import { createSalesTestApp, readyCart, SALES_MODULES, Storefront, US_ADDRESS } from './sales-test-app';

const CHECKMO = `mutation ($id: String!) { setPaymentMethodOnCart(input: { cart_id: $id, payment_method: { code: "checkmo" } }) { cart { selected_payment_method { code } } } }`;
const PLACE = `mutation ($id: String!) { placeOrder(input: { cart_id: $id }) { orderV2 { number } errors { code message } } }`;
const GUEST_ORDER = `query ($n: String!, $e: String!, $p: String!) { guestOrder(input: { number: $n, email: $e, postcode: $p }) { number status } }`;

describe('PAY-05 anti-carding limits on the real checkout (setPaymentMethodOnCart, placeOrder, guestOrder), from config', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createSalesTestApp({ modules: [...SALES_MODULES, 'Comptoir_WebSecurity'] });
    await app.get(CatalogApi.ProductRepository).save({ sku: 'BOOK', price: 1200, attributes: { name: 'Book' }, stock: { qty: 100 } });
    const limits: Array<[string, number]> = [
      [rateLimitPath('checkout', 'per_account'), 2],
      [rateLimitPath('checkout', 'per_ip'), 1000],
      [rateLimitPath('order_lookup', 'per_account'), 3],
      [rateLimitPath('order_lookup', 'per_ip'), 1000],
    ];
    for (const [path, value] of limits) await app.config.set(path, value);
  });
  afterAll(() => app?.close());

  it('PAY-05 refuses the 3rd payment/placeOrder attempt on a guest cart when per_account is 2, with 429 and Magento\'s error shape; no order is placed', async () => {
    const shop = new Storefront(app);
    const id = await readyCart(shop, 'BOOK');
    for (let i = 0; i < 2; i++) expect((await shop.gql(CHECKMO, { id })).data!.setPaymentMethodOnCart.cart.selected_payment_method.code).toBe('checkmo');
    const refused = await shop.gql(PLACE, { id });
    expect(refused.data).toBeUndefined();
    expect(refused.errors).toEqual([{ message: expect.stringMatching(/^Too many requests \(checkout\)\. Try again in \d+ seconds?\.$/), extensions: { category: 'graphql-input' } }]);
    const cart = await app.db.knex(T.quote).where('masked_id', id).first('entity_id', 'is_active');
    expect(await app.db.knex(T.order).where('quote_id', cart.entity_id).first()).toBeUndefined();
    expect(Boolean(Number(cart.is_active))).toBe(true);
  });

  it('PAY-05 takes the limit from web_security/rate_limit_checkout/per_account: raised to 4, the 4th attempt passes and the 5th is refused', async () => {
    await app.config.set(rateLimitPath('checkout', 'per_account'), 4);
    const shop = new Storefront(app);
    const id = await readyCart(shop, 'BOOK');
    for (let i = 0; i < 3; i++) expect((await shop.gql(CHECKMO, { id })).errors).toBeUndefined();
    const placed = await shop.gql(PLACE, { id });
    expect(placed.data!.placeOrder.errors).toEqual([]);
    const again = await shop.gql(PLACE, { id });
    expect(again.errors![0].extensions).toEqual({ category: 'graphql-input' });
    await app.config.set(rateLimitPath('checkout', 'per_account'), 2);
  });

  it('PAY-05 counts the deprecated setPaymentMethodAndPlaceOrder in the same checkout limit: after 2 setPaymentMethodOnCart calls it is refused, no order placed', async () => {
    await app.config.set(rateLimitPath('checkout', 'per_account'), 2);
    const shop = new Storefront(app);
    const id = await readyCart(shop, 'BOOK');
    for (let i = 0; i < 2; i++) expect((await shop.gql(CHECKMO, { id })).errors).toBeUndefined();
    const refused = await shop.gql(`mutation ($id: String!) { setPaymentMethodAndPlaceOrder(input: { cart_id: $id, payment_method: { code: "checkmo" } }) { orderV2 { number } } }`, { id });
    expect(refused.errors).toEqual([{ message: expect.stringMatching(/^Too many requests \(checkout\)\./), extensions: { category: 'graphql-input' } }]);
    const cart = await app.db.knex(T.quote).where('masked_id', id).first('entity_id');
    expect(await app.db.knex(T.order).where('quote_id', cart.entity_id).first()).toBeUndefined();
  });

  it('PAY-05 limits guestOrder lookups per email (order_lookup group): wrong guesses count, and the 4th lookup is refused even with the right details', async () => {
    await app.config.set(rateLimitPath('checkout', 'per_account'), 10);
    const shop = new Storefront(app);
    const id = await readyCart(shop, 'BOOK');
    await shop.gql(CHECKMO, { id });
    const number = (await shop.gql(PLACE, { id })).data!.placeOrder.orderV2.number as string;
    const lookup = (postcode: string) => shop.gql(GUEST_ORDER, { n: number, e: 'buyer@example.com', p: postcode });
    expect((await lookup(US_ADDRESS.postcode)).data!.guestOrder).toEqual({ number, status: expect.stringMatching(/^pending$/i) });
    for (const guess of ['00000', '11111']) expect((await lookup(guess)).errors![0].message).toBe("We couldn't locate an order with the information provided.");
    const refused = await lookup(US_ADDRESS.postcode);
    expect(refused.errors).toEqual([{ message: expect.stringMatching(/^Too many requests \(order lookup\)/), extensions: { category: 'graphql-input' } }]);
    // Another email has its own allowance.
    expect((await shop.gql(GUEST_ORDER, { n: number, e: 'other@example.com', p: US_ADDRESS.postcode })).errors![0].message).toBe("We couldn't locate an order with the information provided.");
  });
});
