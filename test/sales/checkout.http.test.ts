import request from 'supertest';
import type { Express } from 'express';
import { Kernel } from '../../app';
import { createHttpApp } from '../../app/http/http-app';
import type { TestApp } from '../../app/testing/test-app';
import { CatalogApi } from '../../modules/catalog/api';
import { SalesTable as T } from '../../modules/sales/api/sales-tables';
import { SalesInternal } from '../../modules/sales/model/sales-internal-tokens';
import { sandboxGatewaySecret } from '../../modules/sales/payment/sandbox/sandbox-gateway';
import { createSandboxTokenizer } from '../../modules/sales/payment/sandbox/sandbox-tokenizer';
import { createSalesTestApp, US_ADDRESS } from '../../modules/sales/test/sales-test-app';

/** The whole checkout as a storefront drives it over HTTP: store, directory, catalog, customer and sales modules together. */
describe('storefront checkout over HTTP (guest with check/money order, customer with a coupon and a card)', () => {
  let app: TestApp;
  let web: Express;
  let tokenizer: Express;

  const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const call = request(web).post('/graphql').set('Content-Type', 'application/json');
    if (token) call.set('Authorization', `Bearer ${token}`);
    const res = await call.send({ query, variables });
    expect(res.status).toBe(200);
    if (res.body.errors) throw new Error(res.text);
    return res.body.data;
  };

  beforeAll(async () => {
    app = await createSalesTestApp();
    web = createHttpApp(app);
    tokenizer = createSandboxTokenizer({ secret: sandboxGatewaySecret(app.get(Kernel.Encryptor)) });
    await app.get(CatalogApi.ProductRepository).saveMany([
      { input: { sku: 'KETTLE', price: 3550, attributes: { name: 'Kettle' }, stock: { qty: 10 } } },
      { input: { sku: 'TEAPOT', price: 2400, attributes: { name: 'Teapot' }, stock: { qty: 10 } } },
    ]);
    await app.get(SalesInternal.SalesRules).create({ name: '10% off', couponCode: 'TEA10', simpleAction: 'by_percent', discountAmount: 10, isActive: true, fromDate: null, toDate: null });
  });
  afterAll(() => app?.close());

  it('a guest checks out step by step with checkmo, then finds the order with guestOrder', async () => {
    const cartId = (await gql('mutation { createGuestCart { cart { id } } }')).createGuestCart.cart.id as string;
    expect(cartId).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    const added = await gql('mutation ($id: String!) { addProductsToCart(cartId: $id, cartItems: [{ sku: "KETTLE", quantity: 2 }]) { cart { total_quantity } user_errors { code } } }', { id: cartId });
    expect(added.addProductsToCart).toEqual({ cart: { total_quantity: 2 }, user_errors: [] });
    const shipping = await gql(
      'mutation ($id: String!, $a: CartAddressInput!) { setShippingAddressesOnCart(input: { cart_id: $id, shipping_addresses: [{ address: $a }] }) { cart { shipping_addresses { city available_shipping_methods { carrier_code method_code amount { value } } } } } }',
      { id: cartId, a: US_ADDRESS },
    );
    expect(shipping.setShippingAddressesOnCart.cart.shipping_addresses[0]).toMatchObject({ city: 'Austin', available_shipping_methods: expect.arrayContaining([{ carrier_code: 'flatrate', method_code: 'flatrate', amount: { value: 10 } }]) });
    await gql('mutation ($id: String!, $a: CartAddressInput!) { setBillingAddressOnCart(input: { cart_id: $id, billing_address: { address: $a } }) { cart { id } } }', { id: cartId, a: US_ADDRESS });
    await gql('mutation ($id: String!) { setGuestEmailOnCart(input: { cart_id: $id, email: "guest@example.com" }) { cart { email } } }', { id: cartId });
    await gql('mutation ($id: String!) { setShippingMethodsOnCart(input: { cart_id: $id, shipping_methods: [{ carrier_code: "flatrate", method_code: "flatrate" }] }) { cart { id } } }', { id: cartId });
    const paid = await gql('mutation ($id: String!) { setPaymentMethodOnCart(input: { cart_id: $id, payment_method: { code: "checkmo" } }) { cart { selected_payment_method { code } prices { subtotal_excluding_tax { value } grand_total { value currency } } } } }', { id: cartId });
    // 2 × 35.50 + flat rate 5.00 per item.
    expect(paid.setPaymentMethodOnCart.cart).toEqual({ selected_payment_method: { code: 'checkmo' }, prices: { subtotal_excluding_tax: { value: 71 }, grand_total: { value: 81, currency: 'USD' } } });
    const placed = (await gql('mutation ($id: String!) { placeOrder(input: { cart_id: $id }) { orderV2 { number } errors { code message } } }', { id: cartId })).placeOrder;
    expect(placed.errors).toEqual([]);
    expect(placed.orderV2.number).toMatch(/^\d{9}$/);
    const row = await app.db.knex(T.order).where('increment_id', placed.orderV2.number).first();
    expect({ state: row.state, status: row.status, grand: Number(row.grand_total), customer: row.customer_id }).toEqual({ state: 'new', status: 'pending', grand: 8100, customer: null });
    expect(await app.get(CatalogApi.StockReservations).getSalableQty('KETTLE')).toBe(8);

    const found = await gql('query ($n: String!) { guestOrder(input: { number: $n, email: "GUEST@example.com", postcode: "78701" }) { number status } }', { n: placed.orderV2.number });
    expect(found.guestOrder.number).toBe(placed.orderV2.number);
    expect(found.guestOrder.status.toLowerCase()).toBe('pending');
    const closed = await request(web).post('/graphql').send({ query: 'query ($id: String!) { cart(cart_id: $id) { id } }', variables: { id: cartId } });
    expect(closed.body.errors[0].extensions.category).toBeDefined();
  });

  it('a customer checks out with a coupon and a card tokenized by the sandbox hosted fields; the server sees only the nonce', async () => {
    const password = 'Sunflower-42';
    await gql('mutation ($i: CustomerCreateInput!) { createCustomerV2(input: $i) { customer { email } } }', { i: { email: 'ana@example.com', firstname: 'Ana', lastname: 'Lima', password } });
    const token = (await gql('mutation { generateCustomerToken(email: "ana@example.com", password: "Sunflower-42") { token } }')).generateCustomerToken.token as string;
    const cartId = (await gql('{ customerCart { id } }', {}, token)).customerCart.id as string;
    await gql('mutation ($id: String!) { addProductsToCart(cartId: $id, cartItems: [{ sku: "TEAPOT", quantity: 1 }]) { user_errors { code } } }', { id: cartId }, token);
    await gql('mutation ($id: String!, $a: CartAddressInput!) { setShippingAddressesOnCart(input: { cart_id: $id, shipping_addresses: [{ address: $a }] }) { cart { id } } }', { id: cartId, a: US_ADDRESS }, token);
    await gql('mutation ($id: String!) { setBillingAddressOnCart(input: { cart_id: $id, billing_address: { same_as_shipping: true } }) { cart { id } } }', { id: cartId }, token);
    await gql('mutation ($id: String!) { setShippingMethodsOnCart(input: { cart_id: $id, shipping_methods: [{ carrier_code: "flatrate", method_code: "flatrate" }] }) { cart { id } } }', { id: cartId }, token);
    const coupon = await gql('mutation ($id: String!) { applyCouponToCart(input: { cart_id: $id, coupon_code: "tea10" }) { cart { applied_coupons { code } prices { discounts { amount { value } } grand_total { value } } } } }', { id: cartId }, token);
    // 24.00 − 2.40 + 5.00.
    expect(coupon.applyCouponToCart.cart).toEqual({ applied_coupons: [{ code: 'TEA10' }], prices: { discounts: [{ amount: { value: 2.4 } }], grand_total: { value: 26.6 } } });

    const card = await request(tokenizer).post('/v1/nonces').send({ number: '4111111111111111', exp_month: 12, exp_year: new Date().getUTCFullYear() + 2, cvv: '987' });
    expect(card.status).toBe(201);
    expect(card.body.details).toMatchObject({ brand: 'VI', last4: '1111' });
    await gql(
      'mutation ($id: String!, $n: String!) { setPaymentMethodOnCart(input: { cart_id: $id, payment_method: { code: "comptoir_card", comptoir_card: { payment_method_nonce: $n, is_active_payment_token_enabler: false } } }) { cart { selected_payment_method { code } } } }',
      { id: cartId, n: card.body.nonce },
      token,
    );
    const placed = (await gql('mutation ($id: String!) { placeOrder(input: { cart_id: $id }) { orderV2 { number } errors { code message } } }', { id: cartId }, token)).placeOrder;
    expect(placed.errors).toEqual([]);
    const order = await app.db.knex(T.order).where('increment_id', placed.orderV2.number).first();
    expect({ grand: Number(order.grand_total), discount: Math.abs(Number(order.discount_amount)), coupon: order.coupon_code, status: order.status }).toEqual({ grand: 2660, discount: 240, coupon: 'TEA10', status: 'pending' });
    const payment = await app.db.knex(T.orderPayment).where('order_id', order.entity_id).first();
    expect({ method: payment.method, type: payment.cc_type, last4: payment.cc_last_4 }).toEqual({ method: 'comptoir_card', type: 'VI', last4: '1111' });
    expect(JSON.stringify(payment)).not.toMatch(/4111111111111111|987/);

    const orders = await gql('{ customer { orders { total_count items { number } } } }', {}, token);
    expect(orders.customer.orders).toEqual({ total_count: 1, items: [{ number: placed.orderV2.number }] });
  });
});
