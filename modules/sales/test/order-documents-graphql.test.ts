import type { TestApp } from '../../../app/testing/test-app';
import { recordQueries } from '../../../app/testing/query-recorder';
import { CatalogApi } from '../../catalog/api';
import { SalesTable as T } from '../api/sales-tables';
import { SalesInternal } from '../model/sales-internal-tokens';
import { placeOrderOf } from './order-documents-helpers';
import { createSalesTestApp, installProducts, Storefront } from './sales-test-app';

const MONEY = '{ value currency }';
const ITEM = `id product_name product_sku product_type product_url_key product_sale_price ${MONEY} quantity_ordered quantity_invoiced quantity_shipped quantity_refunded quantity_canceled status selected_options { label value } discounts { amount ${MONEY} label }`;
const ORDER = `number carrier applied_coupons { code }
  total { grand_total ${MONEY} base_grand_total ${MONEY} subtotal ${MONEY} total_shipping ${MONEY} discounts { amount ${MONEY} } shipping_handling { total_amount ${MONEY} amount_including_tax ${MONEY} } }
  items { __typename ${ITEM} }
  invoices { id number comments { message } total { grand_total ${MONEY} subtotal ${MONEY} total_shipping ${MONEY} } items { __typename id product_sku quantity_invoiced product_sale_price ${MONEY} order_item { id product_sku } } }
  shipments { id number tracking { carrier number title } items { __typename product_sku quantity_shipped } }
  credit_memos { id number total { grand_total ${MONEY} adjustment ${MONEY} total_shipping ${MONEY} } items { __typename product_sku quantity_refunded } }`;

