import type { TestApp } from '../../../app/testing/test-app';
import { installSampleStores } from '../../../setup/sample-data/store';
import { SalesTable } from '../api/sales-tables';
import { createSalesTestApp, installProducts, readyCart, Storefront } from './sales-test-app';

const LINES = 'cart { total_quantity itemsV2 { items { quantity product { sku } ... on ConfigurableCartItem { configured_variant { sku } } } } }';

/**
 * The cart mutations Magento 2.4 keeps beside addProductsToCart and placeOrder, which storefronts written for 2.3 (and parts of
 * PWA Studio) still send: every line or none, errors as GraphQL errors rather than user_errors.
 */
describe('addSimpleProductsToCart, addVirtualProductsToCart, addConfigurableProductsToCart, clearCart, setPaymentMethodAndPlaceOrder', () => {
  let app: TestApp;
  let shop: Storefront;
  let options: Awaited<ReturnType<typeof installProducts>>;
  const lines = async (id: string) => (await shop.gql(`query ($id: String!) { ${LINES.replace('cart {', 'cart(cart_id: $id) {')} }`, { id })).data!.cart;

  beforeAll(async () => {
    app = await createSalesTestApp();
    await installSampleStores(app);
    options = await installProducts(app);
    shop = new Storefront(app);
  });
  afterAll(() => app?.close());

  it('adds simple, virtual and configurable lines, merging a repeated sku into its line', async () => {
    const id = await shop.guestCart();
    const simple = await shop.gql(`mutation ($id: String!) { addSimpleProductsToCart(input: { cart_id: $id, cart_items: [{ data: { sku: "TEE", quantity: 2 } }, { data: { sku: "TEE", quantity: 1 } }] }) { ${LINES} } }`, { id });
    expect(simple.errors).toBeUndefined();
    expect(simple.data!.addSimpleProductsToCart.cart).toEqual({ total_quantity: 3, itemsV2: { items: [{ quantity: 3, product: { sku: 'TEE' } }] } });
    const virtual = await shop.gql(`mutation ($id: String!) { addVirtualProductsToCart(input: { cart_id: $id, cart_items: [{ data: { sku: "GIFT", quantity: 1 } }] }) { cart { total_quantity } } }`, { id });
    expect(virtual.data!.addVirtualProductsToCart.cart.total_quantity).toBe(4);
    const byVariant = await shop.gql(
      `mutation ($id: String!) { addConfigurableProductsToCart(input: { cart_id: $id, cart_items: [{ parent_sku: "HOOD", data: { sku: "HOOD-BLUE-S", quantity: 1 } }] }) { ${LINES} } }`,
      { id },
    );
    expect(byVariant.errors).toBeUndefined();
    const byOptions = await shop.gql(
      `mutation ($id: String!, $o: [ID]) { addConfigurableProductsToCart(input: { cart_id: $id, cart_items: [{ data: { sku: "HOOD", quantity: 1, selected_options: $o } }] }) { ${LINES} } }`,
      { id, o: [options.blue, options.small] },
    );
    expect(byOptions.errors).toBeUndefined();
    const deprecatedVariant = await shop.gql(
      `mutation ($id: String!) { addConfigurableProductsToCart(input: { cart_id: $id, cart_items: [{ parent_sku: "HOOD", variant_sku: "HOOD-BLUE-S", data: { sku: "HOOD", quantity: 1 } }] }) { ${LINES} } }`,
      { id },
    );
    expect(deprecatedVariant.data!.addConfigurableProductsToCart.cart.itemsV2.items).toEqual([
      { quantity: 3, product: { sku: 'TEE' } },
      { quantity: 1, product: { sku: 'GIFT' } },
      { quantity: 3, product: { sku: 'HOOD' }, configured_variant: { sku: 'HOOD-BLUE-S' } },
    ]);
  });

  it('refuses the whole call at the first line that cannot be added, keeping the cart as it was', async () => {
    const id = await shop.guestCart();
    const tooMany = await shop.gql(
      `mutation ($id: String!) { addSimpleProductsToCart(input: { cart_id: $id, cart_items: [{ data: { sku: "GIFT", quantity: 1 } }, { data: { sku: "TEE", quantity: 11 } }] }) { cart { total_quantity } } }`,
      { id },
    );
    expect(tooMany.errors![0]).toMatchObject({ message: 'Could not add the product with SKU TEE to the shopping cart: The requested qty is not available', extensions: { category: 'graphql-input' } });
    expect(await lines(id)).toEqual({ total_quantity: 0, itemsV2: { items: [] } });
    const unknown = await shop.gql(`mutation ($id: String!) { addVirtualProductsToCart(input: { cart_id: $id, cart_items: [{ data: { sku: "NOPE", quantity: 1 } }] }) { cart { total_quantity } } }`, { id });
    expect(unknown.errors![0]).toMatchObject({ message: 'Could not find a product with SKU "NOPE"', extensions: { category: 'graphql-no-such-entity' } });
    const soldOut = await shop.gql(
      `mutation ($id: String!) { addConfigurableProductsToCart(input: { cart_id: $id, cart_items: [{ parent_sku: "HOOD", data: { sku: "HOOD-RED-S", quantity: 1 } }] }) { cart { total_quantity } } }`,
      { id },
    );
    expect(soldOut.errors![0]).toMatchObject({ message: 'Could not add the product with SKU HOOD-RED-S to the shopping cart: Product that you are trying to add is not available.', extensions: { category: 'graphql-input' } });
    const noParent = await shop.gql(`mutation ($id: String!) { addConfigurableProductsToCart(input: { cart_id: $id, cart_items: [{ data: { sku: "HOOD-BLUE-S", quantity: 1 } }] }) { cart { total_quantity } } }`, { id });
    expect(noParent.errors![0]).toMatchObject({ message: 'Required parameter "parent_sku" for "cart_items" is missing.', extensions: { category: 'graphql-input' } });
    const noOptions = await shop.gql(`mutation ($id: String!) { addSimpleProductsToCart(input: { cart_id: $id, cart_items: [{ data: { sku: "HOOD", quantity: 1 } }] }) { cart { total_quantity } } }`, { id });
    expect(noOptions.errors![0].message).toBe('Could not add the product with SKU HOOD to the shopping cart: You need to choose options for your item.');
    const empty = await shop.gql(`mutation ($id: String!) { addSimpleProductsToCart(input: { cart_id: $id, cart_items: [] }) { cart { total_quantity } } }`, { id });
    expect(empty.errors![0]).toMatchObject({ message: 'Required parameter "cart_items" is missing', extensions: { category: 'graphql-input' } });
    const fraction = await shop.gql(`mutation ($id: String!) { addSimpleProductsToCart(input: { cart_id: $id, cart_items: [{ data: { sku: "TEE", quantity: 1.5 } }] }) { cart { total_quantity } } }`, { id });
    expect(fraction.errors![0].message).toMatch(/whole number/);
    expect(await lines(id)).toEqual({ total_quantity: 0, itemsV2: { items: [] } });
  });

  it("refuses another customer's cart (API-01)", async () => {
    const token = await shop.customer('legacy-owner@example.com');
    const id = (await shop.gql('{ customerCart { id } }', {}, token)).data!.customerCart.id as string;
    const other = await shop.customer('legacy-other@example.com');
    for (const [query, caller] of [
      [`mutation ($id: String!) { addSimpleProductsToCart(input: { cart_id: $id, cart_items: [{ data: { sku: "TEE", quantity: 1 } }] }) { cart { id } } }`, other],
      [`mutation ($id: String!) { addSimpleProductsToCart(input: { cart_id: $id, cart_items: [{ data: { sku: "TEE", quantity: 1 } }] }) { cart { id } } }`, undefined],
      [`mutation ($id: ID!) { clearCart(input: { uid: $id }) { cart { id } } }`, other],
    ] as Array<[string, string | undefined]>) {
      const res = await shop.gql(query, { id }, caller);
      // As for every cart call: another's cart is answered as unknown, so ids cannot be probed.
      expect(res.errors![0]).toMatchObject({ message: `Could not find a cart with ID "${id}"`, extensions: { category: 'graphql-no-such-entity' } });
    }
    expect((await shop.gql('{ customerCart { total_quantity } }', {}, token)).data!.customerCart.total_quantity).toBe(0);
  });

  it('clearCart removes every line and keeps the addresses, email and shipping method', async () => {
    const id = await readyCart(shop, 'TEE');
    await shop.gql(`mutation ($id: String!) { addVirtualProductsToCart(input: { cart_id: $id, cart_items: [{ data: { sku: "GIFT", quantity: 2 } }] }) { cart { id } } }`, { id });
    const cleared = await shop.gql(
      `mutation ($id: ID!) { clearCart(input: { uid: $id }) { errors { type message } cart { total_quantity itemsV2 { total_count } email shipping_addresses { city } billing_address { city } } } }`,
      { id },
    );
    expect(cleared.errors).toBeUndefined();
    expect(cleared.data!.clearCart).toEqual({
      errors: [],
      cart: { total_quantity: 0, itemsV2: { total_count: 0 }, email: 'buyer@example.com', shipping_addresses: [{ city: 'Austin' }], billing_address: { city: 'Austin' } },
    });
    const missing = await shop.gql('mutation { clearCart(input: { uid: "" }) { cart { id } } }');
    expect(missing.errors![0]).toMatchObject({ message: 'Required parameter "uid" is missing', extensions: { category: 'graphql-input' } });
    const unknown = await shop.gql('mutation { clearCart(input: { uid: "abcdefghijklmnopqrstuvwxyz0123456789" }) { cart { id } } }');
    expect(unknown.errors![0].extensions!.category).toBe('graphql-no-such-entity');
  });

  it('setPaymentMethodAndPlaceOrder sets the method and places the order in one call', async () => {
    const id = await readyCart(shop, 'TEE');
    const placed = await shop.gql(
      `mutation ($id: String!) { setPaymentMethodAndPlaceOrder(input: { cart_id: $id, payment_method: { code: "checkmo" } }) { errors { code message } order { order_number } orderV2 { number status payment_methods { type } } } }`,
      { id },
    );
    expect(placed.errors).toBeUndefined();
    const out = placed.data!.setPaymentMethodAndPlaceOrder;
    expect(out.errors).toEqual([]);
    expect(out.orderV2).toMatchObject({ number: out.order.order_number, status: 'Pending', payment_methods: [{ type: 'checkmo' }] });
    const [order] = await app.db.knex(SalesTable.order).where('increment_id', out.order.order_number).select('entity_id');
    expect(order).toBeDefined();
    const again = await shop.gql(`mutation ($id: String!) { setPaymentMethodAndPlaceOrder(input: { cart_id: $id, payment_method: { code: "checkmo" } }) { errors { code } } }`, { id });
    expect(again.errors![0].extensions!.category).toBe('graphql-no-such-entity');

    const other = await readyCart(shop, 'TEE');
    const badMethod = await shop.gql(`mutation ($id: String!) { setPaymentMethodAndPlaceOrder(input: { cart_id: $id, payment_method: { code: "cashondelivery" } }) { errors { code } } }`, { id: other });
    expect(badMethod.errors![0]).toMatchObject({ message: 'The requested Payment Method is not available.', extensions: { category: 'graphql-input' } });
    const noAddress = await shop.guestCart();
    await shop.gql(`mutation ($id: String!) { addProductsToCart(cartId: $id, cartItems: [{ sku: "TEE", quantity: 1 }]) { user_errors { code } } }`, { id: noAddress });
    const refused = await shop.gql(
      `mutation ($id: String!) { setPaymentMethodAndPlaceOrder(input: { cart_id: $id, payment_method: { code: "checkmo" } }) { errors { code message } orderV2 { number } } }`,
      { id: noAddress },
    );
    expect(refused.errors).toBeUndefined();
    expect(refused.data!.setPaymentMethodAndPlaceOrder.orderV2).toBeNull();
    expect(refused.data!.setPaymentMethodAndPlaceOrder.errors[0].code).toEqual(expect.any(String));
  });
});
