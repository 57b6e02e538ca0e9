import { Kernel } from '../../../app';
import type { TestApp } from '../../../app/testing/test-app';
import { SalesConfigPath as P } from '../api/sales-config-paths';
import { createSalesTestApp, installProducts, readyCart, Storefront } from './sales-test-app';

const METHODS = `mutation ($i: EstimateTotalsInput!) { estimateShippingMethods(input: $i) { carrier_code method_code amount { value } available } }`;
const TOTALS = `mutation ($i: EstimateTotalsInput!) { estimateTotals(input: $i) { cart {
  prices { subtotal_excluding_tax { value } applied_taxes { label amount { value } } grand_total { value } }
  shipping_addresses { firstname country { code } region { code } postcode selected_shipping_method { carrier_code amount { value } } }
  billing_address { country { code } } } } }`;
const STORED = `query ($id: String!) { cart(cart_id: $id) { prices { grand_total { value } } shipping_addresses { country { code } postcode selected_shipping_method { carrier_code } } } }`;
const ADD = `mutation ($id: String!, $sku: String!, $qty: Float!) { addProductsToCart(cartId: $id, cartItems: [{ sku: $sku, quantity: $qty }]) { user_errors { code } } }`;

/** Magento 2.4.7's cart-page estimates: shipping methods and totals for a country, region and postcode, nothing stored. */
describe('estimateShippingMethods and estimateTotals', () => {
  let app: TestApp;
  let shop: Storefront;
  const TX = { country_code: 'US', region: { region_code: 'TX' }, postcode: '78701' };

  beforeAll(async () => {
    app = await createSalesTestApp();
    shop = new Storefront(app);
    await installProducts(app);
    await app
      .get(Kernel.Config)
      .set(P.TaxRates, JSON.stringify([{ country: 'US', region: 'TX', rate: 8.25, label: 'TX' }, { country: 'FR', rate: 20, label: 'TVA' }]));
  });
  afterAll(() => app?.close());

  it('estimates for a cart without an address, and stores nothing', async () => {
    const id = await shop.guestCart();
    await shop.gql(ADD, { id, sku: 'TEE', qty: 2 });
    const methods = await shop.gql(METHODS, { i: { cart_id: id, address: TX } });
    expect(methods.errors).toBeUndefined();
    expect(methods.data!.estimateShippingMethods).toEqual([{ carrier_code: 'flatrate', method_code: 'flatrate', amount: { value: 10 }, available: true }]);

    // 58.00 subtotal; 8.25% of 58.00 = 4.785 → 4.79; flat rate 2 × 5.00.
    const withMethod = await shop.gql(TOTALS, { i: { cart_id: id, address: TX, shipping_method: { carrier_code: 'flatrate', method_code: 'flatrate' } } });
    expect(withMethod.errors).toBeUndefined();
    expect(withMethod.data!.estimateTotals.cart).toEqual({
      prices: { subtotal_excluding_tax: { value: 58 }, applied_taxes: [{ label: 'TX', amount: { value: 4.79 } }], grand_total: { value: 72.79 } },
      shipping_addresses: [{ firstname: '', country: { code: 'US' }, region: { code: 'TX' }, postcode: '78701', selected_shipping_method: { carrier_code: 'flatrate', amount: { value: 10 } } }],
      billing_address: null,
    });
    const noMethod = await shop.gql(TOTALS, { i: { cart_id: id, address: { country_code: 'US', region: { region_id: 57 } } } });
    expect(noMethod.data!.estimateTotals.cart.prices.grand_total).toEqual({ value: 62.79 });
    const untaxed = await shop.gql(TOTALS, { i: { cart_id: id, address: { country_code: 'US', region: { region_code: 'CA' } } } });
    expect(untaxed.data!.estimateTotals.cart.prices).toMatchObject({ applied_taxes: [], grand_total: { value: 58 } });

    expect((await shop.gql(STORED, { id })).data!.cart).toEqual({ prices: { grand_total: { value: 58 } }, shipping_addresses: [] });
  });

  it('puts the destination in place of a stored shipping address for the estimate only', async () => {
    const id = await readyCart(shop, 'TEE');
    const france = await shop.gql(TOTALS, { i: { cart_id: id, address: { country_code: 'FR', postcode: '75001' }, shipping_method: { carrier_code: 'flatrate', method_code: 'flatrate' } } });
    expect(france.errors).toBeUndefined();
    // 29.00 + 20% (5.80) + 5.00 shipping.
    expect(france.data!.estimateTotals.cart).toMatchObject({
      prices: { applied_taxes: [{ label: 'TVA', amount: { value: 5.8 } }], grand_total: { value: 39.8 } },
      shipping_addresses: [{ firstname: 'Ana', country: { code: 'FR' }, region: null, postcode: '75001' }],
      billing_address: { country: { code: 'US' } },
    });
    expect((await shop.gql(STORED, { id })).data!.cart).toEqual({
      prices: { grand_total: { value: 36.39 } },
      shipping_addresses: [{ country: { code: 'US' }, postcode: '78701', selected_shipping_method: { carrier_code: 'flatrate' } }],
    });
  });

  it('estimates a virtual cart on its billing destination, with no shipping methods', async () => {
    const id = await shop.guestCart();
    await shop.gql(ADD, { id, sku: 'GIFT', qty: 1 });
    expect((await shop.gql(METHODS, { i: { cart_id: id, address: TX } })).data!.estimateShippingMethods).toEqual([]);
    // 15.00 + 8.25% (1.2375 → 1.24).
    const totals = await shop.gql(TOTALS, { i: { cart_id: id, address: TX, shipping_method: { carrier_code: 'flatrate', method_code: 'flatrate' } } });
    expect(totals.data!.estimateTotals.cart).toMatchObject({ prices: { applied_taxes: [{ amount: { value: 1.24 } }], grand_total: { value: 16.24 } }, shipping_addresses: [], billing_address: { country: { code: 'US' } } });
  });

  it('refuses bad input with Magento-shaped errors, and other carts (API-01)', async () => {
    const empty = await shop.guestCart();
    const none = await shop.gql(TOTALS, { i: { cart_id: empty, address: TX } });
    expect(none.errors![0]).toMatchObject({ message: 'Totals calculation is not applicable to empty cart', extensions: { category: 'graphql-input' } });
    const id = await shop.guestCart();
    await shop.gql(ADD, { id, sku: 'TEE', qty: 1 });
    const method = await shop.gql(TOTALS, { i: { cart_id: id, address: TX, shipping_method: { carrier_code: 'ups', method_code: 'ground' } } });
    expect(method.errors![0]).toMatchObject({ message: 'Carrier with such method not found: ups, ground', extensions: { category: 'graphql-input' } });
    const region = await shop.gql(METHODS, { i: { cart_id: id, address: { country_code: 'US', region: { region_id: 999999 } } } });
    expect(region.errors![0]).toMatchObject({ message: 'Invalid value of "999999" provided for the regionId field.', extensions: { category: 'graphql-input' } });
    const country = await shop.gql(METHODS, { i: { cart_id: id, address: { country_code: 'XX' } } });
    expect(country.errors![0].extensions!.category).toBe('graphql');
    const token = await shop.customer('estimate-owner@example.com');
    const customerCart = (await shop.gql('{ customerCart { id } }', {}, token)).data!.customerCart.id as string;
    const foreign = await shop.gql(METHODS, { i: { cart_id: customerCart, address: TX } });
    expect(foreign.errors![0]).toMatchObject({ message: `Could not find a cart with ID "${customerCart}"`, extensions: { category: 'graphql-no-such-entity' } });
  });
});
