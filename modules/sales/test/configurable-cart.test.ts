import type { TestApp } from '../../../app/testing/test-app';
import { installSampleStores } from '../../../setup/sample-data/store';
import { CatalogApi } from '../../catalog/api';
import { createSalesTestApp, installProducts, Storefront } from './sales-test-app';

const ITEMS = `query ($id: String!) { cart(cart_id: $id) { itemsV2 { items { ... on ConfigurableCartItem { configured_variant { sku } configurable_options { option_label value_id value_label } } } } } }`;

describe('ConfigurableCartItem.configurable_options', () => {
  let app: TestApp;
  let shop: Storefront;
  let options: Awaited<ReturnType<typeof installProducts>>;

  beforeAll(async () => {
    app = await createSalesTestApp();
    await installSampleStores(app);
    options = await installProducts(app);
    shop = new Storefront(app);
  });
  afterAll(() => app?.close());

  it('value_label is the chosen option\'s label, not its id', async () => {
    const attributes = app.get(CatalogApi.AttributeRepository);
    const color = (await attributes.get('color'))!;
    const blue = color.options.find((o) => o.label === 'Blue')!;
    const small = (await attributes.get('size'))!.options.find((o) => o.label === 'S')!;
    const id = await shop.guestCart();
    const added = await shop.gql(`mutation ($id: String!, $o: [ID!]) { addProductsToCart(cartId: $id, cartItems: [{ sku: "HOOD", quantity: 1, selected_options: $o }]) { user_errors { code message } } }`, {
      id,
      o: [options.blue, options.small],
    });
    expect(added.data!.addProductsToCart.user_errors).toEqual([]);
    const item = (await shop.gql(ITEMS, { id })).data!.cart.itemsV2.items[0];
    expect(item.configured_variant.sku).toBe('HOOD-BLUE-S');
    expect(item.configurable_options).toEqual([
      { option_label: expect.any(String), value_id: blue.id, value_label: 'Blue' },
      { option_label: expect.any(String), value_id: small.id, value_label: 'S' },
    ]);

  });
});
