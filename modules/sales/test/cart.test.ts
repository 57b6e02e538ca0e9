import type { TestApp } from '../../../app/testing/test-app';
import { Kernel } from '../../../app';
import { SalesConfigPath as P } from '../api/sales-config-paths';
import { SalesInternal } from '../model/sales-internal-tokens';
import { createSalesTestApp, installProducts, Storefront, US_ADDRESS } from './sales-test-app';

const CART = `id email total_quantity is_virtual
  itemsV2 { total_count page_info { current_page page_size total_pages } items { uid quantity is_available product { sku }
    prices { price { value currency } row_total { value } row_total_including_tax { value } }
    ... on ConfigurableCartItem { configured_variant { sku } configurable_options { configurable_product_option_value_uid } } } }
  shipping_addresses { city region { code label region_id } country { code label }
    available_shipping_methods { carrier_code method_code amount { value } available }
    selected_shipping_method { carrier_code method_code amount { value } } }
  billing_address { firstname city }
  applied_coupons { code }
  prices { grand_total { value currency } subtotal_excluding_tax { value } subtotal_with_discount_excluding_tax { value }
    applied_taxes { label amount { value } } discounts { label amount { value } } }`;
const ADD = `mutation ($id: String!, $items: [CartItemInput!]!) { addProductsToCart(cartId: $id, cartItems: $items) { cart { ${CART} } user_errors { code message } } }`;
const GET = `query ($id: String!) { cart(cart_id: $id) { ${CART} } }`;

