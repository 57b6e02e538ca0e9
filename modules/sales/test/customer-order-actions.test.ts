import { Kernel } from '../../../app';
import type { TestApp } from '../../../app/testing/test-app';
import { CatalogApi } from '../../catalog/api';
import { SalesConfigPath as P } from '../api/sales-config-paths';
import { SalesTable as T } from '../api/sales-tables';
import { DEFAULT_CANCELLATION_REASONS } from '../config/sales-config-fields';
import { SalesInternal } from '../model/sales-internal-tokens';
import { CANCEL_MESSAGES } from '../order/customer-order-actions';
import { orderComments } from '../order/order-comments';
import type { OrderLifecycle } from '../order/order-lifecycle';
import { placeOrderOf } from './order-documents-helpers';
import { ledgerOf, stateOf } from './order-flow-helpers';
import { createSalesTestApp, installProducts, Storefront } from './sales-test-app';

const CANCEL = `mutation ($id: ID!, $reason: String!) { cancelOrder(input: { order_id: $id, reason: $reason }) { error order { number status items { product_sku status quantity_canceled } } } }`;
const REORDER = `mutation ($n: String!) { reorderItems(orderNumber: $n) {
  cart { id itemsV2 { items { quantity product { sku } ... on ConfigurableCartItem { configured_variant { sku } configurable_options { value_label } } } } }
  userInputErrors { code message path } } }`;
const REASON = 'The order was placed by mistake';

