import request from 'supertest';
import { Kernel } from '../../../app';
import { ConsumerRunner } from '../../../app/event/consumer-runner';
import { OutboxRelay } from '../../../app/event/outbox-relay';
import type { FileMailTransport } from '../../../app/mail/file-mail-transport';
import type { TestApp } from '../../../app/testing/test-app';
import { installSampleStores } from '../../../setup/sample-data/store';
import { CatalogApi } from '../../catalog/api';
import { SalesConfigPath as P } from '../api/sales-config-paths';
import { SalesTable as T } from '../api/sales-tables';
import { escapeHtml } from '../mail/order-confirmation-templates';
import { SalesInternal } from '../model/sales-internal-tokens';
import { placeOrder } from './order-flow-helpers';
import { createSalesTestApp, Storefront, type Answer } from './sales-test-app';

/** A storefront whose every request names a store view (the Store header). */
class StoreViewFront extends Storefront {
  constructor(app: TestApp, private readonly storeCode: string) {
    super(app);
  }

  override async gql(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Answer> {
    const call = request(this.web).post('/graphql').set('Content-Type', 'application/json').set('Store', this.storeCode);
    if (token) call.set('Authorization', `Bearer ${token}`);
    const res = await call.send({ query, variables });
    return { data: res.body.data, errors: res.body.errors, text: res.text };
  }
}

const EVIL_NAME = '<script>alert("x")</script> Mug & Co';

describe('order confirmation email (multipart, escaped, per store view)', () => {
  let app: TestApp;
  let shop: Storefront;
  const sentMails = () => (app.get(Kernel.MailTransport) as FileMailTransport).list();
  const deliver = async () => {
    await OutboxRelay.attach(app).flush();
    await new ConsumerRunner(app).run(['Comptoir_Sales::sales_send_order_confirmation'], { stopWhenEmpty: true });
  };

  beforeAll(async () => {
    app = await createSalesTestApp();
    await installSampleStores(app);
    await app.get(CatalogApi.ProductRepository).save({ sku: 'MUG', price: 1250, attributes: { name: EVIL_NAME }, stock: { qty: 50 } });
    shop = new Storefront(app);
  });
  afterAll(() => app?.close());

  it('sends text and HTML parts with items, prices, totals, both addresses, both methods and an https order link; values are HTML-escaped', async () => {
    await app.get(Kernel.Config).set(P.OrderEmailCopyTo, 'archive@example.com, sales@example.com', { scope: 'stores', code: 'default' });
    const id = await placeOrder(shop, 'MUG');
    const number = String((await app.db.knex(T.order).where('entity_id', id).first('increment_id')).increment_id);
    await deliver();
    const mail = (await sentMails()).find((m) => m.subject.includes(number))!;
    expect(mail).toMatchObject({ to: 'buyer@example.com', bcc: ['archive@example.com', 'sales@example.com'], subject: `Your Default Store View order confirmation #${number}` });
    // Text part: the raw name (plain text needs no escaping).
    expect(mail.text).toContain(`1 × ${EVIL_NAME} (MUG) — $12.50 — $12.50`);
    expect(mail.text).toContain('Shipping & Handling: $5.00');
    expect(mail.text).toContain('Grand Total: $17.50');
    expect(mail.text).toContain('Billing address:');
    expect(mail.text).toContain('Shipping method: Flat Rate - Fixed');
    expect(mail.text).toContain('Payment method: Check / Money order');
    // HTML part: the name is escaped, never markup.
    const html = mail.html!;
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Mug &amp; Co');
    expect(html).toContain('$17.50');
    expect(html).toContain('100 Congress Ave');
    expect(html).toContain('Austin');
    expect(html).toContain('Check / Money order');
    expect(html).toContain('Flat Rate - Fixed');
    expect(html).toContain(`#${number}`);
    const links = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(links).toEqual(['https://shop.example.com/sales/guest/form/']);
  });

  it('escapes an address holding markup in the HTML part and localizes the French store view', async () => {
    const before = (await sentMails()).length;
    const fr = new StoreViewFront(app, 'fr');
    const cart = await fr.guestCart();
    const address = { firstname: '<img src=x onerror=alert(1)>', lastname: 'Dupont', street: ['1 rue <b>Haute</b>'], city: 'Paris', postcode: '75001', country_code: 'FR', telephone: '0102030405' };
    for (const [query, vars] of [
      ['mutation ($id: String!) { addProductsToCart(cartId: $id, cartItems: [{ sku: "MUG", quantity: 2 }]) { user_errors { code } } }', {}],
      ['mutation ($id: String!, $a: CartAddressInput!) { setShippingAddressesOnCart(input: { cart_id: $id, shipping_addresses: [{ address: $a }] }) { cart { id } } }', { a: address }],
      ['mutation ($id: String!) { setBillingAddressOnCart(input: { cart_id: $id, billing_address: { same_as_shipping: true } }) { cart { id } } }', {}],
      ['mutation ($id: String!) { setShippingMethodsOnCart(input: { cart_id: $id, shipping_methods: [{ carrier_code: "flatrate", method_code: "flatrate" }] }) { cart { id } } }', {}],
      ['mutation ($id: String!) { setGuestEmailOnCart(input: { cart_id: $id, email: "client@example.fr" }) { cart { id } } }', {}],
      ['mutation ($id: String!) { setPaymentMethodOnCart(input: { cart_id: $id, payment_method: { code: "checkmo" } }) { cart { id } } }', {}],
    ] as Array<[string, Record<string, unknown>]>) {
      const res = await fr.gql(query, { id: cart, ...vars });
      expect(res.errors).toBeUndefined();
    }
    const placed = await fr.gql('mutation ($id: String!) { placeOrder(input: { cart_id: $id }) { orderV2 { number } errors { code message } } }', { id: cart });
    expect(placed.data!.placeOrder.errors).toEqual([]);
    await deliver();
    const sent = await sentMails();
    expect(sent).toHaveLength(before + 1);
    const mail = sent.find((m) => m.to === 'client@example.fr')!;
    expect(mail.subject).toContain(`Confirmation de votre commande n° ${placed.data!.placeOrder.orderV2.number}`);
    // copy_to was set for the default store view only.
    expect(mail.bcc).toBeUndefined();
    expect(mail.text).toContain('Adresse de facturation');
    expect(mail.html).toContain('Adresse de livraison');
    expect(mail.html).toContain('Total TTC');
    expect(mail.html).not.toMatch(/<img|<b>/);
    expect(mail.html).toContain(escapeHtml('<img src=x onerror=alert(1)> Dupont'));
    expect(mail.html).toContain('1 rue &lt;b&gt;Haute&lt;/b&gt;');
  });

  it('sends nothing for a store view whose sales_email/order/enabled is 0', async () => {
    await app.get(Kernel.Config).set(P.OrderEmailEnabled, '0', { scope: 'stores', code: 'default' });
    const before = (await sentMails()).length;
    const id = await placeOrder(shop, 'MUG');
    expect(await app.get(SalesInternal.OrderConfirmationMailer).send(id)).toBe(false);
    await deliver();
    expect(await sentMails()).toHaveLength(before);
    await app.get(Kernel.Config).delete(P.OrderEmailEnabled, { scope: 'stores', code: 'default' });
    expect(await app.get(SalesInternal.OrderConfirmationMailer).send(id)).toBe(true);
  });
});