describe('Carts', () => {
  let app: TestApp;
  let shop: Storefront;
  let options: Awaited<ReturnType<typeof installProducts>>;

  beforeAll(async () => {
    app = await createSalesTestApp();
    shop = new Storefront(app);
    options = await installProducts(app);
  });
  afterAll(() => app?.close());

  it('API-01 creates guest carts with masked ids of at least 32 random characters', async () => {
    const a = await shop.guestCart();
    const b = await shop.guestCart();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(a).not.toEqual(b);
    const res = await shop.gql(GET, { id: a });
    expect(res.data!.cart).toMatchObject({ id: a, total_quantity: 0, itemsV2: { total_count: 0, items: [] } });
  });

  it('API-01 reads a known cart by primary key, and never finds a deleted cart through its masked id once its id is reused', async () => {
    const id = await shop.guestCart();
    const quoteReads: string[] = [];
    const listener = (q: { sql: string }) => {
      if (/^SELECT \* FROM quote WHERE/i.test(q.sql)) quoteReads.push(q.sql);
    };
    app.db.knex.on('query', listener);
    try {
      expect((await shop.gql(GET, { id })).data!.cart).toMatchObject({ id, total_quantity: 0 });
      expect(quoteReads).toEqual([expect.stringMatching(/WHERE entity_id = \? AND masked_id = \?/)]);
    } finally {
      app.db.knex.off('query', listener);
    }
    // The cart goes (as an expired cart's cleanup removes it) and a newer cart gets its id: the old masked id finds nothing.
    const row = await app.db.knex('quote').where('masked_id', id).first();
    await app.db.knex('quote').where('entity_id', row.entity_id).delete();
    const other = 'R'.repeat(32);
    await app.db.knex('quote').insert({ ...row, masked_id: other, updated_at: Date.now() });
    const gone = await shop.gql(GET, { id });
    expect(gone.errors![0]).toMatchObject({ message: `Could not find a cart with ID "${id}"`, extensions: { category: 'graphql-no-such-entity' } });
    expect((await shop.gql(GET, { id: other })).data!.cart).toMatchObject({ id: other });
    expect((await shop.gql(GET, { id })).errors![0]).toMatchObject({ extensions: { category: 'graphql-no-such-entity' } });
  });

  it('adds simple and configurable items by sku, with Magento user_errors for bad lines, checking salable stock', async () => {
    const id = await shop.guestCart();
    const res = await shop.gql(ADD, {
      id,
      items: [
        { sku: 'TEE', quantity: 2 },
        { sku: 'NOPE', quantity: 1 },
        { sku: 'TEE', quantity: 9 },
        { sku: 'HOOD', quantity: 1, selected_options: [options.blue, options.small] },
        { sku: 'HOOD', quantity: 1, selected_options: [options.red, options.small] },
        { sku: 'HOOD-BLUE-S', parent_sku: 'HOOD', quantity: 1 },
        { sku: 'TEE', quantity: 0.5 },
      ],
    });
    expect(res.errors).toBeUndefined();
    const out = res.data!.addProductsToCart;
    expect(out.user_errors).toEqual([
      { code: 'PRODUCT_NOT_FOUND', message: 'Could not find a product with SKU "NOPE"' },
      { code: 'INSUFFICIENT_STOCK', message: 'The requested qty is not available' },
      { code: 'NOT_SALABLE', message: 'Product that you are trying to add is not available.' },
      { code: 'UNDEFINED', message: 'The product quantity should be a whole number greater than 0.' },
    ]);
    const items = out.cart.itemsV2.items;
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ quantity: 2, product: { sku: 'TEE' }, prices: { price: { value: 29, currency: 'USD' }, row_total: { value: 58 } } });
    expect(items[1]).toMatchObject({ quantity: 2, product: { sku: 'HOOD' }, configured_variant: { sku: 'HOOD-BLUE-S' } });
    expect(out.cart.total_quantity).toBe(4);
    expect(out.cart.prices.subtotal_excluding_tax.value).toBe(158);
  });

  it('pages and sorts itemsV2, updates and removes items', async () => {
    const id = await shop.guestCart();
    await shop.gql(ADD, { id, items: [{ sku: 'TEE', quantity: 1 }, { sku: 'GIFT', quantity: 1 }] });
    const page = await shop.gql(`query ($id: String!) { cart(cart_id: $id) { itemsV2(pageSize: 1, currentPage: 2, sort: { field: SKU, order: DESC }) { total_count page_info { total_pages } items { uid product { sku } } } } }`, { id });
    expect(page.data!.cart.itemsV2).toEqual({ total_count: 2, page_info: { total_pages: 2 }, items: [{ uid: expect.any(String), product: { sku: 'GIFT' } }] });
    const giftUid = page.data!.cart.itemsV2.items[0].uid;
    const tooMany = await shop.gql(`mutation ($id: String!, $uid: ID!) { updateCartItems(input: { cart_id: $id, cart_items: [{ cart_item_uid: $uid, quantity: 101 }] }) { cart { total_quantity } } }`, { id, uid: giftUid });
    expect(tooMany.errors![0]).toMatchObject({ message: 'The requested qty is not available', extensions: { category: 'graphql-input' } });
    const updated = await shop.gql(`mutation ($id: String!, $uid: ID!) { updateCartItems(input: { cart_id: $id, cart_items: [{ cart_item_uid: $uid, quantity: 3 }] }) { cart { total_quantity } } }`, { id, uid: giftUid });
    expect(updated.data!.updateCartItems.cart.total_quantity).toBe(4);
    const removed = await shop.gql(`mutation ($id: String!, $uid: ID!) { removeItemFromCart(input: { cart_id: $id, cart_item_uid: $uid }) { cart { total_quantity } } }`, { id, uid: giftUid });
    expect(removed.data!.removeItemFromCart.cart.total_quantity).toBe(1);
  });

  it('API-01 refuses another customer\'s cart and a guest\'s access to a customer cart as not found', async () => {
    const ana = await shop.customer('ana@example.com');
    const bob = await shop.customer('bob@example.com');
    const anaCart = (await shop.gql('{ customerCart { id } }', {}, ana)).data!.customerCart.id;
    expect((await shop.gql('{ customerCart { id } }', {}, ana)).data!.customerCart.id).toBe(anaCart);
    for (const token of [bob, undefined]) {
      const read = await shop.gql(GET, { id: anaCart }, token);
      expect(read.errors![0]).toMatchObject({ message: `Could not find a cart with ID "${anaCart}"`, extensions: { category: 'graphql-no-such-entity' } });
      const write = await shop.gql(ADD, { id: anaCart, items: [{ sku: 'TEE', quantity: 1 }] }, token);
      expect(write.errors![0].extensions!.category).toBe('graphql-no-such-entity');
    }
    const unknown = await shop.gql(GET, { id: 'x'.repeat(32) }, bob);
    expect(unknown.errors![0].message).toBe(`Could not find a cart with ID "${'x'.repeat(32)}"`);
    expect((await shop.gql('{ customerCart { id } }')).errors![0].extensions!.category).toBe('graphql-authorization');
  });

  it('merges a guest cart into the customer cart and assigns a guest cart', async () => {
    const token = await shop.customer('cleo@example.com');
    const mine = (await shop.gql('{ customerCart { id } }', {}, token)).data!.customerCart.id;
    await shop.gql(ADD, { id: mine, items: [{ sku: 'TEE', quantity: 1 }] }, token);
    const guest = await shop.guestCart();
    await shop.gql(ADD, { id: guest, items: [{ sku: 'TEE', quantity: 2 }, { sku: 'GIFT', quantity: 1 }] });
    const merged = await shop.gql(`mutation ($s: String!, $d: String) { mergeCarts(source_cart_id: $s, destination_cart_id: $d) { id total_quantity itemsV2 { total_count } } }`, { s: guest, d: mine }, token);
    expect(merged.data!.mergeCarts).toEqual({ id: mine, total_quantity: 4, itemsV2: { total_count: 2 } });
    expect((await shop.gql(GET, { id: guest })).errors![0].message).toBe("The cart isn't active.");
    const other = await shop.guestCart();
    await shop.gql(ADD, { id: other, items: [{ sku: 'GIFT', quantity: 1 }] });
    const assigned = await shop.gql(`mutation ($id: String!) { assignCustomerToGuestCart(cart_id: $id) { id total_quantity } }`, { id: other }, token);
    expect(assigned.data!.assignCustomerToGuestCart).toEqual({ id: other, total_quantity: 5 });
    expect((await shop.gql('{ customerCart { id } }', {}, token)).data!.customerCart.id).toBe(other);
    expect((await shop.gql(GET, { id: other })).errors![0].extensions!.category).toBe('graphql-no-such-entity');
  });

  it('expires guest carts after cart_expires_in_days', async () => {
    const id = await shop.guestCart();
    const days = (await shop.gql('{ storeConfig { cart_expires_in_days is_guest_checkout_enabled } }')).data!.storeConfig;
    expect(days).toEqual({ cart_expires_in_days: 30, is_guest_checkout_enabled: true });
    await app.db.knex('quote').where('masked_id', id).update({ updated_at: Date.now() - 31 * 86_400_000 });
    expect((await shop.gql(GET, { id })).errors![0].extensions!.category).toBe('graphql-no-such-entity');
  });

  it('collects totals: addresses, flatrate and freeshipping, a percent coupon, per-line tax half-up', async () => {
    const config = app.get(Kernel.Config);
    await config.set(P.TaxRates, JSON.stringify([{ country: 'US', region: 'TX', rate: 8.25, label: 'TX' }]));
    await config.set(P.FreeShippingActive, true);
    await config.set(P.FreeShippingSubtotal, '100');
    await app.get(SalesInternal.SalesRules).create({ name: '10% off', couponCode: 'TEN', simpleAction: 'by_percent', discountAmount: 10, isActive: true, fromDate: null, toDate: null });
    const id = await shop.guestCart();
    await shop.gql(ADD, { id, items: [{ sku: 'TEE', quantity: 3 }] });
    const bad = await shop.gql(`mutation ($id: String!, $a: CartAddressInput!) { setShippingAddressesOnCart(input: { cart_id: $id, shipping_addresses: [{ address: $a }] }) { cart { id } } }`, { id, a: { ...US_ADDRESS, city: ' ' } });
    expect(bad.errors![0]).toMatchObject({ message: 'Field "city" is required.', extensions: { category: 'graphql-input' } });
    const set = await shop.gql(`mutation ($id: String!, $a: CartAddressInput!) { setShippingAddressesOnCart(input: { cart_id: $id, shipping_addresses: [{ address: $a }] }) { cart { ${CART} } } }`, { id, a: US_ADDRESS });
    const address = set.data!.setShippingAddressesOnCart.cart.shipping_addresses[0];
    expect(address).toMatchObject({ city: 'Austin', region: { code: 'TX', label: 'Texas', region_id: 57 }, country: { code: 'US', label: 'United States' } });
    expect(address.available_shipping_methods).toEqual([{ carrier_code: 'flatrate', method_code: 'flatrate', amount: { value: 15 }, available: true }]);
    const wrong = await shop.gql(`mutation ($id: String!) { setShippingMethodsOnCart(input: { cart_id: $id, shipping_methods: [{ carrier_code: "freeshipping", method_code: "freeshipping" }] }) { cart { id } } }`, { id });
    expect(wrong.errors![0].message).toBe('Carrier with such method not found: freeshipping, freeshipping');
    const ship = await shop.gql(`mutation ($id: String!) { setShippingMethodsOnCart(input: { cart_id: $id, shipping_methods: [{ carrier_code: "flatrate", method_code: "flatrate" }] }) { cart { ${CART} } } }`, { id });
    const cart = ship.data!.setShippingMethodsOnCart.cart;
    expect(cart.shipping_addresses[0].selected_shipping_method).toEqual({ carrier_code: 'flatrate', method_code: 'flatrate', amount: { value: 15 } });
    // 87.00 subtotal; tax 8.25% of 87.00 = 7.1775 → 7.18; + 15.00 shipping.
    expect(cart.prices).toMatchObject({ subtotal_excluding_tax: { value: 87 }, applied_taxes: [{ label: 'TX', amount: { value: 7.18 } }], grand_total: { value: 109.18 } });
    const badCoupon = await shop.gql(`mutation ($id: String!) { applyCouponToCart(input: { cart_id: $id, coupon_code: "NOPE" }) { cart { id } } }`, { id });
    expect(badCoupon.errors![0].message).toBe("The coupon code isn't valid. Verify the code and try again.");
    const coupon = await shop.gql(`mutation ($id: String!) { applyCouponToCart(input: { cart_id: $id, coupon_code: "ten" }) { cart { ${CART} } } }`, { id });
    // 10% of 87.00 = 8.70; tax 8.25% of 78.30 = 6.45975 → 6.46; 78.30 + 6.46 + 15.00.
    expect(coupon.data!.applyCouponToCart.cart).toMatchObject({
      applied_coupons: [{ code: 'TEN' }],
      prices: { subtotal_with_discount_excluding_tax: { value: 78.3 }, discounts: [{ label: '10% off', amount: { value: 8.7 } }], applied_taxes: [{ amount: { value: 6.46 } }], grand_total: { value: 99.76 } },
    });
    await shop.gql(ADD, { id, items: [{ sku: 'TEE', quantity: 1 }] });
    const free = await shop.gql(GET, { id });
    expect(free.data!.cart.shipping_addresses[0].available_shipping_methods.map((m: { carrier_code: string }) => m.carrier_code)).toEqual(['flatrate', 'freeshipping']);
    const removed = await shop.gql(`mutation ($id: String!) { removeCouponFromCart(input: { cart_id: $id }) { cart { applied_coupons { code } } } }`, { id });
    expect(removed.data!.removeCouponFromCart.cart.applied_coupons).toEqual([]);
    const billing = await shop.gql(`mutation ($id: String!) { setBillingAddressOnCart(input: { cart_id: $id, billing_address: { same_as_shipping: true } }) { cart { billing_address { firstname city } } } }`, { id });
    expect(billing.data!.setBillingAddressOnCart.cart.billing_address).toEqual({ firstname: 'Ana', city: 'Austin' });
    const email = await shop.gql(`mutation ($id: String!) { setGuestEmailOnCart(input: { cart_id: $id, email: "not-an-email" }) { cart { email } } }`, { id });
    expect(email.errors![0].message).toBe('Invalid email format');
    const ok = await shop.gql(`mutation ($id: String!) { setGuestEmailOnCart(input: { cart_id: $id, email: "guest@example.com" }) { cart { email } } }`, { id });
    expect(ok.data!.setGuestEmailOnCart.cart.email).toBe('guest@example.com');
  });
  it('answers address and shipping method mutations with the addresses as stored, without reading them again', async () => {
    const ADDRESSES = `shipping_addresses { firstname city postcode street selected_shipping_method { carrier_code method_code } } billing_address { firstname lastname city street }`;
    const id = await shop.guestCart();
    await shop.gql(ADD, { id, items: [{ sku: 'TEE', quantity: 1 }] });
    const addressReads: string[] = [];
    const listener = (q: { sql: string }) => {
      if (/^SELECT .* FROM quote_address\b/i.test(q.sql)) addressReads.push(q.sql);
    };
    app.db.knex.on('query', listener);
    try {
      const early = await shop.gql(`mutation ($id: String!) { setBillingAddressOnCart(input: { cart_id: $id, billing_address: { same_as_shipping: true } }) { cart { ${ADDRESSES} } } }`, { id });
      expect(early.errors![0]).toMatchObject({ message: 'Could not use the "same_as_shipping" option, because the shipping address has not been set.', extensions: { category: 'graphql-input' } });
      expect(addressReads).toHaveLength(1);
      const shipping = await shop.gql(`mutation ($id: String!, $a: CartAddressInput!) { setShippingAddressesOnCart(input: { cart_id: $id, shipping_addresses: [{ address: $a }] }) { cart { ${ADDRESSES} } } }`, { id, a: US_ADDRESS });
      expect(shipping.data!.setShippingAddressesOnCart.cart).toEqual({
        shipping_addresses: [{ firstname: 'Ana', city: 'Austin', postcode: '78701', street: ['100 Congress Ave'], selected_shipping_method: null }],
        billing_address: null,
      });
      expect(addressReads).toHaveLength(2);
      const method = await shop.gql(`mutation ($id: String!) { setShippingMethodsOnCart(input: { cart_id: $id, shipping_methods: [{ carrier_code: "flatrate", method_code: "flatrate" }] }) { cart { ${ADDRESSES} } } }`, { id });
      expect(method.data!.setShippingMethodsOnCart.cart.shipping_addresses[0].selected_shipping_method).toEqual({ carrier_code: 'flatrate', method_code: 'flatrate' });
      expect(addressReads).toHaveLength(3);
      // Billing same as shipping copies the shipping address read in the transaction that writes the copy.
      const same = await shop.gql(`mutation ($id: String!) { setBillingAddressOnCart(input: { cart_id: $id, billing_address: { same_as_shipping: true } }) { cart { ${ADDRESSES} } } }`, { id });
      expect(same.data!.setBillingAddressOnCart.cart.billing_address).toEqual({ firstname: 'Ana', lastname: 'Lima', city: 'Austin', street: ['100 Congress Ave'] });
      expect(same.data!.setBillingAddressOnCart.cart.shipping_addresses[0].selected_shipping_method).toEqual({ carrier_code: 'flatrate', method_code: 'flatrate' });
      expect(addressReads).toHaveLength(4);
      const billing = await shop.gql(`mutation ($id: String!) { setBillingAddressOnCart(input: { cart_id: $id, billing_address: { address: { firstname: "Bea", lastname: "Costa", street: ["1 Main St"], city: "Dallas", region: "TX", postcode: "75201", country_code: "US", telephone: "+1 214 555 0100" } } }) { cart { ${ADDRESSES} } } }`, { id });
      // A billing address leaves the shipping address and its method alone.
      expect(billing.data!.setBillingAddressOnCart.cart).toEqual({
        shipping_addresses: [{ firstname: 'Ana', city: 'Austin', postcode: '78701', street: ['100 Congress Ave'], selected_shipping_method: { carrier_code: 'flatrate', method_code: 'flatrate' } }],
        billing_address: { firstname: 'Bea', lastname: 'Costa', city: 'Dallas', street: ['1 Main St'] },
      });
      expect(addressReads).toHaveLength(5);
      // A new shipping address drops the chosen method, in the answer as in the table.
      const moved = await shop.gql(`mutation ($id: String!, $a: CartAddressInput!) { setShippingAddressesOnCart(input: { cart_id: $id, shipping_addresses: [{ address: $a }] }) { cart { ${ADDRESSES} } } }`, { id, a: { ...US_ADDRESS, city: 'Houston', postcode: '77002' } });
      expect(moved.data!.setShippingAddressesOnCart.cart.shipping_addresses).toEqual([{ firstname: 'Ana', city: 'Houston', postcode: '77002', street: ['100 Congress Ave'], selected_shipping_method: null }]);
      expect(addressReads).toHaveLength(6);
      // What the mutations answered is what a fresh read finds.
      const read = await shop.gql(`query ($id: String!) { cart(cart_id: $id) { ${ADDRESSES} } }`, { id });
      expect(read.data!.cart).toEqual(moved.data!.setShippingAddressesOnCart.cart);
    } finally {
      app.db.knex.off('query', listener);
    }
  });
});
