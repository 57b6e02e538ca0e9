import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Kernel } from '../../../app';
import type { TestApp } from '../../../app/testing/test-app';
import { CatalogApi } from '../../catalog/api';
import { SalesTable as T } from '../api/sales-tables';
import { sandboxGatewaySecret } from '../payment/sandbox/sandbox-gateway';
import { createSandboxTokenizer } from '../payment/sandbox/sandbox-tokenizer';
import { createSalesTestApp, readyCart, SALES_MODULES, Storefront } from './sales-test-app';

const PAN = '4111111111111111';
const PLACE = `mutation ($id: String!) { placeOrder(input: { cart_id: $id }) { orderV2 { number } errors { code message } } }`;
const PAY = `mutation ($id: String!, $nonce: String!, $save: Boolean!) { setPaymentMethodOnCart(input: { cart_id: $id, payment_method: { code: "comptoir_card", comptoir_card: { payment_method_nonce: $nonce, is_active_payment_token_enabler: $save } } }) { cart { selected_payment_method { code title } } } }`;
const VAULT_PAY = `mutation ($id: String!, $h: String!) { setPaymentMethodOnCart(input: { cart_id: $id, payment_method: { code: "comptoir_card_vault", comptoir_card_vault: { public_hash: $h } } }) { cart { selected_payment_method { code title } } } }`;
const TOKENS = `{ customerPaymentTokens { items { public_hash payment_method_code type details } } }`;
const DELETE = `mutation ($h: String!) { deletePaymentToken(public_hash: $h) { result customerPaymentTokens { items { public_hash } } } }`;

