import request from 'supertest';
import { Kernel } from '../../../app';
import type { TestApp } from '../../../app/testing/test-app';
import { recordQueries } from '../../../app/testing/query-recorder';
import { CatalogApi } from '../../catalog/api';
import { StoreApi } from '../../store/api';
import { rateLimitPath } from '../../web-security/api';
import { SalesTable as T } from '../api/sales-tables';
import { addOrderComment, ORDER_STATUS_HISTORY } from '../order/order-comments';
import { createSalesTestApp, readyCart, SALES_MODULES, Storefront, type Answer } from './sales-test-app';

const CHECKMO = `mutation ($id: String!) { setPaymentMethodOnCart(input: { cart_id: $id, payment_method: { code: "checkmo" } }) { cart { id } } }`;
const PLACE = `mutation ($id: String!) { placeOrder(input: { cart_id: $id }) { orderV2 { number token } errors { code message } } }`;
const BY_TOKEN = `query ($t: String!) { guestOrderByToken(input: { token: $t }) { number status email total { grand_total { value } } } }`;
const NOT_LOCATED = "We couldn't locate an order with the information provided.";

interface Placed {
  id: number;
  number: string;
  token: string;
}

async function placeOrder(app: TestApp, shop: Storefront, customerToken?: string): Promise<Placed> {
  const cart = await readyCart(shop, 'PEN', customerToken);
  await shop.gql(CHECKMO, { id: cart }, customerToken);
  const placed = await shop.gql(PLACE, { id: cart }, customerToken);
  if (placed.errors || placed.data!.placeOrder.errors.length) throw new Error(placed.text);
  const { number, token } = placed.data!.placeOrder.orderV2 as { number: string; token: string };
  const row = await app.db.knex(T.order).where('increment_id', number).first('entity_id');
  return { id: Number(row.entity_id), number, token };
}

describe('CustomerOrder: comments, deprecated aliases, token and guestOrderByToken', () => {
  let app: TestApp;
  let shop: Storefront;
  let alice: string;
  let guest: Placed;
  let aliceOrders: Placed[];

  /** A storefront call in a given store view (Store header). */
  async function gqlIn(store: string, query: string, variables: Record<string, unknown>): Promise<Answer> {
    const res = await request(shop.web).post('/graphql').set('Content-Type', 'application/json').set('Store', store).send({ query, variables });
    return { data: res.body.data, errors: res.body.errors, text: res.text };
  }

  beforeAll(async () => {
    app = await createSalesTestApp();
    shop = new Storefront(app);
    await app.get(CatalogApi.ProductRepository).save({ sku: 'PEN', price: 250, attributes: { name: 'Pen' }, stock: { qty: 100 } });
    await app.get(StoreApi.StoreManager).createStoreView({ code: 'fr', name: 'French', settings: { locale: 'fr_FR' } });
    alice = await shop.customer('alice@example.com');
    guest = await placeOrder(app, shop);
    aliceOrders = [await placeOrder(app, shop, alice), await placeOrder(app, shop, alice)];
  });
  afterAll(() => app?.close());

  it('answers the storefront-visible comments only, oldest first, in Magento\'s date format; an order without any has []', async () => {
    const at = (iso: string) => Date.parse(iso);
    const comment = (orderId: number, text: string, visible: boolean, createdAt: number) =>
      addOrderComment(app.db.knex, { orderId, comment: text, status: 'pending', isCustomerNotified: false, isVisibleOnFront: visible, createdAt });
    await comment(aliceOrders[0].id, 'Your parcel leaves tomorrow', true, at('2024-05-02T10:00:00Z'));
    await comment(aliceOrders[0].id, 'Internal: customer called twice', false, at('2024-05-01T08:00:00Z'));
    await comment(aliceOrders[0].id, 'We packed it with care', true, at('2024-05-01T09:30:00Z'));
    await comment(aliceOrders[1].id, 'Internal only', false, at('2024-05-01T09:30:00Z'));

    // One query for the whole page of orders.
    const { sql, result: res } = await recordQueries(app.db, () =>
      shop.gql('{ customer { orders(sort: { sort_field: NUMBER, sort_direction: ASC }) { items { number comments { message timestamp } } } } }', {}, alice),
    );
    const historyQueries = sql.filter((q) => q.includes(ORDER_STATUS_HISTORY)).length;
    expect(res.errors).toBeUndefined();
    expect(res.data!.customer.orders.items).toEqual([
      {
        number: aliceOrders[0].number,
        comments: [
          { message: 'We packed it with care', timestamp: '2024-05-01 09:30:00' },
          { message: 'Your parcel leaves tomorrow', timestamp: '2024-05-02 10:00:00' },
        ],
      },
      { number: aliceOrders[1].number, comments: [] },
    ]);
    expect(historyQueries).toBe(1);
  });

  it('answers the deprecated aliases created_at, grand_total and increment_id with the values of order_date, total.grand_total and number', async () => {
    const res = await shop.gql(`query ($t: String!) { guestOrderByToken(input: { token: $t }) { number order_date created_at increment_id grand_total total { grand_total { value } } gift_message { message } } }`, { t: guest.token });
    expect(res.errors).toBeUndefined();
    const order = res.data!.guestOrderByToken;
    const created = (await app.db.knex(T.order).where('entity_id', guest.id).first('created_at')).created_at;
    expect(order).toEqual({
      number: guest.number,
      increment_id: guest.number,
      order_date: new Date(Number(created)).toISOString().replace('T', ' ').slice(0, 19),
      created_at: order.order_date,
      // 2.50 for the pen and 5.00 of flat rate shipping.
      grand_total: 7.5,
      total: { grand_total: { value: 7.5 } },
      gift_message: null,
    });
  });

  it('token round trip: placeOrder\'s orderV2.token opens the same guest order through guestOrderByToken, and is url-safe and opaque', async () => {
    expect(guest.token).toMatch(/^\d+\.[A-Za-z0-9_-]+$/);
    // Opaque: the ids are sealed, not encoded.
    expect(Buffer.from(guest.token.split('.')[1], 'base64url').toString('latin1')).not.toContain(JSON.stringify([guest.id, 1]));
    const res = await shop.gql(BY_TOKEN, { t: guest.token });
    expect(res.errors).toBeUndefined();
    expect(res.data!.guestOrderByToken).toEqual({ number: guest.number, status: 'Pending', email: 'buyer@example.com', total: { grand_total: { value: 7.5 } } });
    // The token a listing answers opens the same order too (a fresh nonce each time, the same order).
    const again = await shop.gql(`query ($t: String!) { guestOrderByToken(input: { token: $t }) { token } }`, { t: guest.token });
    const second = again.data!.guestOrderByToken.token as string;
    expect(second).not.toBe(guest.token);
    expect((await shop.gql(BY_TOKEN, { t: second })).data!.guestOrderByToken.number).toBe(guest.number);
  });

  it('API-01 guestOrderByToken refuses a tampered or foreign token, another store view\'s order and a customer\'s order, without telling whether the order exists', async () => {
    const notLocated = (res: Answer) => {
      expect(res.data).toBeNull();
      expect(res.errors).toEqual([expect.objectContaining({ message: NOT_LOCATED, extensions: { category: 'graphql-no-such-entity' } })]);
    };
    const [version, payload] = guest.token.split('.');
    const flipped = `${version}.${payload.slice(0, 20)}${payload[20] === 'A' ? 'B' : 'A'}${payload.slice(21)}`;
    // Another encrypted value of the shop (the order's email, sealed for sales_order.customer_email) in the token's format.
    const sealedEmail = String((await app.db.knex(T.order).where('entity_id', guest.id).first('customer_email')).customer_email).split(':');
    const foreign = `${sealedEmail[0]}.${Buffer.from(sealedEmail[2], 'base64').toString('base64url')}`;
    for (const token of [flipped, `${version}.${payload.slice(0, -4)}`, `9.${payload}`, foreign, 'not-a-token', guest.number]) {
      notLocated(await shop.gql(BY_TOKEN, { t: token }));
    }
    // Valid, but issued by the default store view: the French one does not know it.
    notLocated(await gqlIn('fr', BY_TOKEN, { t: guest.token }));
    expect((await gqlIn('default', BY_TOKEN, { t: guest.token })).data!.guestOrderByToken.number).toBe(guest.number);
    // An order that no longer exists answers as a token that never named one.
    const gone = app.get(Kernel.Encryptor).encrypt(JSON.stringify([999999, 1]), 'sales_order.token').split(':');
    notLocated(await shop.gql(BY_TOKEN, { t: `${gone[0]}.${Buffer.from(gone[2], 'base64').toString('base64url')}` }));
    // A customer's order is for its owner, signed in (customer.orders), as guestOrder answers.
    const customers = await shop.gql(BY_TOKEN, { t: aliceOrders[0].token });
    expect(customers.errors).toEqual([expect.objectContaining({ message: 'Please login to view the order.', extensions: { category: 'graphql-authorization' } })]);
    const empty = await shop.gql(BY_TOKEN, { t: '  ' });
    expect(empty.errors![0]).toMatchObject({ message: 'Required parameter "token" is missing.', extensions: { category: 'graphql-input' } });
  });
});

