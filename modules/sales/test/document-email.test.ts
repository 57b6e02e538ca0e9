import request from 'supertest';
import type { Express } from 'express';
import { Kernel } from '../../../app';
import { OUTBOX_TABLE } from '../../../app/event/event-bus';
import type { AdminAuthorizer } from '../../../app/http/admin-authorizer';
import { createHttpApp } from '../../../app/http/http-app';
import type { TestApp } from '../../../app/testing/test-app';
import { installSampleStores } from '../../../setup/sample-data/store';
import { CatalogApi } from '../../catalog/api';
import { SalesConfigPath as P } from '../api/sales-config-paths';
import { SalesTable as T } from '../api/sales-tables';
import { escapeHtml } from '../mail/mail-layout';
import { SalesInternal } from '../model/sales-internal-tokens';
import { placeOrderOf, salesMailDelivery } from './order-documents-helpers';
import { createSalesTestApp, Storefront, type Answer } from './sales-test-app';

const allowAll: AdminAuthorizer = { authorize: async () => ({ allowed: true, principal: { type: 'admin', id: 1 } }) };

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
const CONSUMERS = ['Comptoir_Sales::sales_send_invoice_email', 'Comptoir_Sales::sales_send_shipment_email', 'Comptoir_Sales::sales_send_creditmemo_email'];