describe('Storefront order details: items, invoices, shipments, credit memos', () => {
  let app: TestApp;
  let shop: Storefront;
  let token: string;
  let uids: Awaited<ReturnType<typeof installProducts>>;

  beforeAll(async () => {
    app = await createSalesTestApp();
    shop = new Storefront(app);
    uids = await installProducts(app);
    await app.get(CatalogApi.ProductRepository).save({ sku: 'CUP', price: 700, attributes: { name: 'Cup' }, stock: { qty: 30 } });
    token = await shop.customer('docs@example.com');
  });
  afterAll(() => app?.close());

  it("shows the owner's order items, partial invoices, shipments with tracking and credit memos through customer.orders", async () => {
    const id = await placeOrderOf(shop, [['TEE', 2], ['CUP', 1]], { token });
    const [tee, cup] = (await app.db.knex(T.orderItem).where('order_id', id).orderBy('item_id')).map((r) => Number(r.item_id));
    const lifecycle = app.get(SalesInternal.OrderLifecycle);
    await lifecycle.invoice(id, { items: [{ order_item_id: tee, qty: 1 }], comment: { comment: 'First tee', is_visible_on_front: 1 } });
    await lifecycle.invoice(id, { comment: { comment: 'internal note' } });
    await lifecycle.ship(id, { items: [{ order_item_id: tee, qty: 2 }], tracks: [{ track_number: '1Z9', title: 'UPS Ground', carrier_code: 'ups' }] });
    await app.get(SalesInternal.CreditmemoService).refund(id, { items: [{ order_item_id: cup, qty: 1 }], shippingAmount: 0, adjustmentNegative: 100 });

    const res = await shop.gql(`{ customer { orders { items { ${ORDER} } } } }`, {}, token);
    expect(res.errors).toBeUndefined();
    const order = res.data!.customer.orders.items[0];
    const usd = (value: number) => ({ value, currency: 'USD' });
    expect(order).toMatchObject({
      carrier: 'Flat Rate',
      applied_coupons: [],
      total: { grand_total: usd(80), base_grand_total: usd(80), subtotal: usd(65), total_shipping: usd(15), discounts: [], shipping_handling: { total_amount: usd(15), amount_including_tax: usd(15) } },
      items: [
        { __typename: 'OrderItem', id: Buffer.from(String(tee)).toString('base64'), product_name: 'Tee', product_sku: 'TEE', product_type: 'simple', product_url_key: null, product_sale_price: usd(29), quantity_ordered: 2, quantity_invoiced: 2, quantity_shipped: 2, quantity_refunded: 0, quantity_canceled: 0, status: 'Shipped', selected_options: [], discounts: [] },
        { __typename: 'OrderItem', product_sku: 'CUP', quantity_ordered: 1, quantity_invoiced: 1, quantity_shipped: 0, quantity_refunded: 1, status: 'Refunded' },
      ],
      invoices: [
        { number: '000000001', comments: [{ message: 'First tee' }], total: { grand_total: usd(44), subtotal: usd(29), total_shipping: usd(15) }, items: [{ __typename: 'InvoiceItem', product_sku: 'TEE', quantity_invoiced: 1, product_sale_price: usd(29), order_item: { product_sku: 'TEE' } }] },
        // A comment not meant for the customer is not shown.
        { number: '000000002', comments: [], total: { grand_total: usd(36), subtotal: usd(36), total_shipping: usd(0) }, items: [{ product_sku: 'TEE', quantity_invoiced: 1 }, { product_sku: 'CUP', quantity_invoiced: 1 }] },
      ],
      shipments: [{ number: '000000001', tracking: [{ carrier: 'ups', number: '1Z9', title: 'UPS Ground' }], items: [{ __typename: 'ShipmentItem', product_sku: 'TEE', quantity_shipped: 2 }] }],
      credit_memos: [{ number: '000000001', total: { grand_total: usd(6), adjustment: usd(-1), total_shipping: usd(0) }, items: [{ __typename: 'CreditMemoItem', product_sku: 'CUP', quantity_refunded: 1 }] }],
    });
  });

  it('shows a configurable line with its chosen options and a guest order through guestOrder', async () => {
    const id = await placeOrderOf(shop, [['TEE', 1]], {});
    const number = (await app.db.knex(T.order).where('entity_id', id).first('increment_id')).increment_id;
    await app.get(SalesInternal.OrderLifecycle).invoice(id);
    const res = await shop.gql(`{ guestOrder(input: { number: "${number}", email: "buyer@example.com", postcode: "78701" }) { number items { product_sku status } invoices { number items { quantity_invoiced } } shipments { number } credit_memos { number } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.guestOrder).toMatchObject({ number, items: [{ product_sku: 'TEE', status: 'Invoiced' }], invoices: [{ items: [{ quantity_invoiced: 1 }] }], shipments: [], credit_memos: [] });

    const hood = await placeOrderWithOptions(shop, [uids.blue, uids.small], token);
    const orders = await shop.gql(`{ customer { orders(filter: { number: { eq: "${hood}" } }) { items { items { product_sku product_name selected_options { label value } } } } } }`, {}, token);
    expect(orders.errors).toBeUndefined();
    expect(orders.data!.customer.orders.items[0].items).toEqual([{ product_sku: 'HOOD-BLUE-S', product_name: 'Hoodie Blue S', selected_options: [{ label: 'Color', value: 'Blue' }, { label: 'Size', value: 'S' }] }]);
  });

  it("a page of orders loads items and each kind of document in one query, whatever the number of orders; another customer's documents never show", async () => {
    for (let n = 0; n < 3; n++) {
      const id = await placeOrderOf(shop, [['CUP', 1]], { token });
      await app.get(SalesInternal.OrderLifecycle).invoice(id);
    }
    const other = await shop.customer('other@example.com');
    const { sql, result: res } = await recordQueries(app.db, () => shop.gql(`{ customer { orders(pageSize: 20) { total_count items { ${ORDER} } } } }`, {}, token));
    expect(res.errors).toBeUndefined();
    expect(res.data!.customer.orders.items.length).toBeGreaterThanOrEqual(5);
    const count = (table: string) => sql.filter((q) => new RegExp(`from [\`"]${table}[\`"]`).test(q)).length;
    expect({ items: count(T.orderItem), invoices: count(T.invoice), shipments: count(T.shipment), memos: count(T.creditmemo) }).toEqual({ items: 1, invoices: 1, shipments: 1, memos: 1 });
    const foreign = await shop.gql(`{ customer { orders { total_count items { invoices { number } } } } }`, {}, other);
    expect(foreign.data!.customer.orders).toEqual({ total_count: 0, items: [] });
  });
});

/** A signed-in customer's order of the configurable hoodie in the chosen options; answers the order number. */
async function placeOrderWithOptions(shop: Storefront, options: string[], token: string): Promise<string> {
  const cart = (await shop.gql('{ customerCart { id } }', {}, token)).data!.customerCart.id;
  const add = await shop.gql(
    `mutation ($id: String!, $o: [ID!]) { addProductsToCart(cartId: $id, cartItems: [{ sku: "HOOD", quantity: 1, selected_options: $o }]) { user_errors { message } } }`,
    { id: cart, o: options },
    token,
  );
  expect(add.data!.addProductsToCart.user_errors).toEqual([]);
  const id = await placeOrderOf(shop, [], { token });
  return (await shop.app.db.knex(T.order).where('entity_id', id).first('increment_id')).increment_id;
}