/** The sandbox's hosted fields, on their own port: the only place card data is ever typed. */
async function startTokenizer(app: TestApp): Promise<{ server: Server; nonce(card?: Partial<{ number: string; exp_month: number; exp_year: number; cvv: string }>): Promise<string> }> {
  const server = createSandboxTokenizer({ secret: sandboxGatewaySecret(app.get(Kernel.Encryptor)) }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/nonces`;
  return {
    server,
    async nonce(card = {}) {
      const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ number: PAN, exp_month: 12, exp_year: 2099, cvv: '987', ...card }) });
      const body = (await res.json()) as { nonce?: string; errors?: string[] };
      if (!body.nonce) throw new Error(JSON.stringify(body));
      return body.nonce;
    },
  };
}

async function pay(shop: Storefront, id: string, nonce: string, save = false, token?: string) {
  const res = await shop.gql(PAY, { id, nonce, save }, token);
  if (res.errors) throw new Error(res.text);
  return res.data!.setPaymentMethodOnCart.cart.selected_payment_method;
}

/** Every row of every table, as text: what a database dump would show. */
async function dumpDatabase(app: TestApp): Promise<string> {
  const knex = app.db.knex;
  const tables: string[] =
    app.db.client === 'mysql'
      ? ((await knex.raw('SHOW TABLES'))[0] as Array<Record<string, string>>).map((row) => Object.values(row)[0])
      : ((await knex.raw("SELECT name FROM sqlite_master WHERE type = 'table'")) as Array<{ name: string }>).map((row) => row.name);
  let out = '';
  for (const table of tables) out += JSON.stringify(await knex(table).select('*'));
  return out;
}

describe('Card payments through the sandbox gateway', () => {
  let app: TestApp;
  let shop: Storefront;
  let tokenizer: Awaited<ReturnType<typeof startTokenizer>>;

  beforeAll(async () => {
    app = await createSalesTestApp();
    shop = new Storefront(app);
    tokenizer = await startTokenizer(app);
    const products = app.get(CatalogApi.ProductRepository);
    await products.saveMany([
      { input: { sku: 'MUG', price: 1200, attributes: { name: 'Mug' }, stock: { qty: 20 } } },
      // 8.13 + 5.00 flat rate: a grand total ending in .13, which the sandbox declines.
      { input: { sku: 'ODD', price: 813, attributes: { name: 'Odd' }, stock: { qty: 20 } } },
    ]);
  });
  afterAll(async () => {
    tokenizer?.server.close();
    await app?.close();
  });

  it('PAY-04 PAY-02 a guest checks out with a one-time sandbox nonce; only brand, last 4, expiry and the transaction id are kept and shown', async () => {
    const id = await readyCart(shop, 'MUG');
    const methods = await shop.gql(`query ($id: String!) { cart(cart_id: $id) { available_payment_methods { code title } } }`, { id });
    expect(methods.data!.cart.available_payment_methods).toContainEqual({ code: 'comptoir_card', title: 'Credit Card' });
    const nonce = await tokenizer.nonce();
    expect(await pay(shop, id, nonce)).toEqual({ code: 'comptoir_card', title: 'Credit Card' });
    const placed = await shop.gql(PLACE, { id });
    expect(placed.data!.placeOrder.errors).toEqual([]);
    const order = await app.db.knex(T.order).where('increment_id', placed.data!.placeOrder.orderV2.number).first();
    const payment = await app.db.knex(T.orderPayment).where('order_id', order.entity_id).first();
    expect(payment).toMatchObject({ method: 'comptoir_card', cc_type: 'VI', cc_last_4: '1111', cc_exp_month: 12, cc_exp_year: 2099, amount_authorized: 1700 });
    expect(payment.last_trans_id).toMatch(/^sbx_[0-9a-f]{24}$/);
    const ledger = await app.db.knex(T.sandboxTransaction).where('transaction_id', payment.last_trans_id).first();
    expect(ledger).toMatchObject({ kind: 'authorize' });
    expect(Number(ledger.amount)).toBe(1700);
    const shown = await shop.gql(`query ($i: OrderInformationInput!) { guestOrder(input: $i) { payment_methods { type name additional_data { name value } } } }`, {
      i: { number: placed.data!.placeOrder.orderV2.number, email: 'buyer@example.com', postcode: '78701' },
    });
    expect(shown.data!.guestOrder.payment_methods).toEqual([
      { type: 'comptoir_card', name: 'Credit Card', additional_data: [{ name: 'cc_type', value: 'VI' }, { name: 'cc_last4', value: '1111' }, { name: 'cc_exp', value: '12/2099' }] },
    ]);

    // A nonce is good once: the same one on another cart is refused and that cart is left as it was.
    const other = await readyCart(shop, 'MUG');
    await pay(shop, other, nonce);
    const reused = await shop.gql(PLACE, { id: other });
    expect(reused.data!.placeOrder.errors).toEqual([{ code: 'UNABLE_TO_PLACE_ORDER', message: 'The payment token is invalid or has expired. Enter the card again.' }]);
  });

  it('PAY-01 a declined payment places nothing, holds no stock and leaves the cart usable', async () => {
    const stock = app.get(CatalogApi.StockRegistry);
    const reservedBefore = (await stock.getStockItem('MUG')).reservedQty;
    const orders = async () => Number(((await app.db.knex(T.order).count({ n: '*' }).first()) as { n: number }).n);
    const ordersBefore = await orders();
    const id = await readyCart(shop, 'MUG');
    await pay(shop, id, await tokenizer.nonce({ number: '4000000000000002' }));
    const declined = await shop.gql(PLACE, { id });
    expect(declined.data!.placeOrder).toEqual({ orderV2: null, errors: [{ code: 'UNABLE_TO_PLACE_ORDER', message: 'The payment was declined. Use another payment method or card.' }] });
    expect((await stock.getStockItem('MUG')).reservedQty).toBe(reservedBefore);
    expect(await orders()).toBe(ordersBefore);
    expect(await app.db.knex(T.sandboxTransaction).count({ n: '*' }).first()).toEqual({ n: 1 });

    // The same cart goes through with another card.
    await pay(shop, id, await tokenizer.nonce({ number: '5555555555554444' }));
    const placed = await shop.gql(PLACE, { id });
    expect(placed.data!.placeOrder.errors).toEqual([]);
    expect((await stock.getStockItem('MUG')).reservedQty).toBe(reservedBefore + 1);

    // An amount ending in .13 is declined too.
    const odd = await readyCart(shop, 'ODD');
    await pay(shop, odd, await tokenizer.nonce());
    expect((await shop.gql(PLACE, { id: odd })).data!.placeOrder.errors[0].code).toBe('UNABLE_TO_PLACE_ORDER');
    expect((await stock.getStockItem('ODD')).reservedQty).toBe(0);
  });

  it('PAY-02 PAY-03 a saved card is stored as an encrypted gateway token; the tables hold no card number and no token in clear', async () => {
    const token = await shop.customer('saver@example.com');
    const id = await readyCart(shop, 'MUG', token);
    await pay(shop, id, await tokenizer.nonce({ exp_month: 7, exp_year: 2098 }), true, token);
    expect((await shop.gql(PLACE, { id }, token)).data!.placeOrder.errors).toEqual([]);
    const listed = await shop.gql(TOKENS, {}, token);
    expect(listed.data!.customerPaymentTokens.items).toEqual([
      { public_hash: expect.stringMatching(/^[0-9a-f]{64}$/), payment_method_code: 'comptoir_card', type: 'card', details: JSON.stringify({ type: 'VI', maskedCC: '1111', expirationDate: '07/2098' }) },
    ]);
    const row = await app.db.knex(T.vaultToken).first();
    expect(row.gateway_token).not.toMatch(/sbx/);
    expect(app.get(Kernel.Encryptor).decrypt(row.gateway_token, `${T.vaultToken}.gateway_token`)).toMatch(/^sbxv_/);

    // A guest asking to save a card saves nothing.
    const guest = await readyCart(shop, 'MUG');
    await pay(shop, guest, await tokenizer.nonce(), true);
    expect((await shop.gql(PLACE, { id: guest })).data!.placeOrder.errors).toEqual([]);
    expect(await app.db.knex(T.vaultToken).count({ n: '*' }).first()).toEqual({ n: 1 });

    const dump = await dumpDatabase(app);
    for (const secret of [PAN, '5555555555554444', '4000000000000002', 'sbxv_', 'sbxn_', '"987"']) expect(dump).not.toContain(secret);
  });

  it('API-01 saved cards are listed and deleted by their owner only', async () => {
    const owner = await shop.customer('owner@example.com');
    const id = await readyCart(shop, 'MUG', owner);
    await pay(shop, id, await tokenizer.nonce(), true, owner);
    await shop.gql(PLACE, { id }, owner);
    const hash = (await shop.gql(TOKENS, {}, owner)).data!.customerPaymentTokens.items[0].public_hash as string;

    const intruder = await shop.customer('intruder@example.com');
    expect((await shop.gql(TOKENS, {}, intruder)).data!.customerPaymentTokens.items).toEqual([]);
    const stolen = await shop.gql(DELETE, { h: hash }, intruder);
    expect(stolen.errors![0]).toMatchObject({ message: `Could not find a token using public hash: ${hash}`, extensions: { category: 'graphql-no-such-entity' } });
    const anonymous = await shop.gql(DELETE, { h: hash });
    expect(anonymous.errors![0].extensions!.category).toBe('graphql-authorization');
    expect((await shop.gql(TOKENS)).errors![0].extensions!.category).toBe('graphql-authorization');
    expect((await shop.gql(TOKENS, {}, owner)).data!.customerPaymentTokens.items).toHaveLength(1);

    // The owner pays with the saved card; the intruder cannot pay with the owner's hash.
    const again = await readyCart(shop, 'MUG', owner);
    const vaultPay = await shop.gql(VAULT_PAY, { id: again, h: hash }, owner);
    expect(vaultPay.data!.setPaymentMethodOnCart.cart.selected_payment_method).toEqual({ code: 'comptoir_card_vault', title: 'Stored Cards' });
    const placed = await shop.gql(PLACE, { id: again }, owner);
    expect(placed.data!.placeOrder.errors).toEqual([]);
    const order = await app.db.knex(T.order).where('increment_id', placed.data!.placeOrder.orderV2.number).first();
    expect(await app.db.knex(T.orderPayment).where('order_id', order.entity_id).first()).toMatchObject({ method: 'comptoir_card_vault', cc_type: 'VI', cc_last_4: '1111' });
    const theirs = await readyCart(shop, 'MUG', intruder);
    const borrowed = await shop.gql(VAULT_PAY, { id: theirs, h: hash }, intruder);
    expect(borrowed.errors![0]).toMatchObject({ message: 'The saved card could not be found. Choose another payment method.', extensions: { category: 'graphql-input' } });

    const removed = await shop.gql(DELETE, { h: hash }, owner);
    expect(removed.data!.deletePaymentToken).toEqual({ result: true, customerPaymentTokens: { items: [] } });
    expect(await app.db.knex(T.vaultToken).where('public_hash', hash).first()).toBeUndefined();
  });

  it('PAY-01 no API type has a card-number or cvv field, and the method refuses card data sent as a nonce', async () => {
    const schema = await shop.gql(`{ __type(name: "ComptoirCardInput") { inputFields { name } } }`);
    expect(schema.data!.__type.inputFields.map((f: { name: string }) => f.name).sort()).toEqual(['device_data', 'is_active_payment_token_enabler', 'payment_method_nonce']);
    const id = await readyCart(shop, 'MUG');
    const res = await shop.gql(PAY, { id, nonce: '4111 1111 1111 1111', save: false });
    expect(res.errors![0]).toMatchObject({ message: 'Card data cannot be sent to this server. Enter your card in the payment form.', extensions: { category: 'graphql-input' } });
    const missing = await shop.gql(`mutation ($id: String!) { setPaymentMethodOnCart(input: { cart_id: $id, payment_method: { code: "comptoir_card" } }) { cart { id } } }`, { id });
    expect(missing.errors![0].message).toBe('Required parameter "comptoir_card" for "payment_method" is missing.');
  });
});

describe('Card payments behind the card-data guard', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createSalesTestApp({ modules: [...SALES_MODULES, 'Comptoir_WebSecurity'] });
  });
  afterAll(() => app?.close());

  it('PAY-03 a card number sent to setPaymentMethodOnCart is refused by the guard and stored nowhere', async () => {
    const shop = new Storefront(app);
    const id = await shop.guestCart();
    const res = await shop.gql(PAY, { id, nonce: PAN, save: false });
    expect(res.errors![0].message).toMatch(/card number/i);
    expect(res.errors![0].extensions!.category).toBe('graphql-input');
    expect(await dumpDatabase(app)).not.toContain(PAN);
  });
});
