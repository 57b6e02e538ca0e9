import type { TestApp } from '../../../app/testing/test-app';
import { CatalogApi } from '../../catalog/api';
import { createSalesTestApp, readyCart, Storefront } from './sales-test-app';

const CHECKMO = `mutation ($id: String!) { setPaymentMethodOnCart(input: { cart_id: $id, payment_method: { code: "checkmo" } }) { cart { id } } }`;
const PLACE = `mutation ($id: String!) { placeOrder(input: { cart_id: $id }) { orderV2 { number } errors { code message } } }`;
const ORDER_FIELDS = `number status email shipping_method total { grand_total { value currency } }
  billing_address { firstname lastname street city postcode country_code region }
  shipping_address { city }
  payment_methods { type name additional_data { name value } }`;
const ORDERS = `query ($f: CustomerOrdersFilterInput, $p: Int, $s: Int, $sort: CustomerOrderSortInput, $scope: ScopeTypeEnum) {
  customer { orders(filter: $f, currentPage: $p, pageSize: $s, sort: $sort, scope: $scope) { total_count page_info { current_page page_size total_pages } items { number } } } }`;
const GUEST_ORDER = `query ($i: OrderInformationInput!) { guestOrder(input: $i) { ${ORDER_FIELDS} } }`;

describe('Orders: customer.orders and guestOrder', () => {
  let app: TestApp;
  let shop: Storefront;
  let alice: string;
  let bob: string;
  const aliceOrders: string[] = [];
  let bobOrder: string;
  let guestOrder: string;

  async function order(token?: string): Promise<string> {
    const id = await readyCart(shop, 'PEN', token);
    await shop.gql(CHECKMO, { id }, token);
    const placed = await shop.gql(PLACE, { id }, token);
    if (placed.data?.placeOrder?.errors?.length || placed.errors) throw new Error(placed.text);
    return placed.data!.placeOrder.orderV2.number as string;
  }

  beforeAll(async () => {
    app = await createSalesTestApp();
    shop = new Storefront(app);
    await app.get(CatalogApi.ProductRepository).save({ sku: 'PEN', price: 250, attributes: { name: 'Pen' }, stock: { qty: 100 } });
    alice = await shop.customer('alice@example.com');
    bob = await shop.customer('bob@example.com');
    for (let i = 0; i < 3; i++) aliceOrders.push(await order(alice));
    bobOrder = await order(bob);
    guestOrder = await order();
  });
  afterAll(() => app?.close());

  it('API-01 customer.orders lists the signed-in customer\'s orders only, sorted and paginated', async () => {
    const all = await shop.gql(ORDERS, {}, alice);
    expect(all.errors).toBeUndefined();
    expect(all.data!.customer.orders).toEqual({
      total_count: 3,
      page_info: { current_page: 1, page_size: 20, total_pages: 1 },
      items: [...aliceOrders].reverse().map((number) => ({ number })),
    });
    const page2 = await shop.gql(ORDERS, { s: 2, p: 2, sort: { sort_field: 'NUMBER', sort_direction: 'ASC' } }, alice);
    expect(page2.data!.customer.orders).toEqual({ total_count: 3, page_info: { current_page: 2, page_size: 2, total_pages: 2 }, items: [{ number: aliceOrders[2] }] });
    const bobs = await shop.gql(ORDERS, { scope: 'GLOBAL' }, bob);
    expect(bobs.data!.customer.orders.items).toEqual([{ number: bobOrder }]);
    // Bob asking for Alice's numbers finds nothing.
    const probe = await shop.gql(ORDERS, { f: { number: { in: aliceOrders } } }, bob);
    expect(probe.data!.customer.orders).toMatchObject({ total_count: 0, items: [] });
    const anonymous = await shop.gql(ORDERS, {});
    expect(anonymous.errors![0].extensions!.category).toBe('graphql-authorization');
  });

  it('API-01 answers the deprecated customerOrders query with the signed-in customer\'s orders, newest first', async () => {
    const QUERY = '{ customerOrders { total_count page_info { current_page page_size total_pages } items { number status } } }';
    const mine = await shop.gql(QUERY, {}, alice);
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.customerOrders).toEqual({
      total_count: 3,
      page_info: { current_page: 1, page_size: 300, total_pages: 1 },
      items: [...aliceOrders].reverse().map((number) => ({ number, status: 'Pending' })),
    });
    expect((await shop.gql(QUERY, {}, bob)).data!.customerOrders.items).toEqual([{ number: bobOrder, status: 'Pending' }]);
    const anonymous = await shop.gql(QUERY, {});
    expect(anonymous.errors![0].extensions!.category).toBe('graphql-authorization');
    expect(anonymous.data?.customerOrders ?? null).toBeNull();
  });

  it('filters by number with eq, in and match, and checks paging arguments', async () => {
    const eq = await shop.gql(ORDERS, { f: { number: { eq: aliceOrders[1] } } }, alice);
    expect(eq.data!.customer.orders.items).toEqual([{ number: aliceOrders[1] }]);
    const inList = await shop.gql(ORDERS, { f: { number: { in: [aliceOrders[0], aliceOrders[2], bobOrder] } }, sort: { sort_field: 'NUMBER', sort_direction: 'ASC' } }, alice);
    expect(inList.data!.customer.orders.items).toEqual([{ number: aliceOrders[0] }, { number: aliceOrders[2] }]);
    const match = await shop.gql(ORDERS, { f: { number: { match: aliceOrders[0].slice(-3) } } }, alice);
    expect(match.data!.customer.orders.items).toEqual([{ number: aliceOrders[0] }]);
    const wildcard = await shop.gql(ORDERS, { f: { number: { match: '%' } } }, alice);
    expect(wildcard.data!.customer.orders.total_count).toBe(0);
    expect((await shop.gql(ORDERS, { p: 0 }, alice)).errors![0].message).toBe('currentPage value must be greater than 0.');
    expect((await shop.gql(ORDERS, { s: 0 }, alice)).errors![0].message).toBe('pageSize value must be greater than 0.');
    expect((await shop.gql(ORDERS, { s: 301 }, alice)).errors![0].message).toBe('pageSize value must be at most 300.');
  });

  it('API-01 guestOrder answers a guest order only when number, email and billing postcode all match', async () => {
    const found = await shop.gql(GUEST_ORDER, { i: { number: guestOrder, email: 'Buyer@Example.com', postcode: '78701' } });
    expect(found.errors).toBeUndefined();
    expect(found.data!.guestOrder).toEqual({
      number: guestOrder,
      status: 'Pending',
      email: 'buyer@example.com',
      shipping_method: 'Flat Rate - Fixed',
      total: { grand_total: { value: 7.5, currency: 'USD' } },
      billing_address: { firstname: 'Ana', lastname: 'Lima', street: ['100 Congress Ave'], city: 'Austin', postcode: '78701', country_code: 'US', region: 'Texas' },
      shipping_address: { city: 'Austin' },
      payment_methods: [{ type: 'checkmo', name: 'Check / Money order', additional_data: [] }],
    });
    for (const wrong of [
      { number: guestOrder, email: 'other@example.com', postcode: '78701' },
      { number: guestOrder, email: 'buyer@example.com', postcode: '10001' },
      { number: '999999999', email: 'buyer@example.com', postcode: '78701' },
    ]) {
      const res = await shop.gql(GUEST_ORDER, { i: wrong });
      expect(res.errors![0]).toMatchObject({ message: "We couldn't locate an order with the information provided.", extensions: { category: 'graphql-no-such-entity' } });
    }
    const customers = await shop.gql(GUEST_ORDER, { i: { number: aliceOrders[0], email: 'alice@example.com', postcode: '78701' } });
    expect(customers.errors![0]).toMatchObject({ message: 'Please login to view the order.', extensions: { category: 'graphql-authorization' } });
    const empty = await shop.gql(GUEST_ORDER, { i: { number: guestOrder, email: ' ', postcode: '78701' } });
    expect(empty.errors![0].message).toBe('Required parameter "email" is missing.');
  });
});