describe('PAY-05 guestOrderByToken is rate limited with guestOrder (order_lookup group)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createSalesTestApp({ modules: [...SALES_MODULES, 'Comptoir_WebSecurity'] });
    await app.get(CatalogApi.ProductRepository).save({ sku: 'PEN', price: 250, attributes: { name: 'Pen' }, stock: { qty: 100 } });
    const limits: Array<[string, number]> = [
      [rateLimitPath('checkout', 'per_account'), 100],
      [rateLimitPath('checkout', 'per_ip'), 100],
      [rateLimitPath('order_lookup', 'per_account'), 100],
      [rateLimitPath('order_lookup', 'per_ip'), 3],
    ];
    for (const [path, value] of limits) await app.config.set(path, value);
  });
  afterAll(() => app?.close());

  it('PAY-05 counts token guesses per IP: with per_ip 3, the 4th lookup is refused even with the right token', async () => {
    const shop = new Storefront(app);
    const guest = await placeOrder(app, shop);
    const lookup = (token: string) => shop.gql(BY_TOKEN, { t: token });
    expect((await lookup(guest.token)).data!.guestOrderByToken.number).toBe(guest.number);
    for (const guess of ['0.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'guess']) expect((await lookup(guess)).errors![0].message).toBe(NOT_LOCATED);
    const refused = await lookup(guest.token);
    expect(refused.data).toBeUndefined();
    expect(refused.errors).toEqual([{ message: expect.stringMatching(/^Too many requests \(order lookup\)/), extensions: { category: 'graphql-input' } }]);
    // guestOrder shares the group's allowance.
    const byNumber = await shop.gql(`query { guestOrder(input: { number: "${guest.number}", email: "buyer@example.com", postcode: "78701" }) { number } }`);
    expect(byNumber.errors![0].message).toMatch(/^Too many requests \(order lookup\)/);
  });
});