describe('invoice, shipment and credit memo emails (notify)', () => {
  let app: TestApp;
  let web: Express;
  let shop: Storefront;
  const post = (path: string, body: unknown = {}) => request(web).post(`/rest/V1${path}`).set('Content-Type', 'application/json').send(body as object);
  let mail: ReturnType<typeof salesMailDelivery>;
  const sentMails = () => mail.sentMails();
  const deliver = () => mail.deliver();
  const mailsOf = (action: () => Promise<unknown>) => mail.mailsOf(action);
  const orderNumber = async (id: number) => String((await app.db.knex(T.order).where('entity_id', id).first('increment_id')).increment_id);
  const docNumber = async (table: string, id: number) => String((await app.db.knex(table).where('entity_id', id).first('increment_id')).increment_id);
  const itemIds = async (orderId: number) => (await app.db.knex(T.orderItem).where('order_id', orderId).orderBy('item_id')).map((r) => Number(r.item_id));
  const ok = async (res: request.Response) => {
    expect(res.status).toBe(200);
    return Number(res.body);
  };
  const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
  const urls = (text: string) => text.match(/[a-z][a-z0-9+.-]*:\/\/\S+/gi) ?? [];

  beforeAll(async () => {
    app = await createSalesTestApp({ overrides: (bind) => void bind(Kernel.AdminAuthorizer).toConstantValue(allowAll) });
    mail = salesMailDelivery(app, CONSUMERS);
    await installSampleStores(app);
    web = createHttpApp(app);
    shop = new Storefront(app);
    await app.get(CatalogApi.ProductRepository).saveMany([
      { input: { sku: 'MUG', price: 1250, attributes: { name: EVIL_NAME }, stock: { qty: 100 } } },
      { input: { sku: 'PLATE', price: 800, attributes: { name: 'Plate' }, stock: { qty: 100 } } },
    ]);
  });
  afterAll(() => app?.close());

  describe('one order invoiced, shipped and refunded with notify: true', () => {
    let id: number;
    let number: string;
    let mug: number;
    let plate: number;

    beforeAll(async () => {
      id = await placeOrderOf(shop, [['MUG', 3], ['PLATE', 2]], {});
      number = await orderNumber(id);
      [mug, plate] = await itemIds(id);
    });

    it('TLS-05 the invoice email goes to the order email with the invoice number, the invoiced items and totals, the visible comment and https links only; the HTML part is escaped', async () => {
      let invoiceId = 0;
      const mails = await mailsOf(async () => {
        invoiceId = await ok(await post(`/order/${id}/invoice`, { items: [{ order_item_id: mug, qty: 2 }], notify: true, comment: { comment: 'Thanks <b>again</b>', is_visible_on_front: 1 } }));
      });
      expect(mails).toHaveLength(1);
      const [mail] = mails;
      const invoice = await docNumber(T.invoice, invoiceId);
      expect(mail).toMatchObject({ to: 'buyer@example.com', storeCode: 'default', subject: `Invoice for your Default Store View order #${number}` });
      expect(mail.bcc).toBeUndefined();
      // Text part: the raw name; only the invoiced line (2 mugs of 3, no plates).
      expect(mail.text).toContain(`Your Invoice #${invoice} for Order #${number}`);
      expect(mail.text).toContain(`2 × ${EVIL_NAME} (MUG) — $12.50 — $25.00`);
      expect(mail.text).not.toContain('(PLATE)');
      // The first invoice carries the whole shipping (flat rate, 5 units at $5.00).
      expect(mail.text).toContain('Subtotal: $25.00');
      expect(mail.text).toContain('Shipping & Handling: $25.00');
      expect(mail.text).toContain('Grand Total: $50.00');
      // A paid invoice (check / money order is paid offline at once) says nothing of a pending payment.
      expect(mail.text).not.toContain('Payment pending');
      expect(mail.text).toContain('Comment:\n  Thanks <b>again</b>');
      expect(mail.text).toContain('Payment method: Check / Money order');
      expect(mail.text).toContain('Billing address:\n  Ana Lima');
      // HTML part: the name and the comment are escaped, never markup.
      const html = mail.html!;
      expect(html).not.toMatch(/<script|<b>/);
      expect(html).toContain(escapeHtml(EVIL_NAME));
      expect(html).toContain('Thanks &lt;b&gt;again&lt;/b&gt;');
      expect(html).toContain(`#${invoice}`);
      expect(html).toContain('$50.00');
      // TLS-05: the guest order link, https only, in both parts.
      expect(hrefs(html)).toEqual(['https://shop.example.com/sales/guest/form/']);
      expect(urls(mail.text)).toEqual(['https://shop.example.com/sales/guest/form/']);
    });

    it('an invoice created without capture (open) says in its email that the amount is not charged yet', async () => {
      const card = await placeOrderOf(shop, [['PLATE', 1]], { payment: 'card' });
      const mails = await mailsOf(async () => {
        await ok(await post(`/order/${card}/invoice`, { capture: false, notify: true }));
      });
      expect(mails).toHaveLength(1);
      expect(mails[0].text).toContain('Grand Total:');
      expect(mails[0].text).toContain('Payment pending: this amount has not been charged yet.');
      expect(mails[0].html).toContain('Payment pending: this amount has not been charged yet.');
    });

    it('the shipment email lists the shipped items, the tracking numbers with their carrier titles and the shipping address; a comment not visible on the storefront stays out', async () => {
      let shipmentId = 0;
      const mails = await mailsOf(async () => {
        shipmentId = await ok(
          await post(`/order/${id}/ship`, {
            items: [{ order_item_id: plate, qty: 1 }],
            tracks: [
              { track_number: '1Z999AA1', title: 'United Parcel <Service>', carrier_code: 'ups' },
              { track_number: '9400111', title: 'USPS', carrier_code: 'usps' },
            ],
            notify: true,
            comment: { comment: 'Internal: packed by Bob', is_visible_on_front: 0 },
          }),
        );
      });
      expect(mails).toHaveLength(1);
      const [mail] = mails;
      const shipment = await docNumber(T.shipment, shipmentId);
      expect(mail).toMatchObject({ to: 'buyer@example.com', subject: 'Your Default Store View order has shipped' });
      expect(mail.text).toContain(`Your Shipment #${shipment} for Order #${number}`);
      expect(mail.text).toContain('1 × Plate (PLATE)');
      expect(mail.text).not.toContain('(MUG)');
      expect(mail.text).toContain('Tracking:\n  United Parcel <Service>: 1Z999AA1\n  USPS: 9400111');
      expect(mail.text).toContain('Shipping address:\n  Ana Lima\n  100 Congress Ave');
      expect(mail.text).toContain('Shipping method: Flat Rate - Fixed');
      expect(mail.text).not.toContain('Internal');
      expect(mail.text).not.toContain('Billing address');
      expect(mail.text).not.toContain('Payment method');
      const html = mail.html!;
      expect(html).toContain('United Parcel &lt;Service&gt;');
      expect(html).not.toContain('<Service>');
      expect(html).toContain('1Z999AA1');
      expect(html).toContain('100 Congress Ave');
      expect(html).not.toContain('Internal');
    });

    it('the credit memo email lists the refunded items and totals, adjustments included', async () => {
      let memoId = 0;
      const mails = await mailsOf(async () => {
        memoId = await ok(await post(`/order/${id}/refund`, { items: [{ order_item_id: mug, qty: 1 }], notify: true, arguments: { shipping_amount: 2.5, adjustment_negative: 1 } }));
      });
      expect(mails).toHaveLength(1);
      const [mail] = mails;
      const memo = await docNumber(T.creditmemo, memoId);
      expect(mail).toMatchObject({ to: 'buyer@example.com', subject: `Credit memo for your Default Store View order #${number}` });
      expect(mail.text).toContain(`Your Credit Memo #${memo} for Order #${number}`);
      expect(mail.text).toContain(`1 × ${EVIL_NAME} (MUG) — $12.50 — $12.50`);
      expect(mail.text).not.toContain('(PLATE)');
      expect(mail.text).toContain('Subtotal: $12.50');
      expect(mail.text).toContain('Shipping & Handling: $2.50');
      expect(mail.text).toContain('Adjustment Fee: -$1.00');
      expect(mail.text).not.toContain('Adjustment Refund');
      expect(mail.text).toContain('Grand Total: $14.00');
      expect(mail.html).toContain(escapeHtml(EVIL_NAME));
      expect(mail.html).not.toContain('<script');
      expect(mail.html).toContain('$14.00');
    });
  });

  it('queues nothing when notify is false or absent, nor for a document that was refused', async () => {
    const id = await placeOrderOf(shop, [['PLATE', 2]], {});
    const [plate] = await itemIds(id);
    const mails = await mailsOf(async () => {
      expect((await post(`/order/${id}/invoice`, { items: [{ order_item_id: plate, qty: 3 }], notify: true })).status).toBe(400);
      await ok(await post(`/order/${id}/invoice`, { notify: false }));
      await ok(await post(`/order/${id}/ship`, { tracks: [{ track_number: 'T1', title: 'UPS', carrier_code: 'ups' }] }));
      await ok(await post(`/order/${id}/refund`, { items: [{ order_item_id: plate, qty: 1 }] }));
    });
    expect(mails).toEqual([]);
    // The events carried notify: false (the outbox keeps the payloads of async observers).
    const rows = await app.db.knex(OUTBOX_TABLE).whereIn('event_name', ['sales_order_invoice_save_after', 'sales_order_shipment_save_after', 'sales_order_creditmemo_save_after']);
    const payloads = rows.map((row) => ({ event: String(row.event_name), ...JSON.parse(String(row.payload)) })).filter((p) => p.orderId === id);
    expect(payloads.map((p) => [p.event, p.notify]).sort()).toEqual([
      ['sales_order_creditmemo_save_after', false],
      ['sales_order_invoice_save_after', false],
      ['sales_order_shipment_save_after', false],
    ]);
  });

  it('writes the French store view emails in French', async () => {
    const fr = new StoreViewFront(app, 'fr');
    const id = await placeOrderOf(fr, [['PLATE', 1]], {});
    const number = await orderNumber(id);
    const mails = await mailsOf(async () => {
      await ok(await post(`/order/${id}/invoice`, { notify: true }));
      await ok(await post(`/order/${id}/ship`, { notify: true, tracks: [{ track_number: 'COL123', title: 'Colissimo', carrier_code: 'colissimo' }] }));
      await ok(await post(`/order/${id}/refund`, { notify: true }));
    });
    expect(mails).toHaveLength(3);
    for (const mail of mails) expect(mail).toMatchObject({ to: 'buyer@example.com', storeCode: 'fr' });
    const invoice = mails.find((m) => m.subject.startsWith('Facture'))!;
    const shipment = mails.find((m) => m.subject.includes('expédiée'))!;
    const memo = mails.find((m) => m.subject.startsWith('Avoir'))!;
    expect(invoice.subject).toContain(`Facture de votre commande n° ${number} chez`);
    expect(invoice.text).toMatch(new RegExp(`Votre facture n° \\d+ pour la commande n° ${number}`));
    expect(invoice.text).toContain('Total TTC');
    expect(invoice.text).toContain('Adresse de facturation');
    expect(shipment.subject).toMatch(/^Votre commande chez .+ a été expédiée$/);
    expect(shipment.text).toContain('Suivi:\n  Colissimo: COL123');
    expect(shipment.html).toContain('Numéro de suivi');
    expect(shipment.html).toContain('Adresse de livraison');
    expect(memo.subject).toContain(`Avoir sur votre commande n° ${number} chez`);
    expect(memo.text).toMatch(new RegExp(`Votre avoir n° \\d+ pour la commande n° ${number}`));
    expect(memo.html).toContain('Total TTC');
    for (const mail of mails) for (const url of [...urls(mail.text), ...hrefs(mail.html!)]) expect(url).toMatch(/^https:\/\/shop\.example\.com\//);
  });

  it('sales_email/<type>/enabled 0 queues nothing for the store view; sales_email/<type>/copy_to adds blind copies', async () => {
    const config = app.get(Kernel.Config);
    const scope = { scope: 'stores' as const, code: 'default' };
    await config.set(P.InvoiceEmailEnabled, '0', scope);
    await config.set(P.ShipmentEmailCopyTo, 'warehouse@example.com', scope);
    await config.set(P.CreditmemoEmailCopyTo, 'archive@example.com, finance@example.com', scope);
    await expect(config.set(P.InvoiceEmailCopyTo, 'not an address', scope)).rejects.toThrow();
    try {
      const id = await placeOrderOf(shop, [['PLATE', 1]], {});
      let invoiceId = 0;
      const mails = await mailsOf(async () => {
        invoiceId = await ok(await post(`/order/${id}/invoice`, { notify: true }));
        await ok(await post(`/order/${id}/ship`, { notify: true }));
        await ok(await post(`/order/${id}/refund`, { notify: true }));
      });
      expect(mails.map((m) => m.subject).sort()).toEqual([`Credit memo for your Default Store View order #${await orderNumber(id)}`, 'Your Default Store View order has shipped']);
      expect(mails.find((m) => m.subject.includes('shipped'))!.bcc).toEqual(['warehouse@example.com']);
      expect(mails.find((m) => m.subject.startsWith('Credit memo'))!.bcc).toEqual(['archive@example.com', 'finance@example.com']);
      // Turned off for this store view, the invoice email is not queued; back on, it is.
      const mailer = app.get(SalesInternal.DocumentEmailMailer);
      expect(await mailer.queue('invoice', invoiceId)).toBe(false);
      await config.delete(P.InvoiceEmailEnabled, scope);
      const resent = await mailsOf(async () => expect(await mailer.queue('invoice', invoiceId)).toBe(true));
      expect(resent).toHaveLength(1);
      expect(resent[0].subject).toBe(`Invoice for your Default Store View order #${await orderNumber(id)}`);
      expect(resent[0].bcc).toBeUndefined();
      expect(await mailer.queue('invoice', 999999)).toBe(false);
    } finally {
      await config.delete(P.InvoiceEmailEnabled, scope);
      await config.delete(P.ShipmentEmailCopyTo, scope);
      await config.delete(P.CreditmemoEmailCopyTo, scope);
    }
  });

  it('PAY-02 a card order\'s invoice email names the payment method only, with no card digits, brand or expiry', async () => {
    const id = await placeOrderOf(shop, [['PLATE', 1]], { payment: 'card' });
    const mails = await mailsOf(async () => ok(await post(`/order/${id}/invoice`, { notify: true })));
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail.text).toContain('Payment method: Credit Card');
    for (const part of [mail.text, mail.html!]) {
      expect(part).not.toMatch(/1111|2099|\bVI\b|nonce|token/i);
    }
  });

  // Last: the failed message is retried a second later, so no test after this one delivers.
  it('a failing email never rolls the document back: the document is committed before the async observer runs', async () => {
    const id = await placeOrderOf(shop, [['PLATE', 1]], {});
    const spy = jest.spyOn(app.get(SalesInternal.DocumentEmailMailer), 'queue').mockRejectedValue(new Error('mail server down'));
    try {
      let invoiceId = 0;
      const mails = await mailsOf(async () => {
        invoiceId = await ok(await post(`/order/${id}/invoice`, { notify: true }));
      });
      expect(spy).toHaveBeenCalledWith('invoice', invoiceId);
      expect(mails).toEqual([]);
      expect(await app.db.knex(T.invoice).where('entity_id', invoiceId).first('order_id')).toMatchObject({ order_id: id });
      expect((await request(web).get(`/rest/V1/orders/${id}`)).body).toMatchObject({ state: 'processing', items: [{ qty_invoiced: 1 }] });
    } finally {
      spy.mockRestore();
    }
  });
});