describe('Storefront order actions: cancelOrder and reorderItems', () => {
  let app: TestApp;
  let shop: Storefront;
  let orders: OrderLifecycle;
  let alice: string;
  let bob: string;
  let options: Awaited<ReturnType<typeof installProducts>>;

  const held = async (sku: string) => (await app.get(CatalogApi.StockRegistry).getStockItem(sku)).reservedQty;
  const numberOf = async (id: number) => String((await app.db.knex(T.order).where('entity_id', id).first('increment_id')).increment_id);
  const uid = (id: number) => Buffer.from(String(id)).toString('base64');

  beforeAll(async () => {
    app = await createSalesTestApp();
    options = await installProducts(app);
    shop = new Storefront(app);
    orders = app.get(SalesInternal.OrderLifecycle);
    alice = await shop.customer('alice@example.com');
    bob = await shop.customer('bob@example.com');
  });
  afterAll(() => app?.close());

  describe('cancelOrder', () => {
    const enable = (on: boolean) => app.get(Kernel.Config).set(P.OrderCancellationEnabled, on ? '1' : '0');

    it('is off by default (Magento\'s sales/cancellation/enabled = 0): refused, the order untouched; storeConfig says so and lists Magento\'s reasons', async () => {
      const config = await shop.gql('{ storeConfig { order_cancellation_enabled order_cancellation_reasons { description } } }');
      expect(config.data!.storeConfig).toEqual({ order_cancellation_enabled: false, order_cancellation_reasons: DEFAULT_CANCELLATION_REASONS.map((description) => ({ description })) });
      const id = await placeOrderOf(shop, [['TEE', 1]], { token: alice });
      const res = await shop.gql(CANCEL, { id: uid(id), reason: REASON }, alice);
      expect(res.errors).toBeUndefined();
      expect(res.data!.cancelOrder).toEqual({ error: CANCEL_MESSAGES.disabled, order: null });
      expect(await stateOf(app, id)).toEqual({ state: 'new', status: 'pending' });
      expect(await orderComments(app.db.knex, id)).toEqual([]);
    });

    it('refuses a reason that is not one of the store view\'s (graphql-input), and a badly formed reasons list on save', async () => {
      await enable(true);
      const id = await placeOrderOf(shop, [['TEE', 1]], { token: alice });
      const res = await shop.gql(CANCEL, { id: String(id), reason: 'I changed my mind' }, alice);
      expect(res.errors?.[0]).toMatchObject({ message: 'Order cancellation reason is invalid.', extensions: { category: 'graphql-input' } });
      const empty = await shop.gql(CANCEL, { id: String(id), reason: '  ' }, alice);
      expect(empty.errors?.[0]).toMatchObject({ message: 'Required parameter "reason" is missing or incorrect.', extensions: { category: 'graphql-input' } });
      expect(await stateOf(app, id)).toEqual({ state: 'new', status: 'pending' });
      await expect(app.get(Kernel.Config).set(P.OrderCancellationReasons, 'Other')).rejects.toThrow();
      await expect(app.get(Kernel.Config).set(P.OrderCancellationReasons, '[]')).rejects.toThrow();
      // A merchant's own list replaces Magento's defaults.
      await app.get(Kernel.Config).set(P.OrderCancellationReasons, JSON.stringify(['Too slow', 'Other']));
      const mine = await shop.gql(CANCEL, { id: String(id), reason: REASON }, alice);
      expect(mine.errors?.[0].message).toBe('Order cancellation reason is invalid.');
      await app.get(Kernel.Config).set(P.OrderCancellationReasons, JSON.stringify(DEFAULT_CANCELLATION_REASONS));
    });

    it('cancels the customer\'s own pending order: canceled state and status, held stock released, the reason kept as an order comment', async () => {
      await enable(true);
      const before = await held('TEE');
      const id = await placeOrderOf(shop, [['TEE', 2]], { token: alice });
      expect(await held('TEE')).toBe(before + 2);
      const res = await shop.gql(CANCEL, { id: uid(id), reason: REASON }, alice);
      expect(res.errors).toBeUndefined();
      expect(res.data!.cancelOrder).toEqual({ error: null, order: { number: await numberOf(id), status: 'Canceled', items: [{ product_sku: 'TEE', status: 'Canceled', quantity_canceled: 2 }] } });
      expect(await stateOf(app, id)).toEqual({ state: 'canceled', status: 'canceled' });
      expect(await held('TEE')).toBe(before);
      expect(await orderComments(app.db.knex, id)).toEqual([{ comment: REASON, status: 'canceled', isCustomerNotified: false, isVisibleOnFront: false, createdAt: expect.any(Number) }]);
      // A second cancel: Magento's answer for a final state, with the order.
      const again = await shop.gql(CANCEL, { id: String(id), reason: REASON }, alice);
      expect(again.data!.cancelOrder).toMatchObject({ error: CANCEL_MESSAGES.finalState, order: { status: 'Canceled' } });
      expect(await orderComments(app.db.knex, id)).toHaveLength(1);
    });

    it('a card-paid pending order: its authorization is voided through OrderLifecycle.cancel', async () => {
      await enable(true);
      const id = await placeOrderOf(shop, [['TEE', 1]], { token: alice, payment: 'card' });
      const res = await shop.gql(CANCEL, { id: uid(id), reason: 'Other' }, alice);
      expect(res.data!.cancelOrder).toMatchObject({ error: null, order: { status: 'Canceled' } });
      expect(await ledgerOf(app, id)).toEqual([expect.stringMatching(/^void:/)]);
    });

    it('refuses an order with a shipped item, an invoiced one (no online refund here) and a complete one, leaving each as it was', async () => {
      await enable(true);
      const shipped = await placeOrderOf(shop, [['TEE', 2]], { token: alice });
      await orders.ship(shipped, { items: [{ order_item_id: Number((await app.db.knex(T.orderItem).where('order_id', shipped).first('item_id')).item_id), qty: 1 }] });
      const invoiced = await placeOrderOf(shop, [['TEE', 1]], { token: alice });
      await orders.invoice(invoiced);
      const complete = await placeOrderOf(shop, [['TEE', 1]], { token: alice });
      await orders.invoice(complete);
      await orders.ship(complete);
      const heldBefore = await held('TEE');
      for (const [id, error, status] of [
        [shipped, CANCEL_MESSAGES.shipped, 'Processing'],
        [invoiced, CANCEL_MESSAGES.invoiced, 'Processing'],
        [complete, CANCEL_MESSAGES.finalState, 'Complete'],
      ] as const) {
        const res = await shop.gql(CANCEL, { id: uid(id), reason: REASON }, alice);
        expect(res.data!.cancelOrder).toMatchObject({ error, order: { number: await numberOf(id), status } });
        expect(await orderComments(app.db.knex, id)).toEqual([]);
      }
      expect(await stateOf(app, shipped)).toEqual({ state: 'processing', status: 'processing' });
      expect(await stateOf(app, invoiced)).toEqual({ state: 'processing', status: 'processing' });
      const canceled = await app.db.knex(T.orderItem).whereIn('order_id', [shipped, invoiced]).sum({ n: 'qty_canceled' }).first();
      expect(Number(canceled!.n)).toBe(0);
      expect(await held('TEE')).toBe(heldBefore);
    });

    it('API-01: another customer\'s order answers exactly as an order that does not exist, and a guest is refused', async () => {
      await enable(true);
      const id = await placeOrderOf(shop, [['TEE', 1]], { token: alice });
      const foreign = await shop.gql(CANCEL, { id: uid(id), reason: REASON }, bob);
      const unknown = await shop.gql(CANCEL, { id: uid(999999), reason: REASON }, bob);
      expect(foreign.data!.cancelOrder).toEqual({ error: "The entity that was requested doesn't exist. Verify the entity and try again.", order: null });
      expect(foreign.data).toEqual(unknown.data);
      expect(foreign.errors).toEqual(unknown.errors);
      const raw = await shop.gql(CANCEL, { id: String(id), reason: REASON }, bob);
      expect(raw.data).toEqual(unknown.data);
      const guest = await shop.gql(CANCEL, { id: uid(id), reason: REASON });
      expect(guest.errors?.[0]).toMatchObject({ message: "The current customer isn't authorized.", extensions: { category: 'graphql-authorization' } });
      expect(await stateOf(app, id)).toEqual({ state: 'new', status: 'pending' });
      // A guest order cannot be canceled by a signed-in customer either.
      const guestOrder = await placeOrderOf(shop, [['TEE', 1]], {});
      expect((await shop.gql(CANCEL, { id: uid(guestOrder), reason: REASON }, alice)).data).toEqual(unknown.data);
    });
  });

  describe('reorderItems', () => {
    beforeAll(async () => {
      await app.get(CatalogApi.ProductRepository).saveMany([
        { input: { sku: 'MUG', price: 1200, attributes: { name: 'Mug' }, stock: { qty: 10 } } },
        { input: { sku: 'POSTER', price: 800, attributes: { name: 'Poster' }, stock: { qty: 10 } } },
      ]);
    });

    it('puts the order\'s lines back in the customer\'s cart (quantities, configurable options) and reports a line short of stock while adding the rest', async () => {
      const carol = await shop.customer('carol@example.com');
      const cartId = (await shop.gql('{ customerCart { id } }', {}, carol)).data!.customerCart.id;
      const hood = await shop.gql(`mutation ($id: String!, $o: [ID!]) { addProductsToCart(cartId: $id, cartItems: [{ sku: "HOOD", quantity: 1, selected_options: $o }]) { user_errors { code } } }`, {
        id: cartId,
        o: [options.blue, options.small],
      }, carol);
      expect(hood.data!.addProductsToCart.user_errors).toEqual([]);
      // 6 mugs of 10 are now held by this order: reordering 6 more is more than the 4 left.
      const id = await placeOrderOf(shop, [['MUG', 6]], { token: carol });
      const res = await shop.gql(REORDER, { n: await numberOf(id) }, carol);
      expect(res.errors).toBeUndefined();
      const out = res.data!.reorderItems;
      expect(out.cart.id).not.toBe(cartId);
      expect(out.cart.itemsV2.items).toEqual([{ quantity: 1, product: { sku: 'HOOD' }, configured_variant: { sku: 'HOOD-BLUE-S' }, configurable_options: [{ value_label: 'Blue' }, { value_label: 'S' }] }]);
      expect(out.userInputErrors).toEqual([{ code: 'INSUFFICIENT_STOCK', message: 'The requested qty is not available', path: ['orderNumber'] }]);
      expect((await shop.gql('{ customerCart { id } }', {}, carol)).data!.customerCart.id).toBe(out.cart.id);
    });

    it('reports a product no longer salable as NOT_SALABLE, and answers REORDER_NOT_AVAILABLE when reorders are off', async () => {
      const dave = await shop.customer('dave@example.com');
      const id = await placeOrderOf(shop, [['POSTER', 1], ['MUG', 1]], { token: dave });
      // The merchant marks the mug out of stock.
      await app.get(CatalogApi.ProductRepository).saveMany([{ input: { sku: 'MUG', price: 1200, attributes: { name: 'Mug' }, stock: { isInStock: false } } }]);
      const res = await shop.gql(REORDER, { n: await numberOf(id) }, dave);
      expect(res.data!.reorderItems.cart.itemsV2.items).toEqual([{ quantity: 1, product: { sku: 'POSTER' } }]);
      expect(res.data!.reorderItems.userInputErrors).toEqual([{ code: 'NOT_SALABLE', message: 'Product that you are trying to add is not available.', path: ['orderNumber'] }]);

      await app.get(Kernel.Config).set(P.ReorderAllow, '0');
      const off = await shop.gql(REORDER, { n: await numberOf(id) }, dave);
      await app.get(Kernel.Config).set(P.ReorderAllow, '1');
      expect(off.data!.reorderItems.userInputErrors).toEqual([{ code: 'REORDER_NOT_AVAILABLE', message: 'Reorder is not available.', path: ['orderNumber'] }]);
      expect(off.data!.reorderItems.cart.itemsV2.items).toEqual([{ quantity: 1, product: { sku: 'POSTER' } }]);
    });

    it('API-01: another customer\'s order number is refused as Magento refuses an unknown one; a guest is refused', async () => {
      const id = await placeOrderOf(shop, [['TEE', 1]], { token: alice });
      const number = await numberOf(id);
      const foreign = await shop.gql(REORDER, { n: number }, bob);
      expect(foreign.errors?.[0]).toMatchObject({ message: `Cannot find order number "${number}" in customer account`, extensions: { category: 'graphql-input' } });
      const unknown = await shop.gql(REORDER, { n: '999999999' }, bob);
      expect(unknown.errors?.[0]).toMatchObject({ message: 'Cannot find order number "999999999" in customer account', extensions: { category: 'graphql-input' } });
      const guest = await shop.gql(REORDER, { n: number });
      expect(guest.errors?.[0]).toMatchObject({ extensions: { category: 'graphql-authorization' } });
      const bobCart = (await shop.gql('{ customerCart { itemsV2 { items { quantity } } } }', {}, bob)).data!.customerCart.itemsV2.items;
      expect(bobCart).toEqual([]);
    });
  });
});
