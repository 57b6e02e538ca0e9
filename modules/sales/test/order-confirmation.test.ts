import request from 'supertest';
import { Kernel } from '../../../app';
import { ConsumerRunner } from '../../../app/event/consumer-runner';
import { OutboxRelay } from '../../../app/event/outbox-relay';
import type { FileMailTransport } from '../../../app/mail/file-mail-transport';
import type { TestApp } from '../../../app/testing/test-app';
import { installSampleStores } from '../../../setup/sample-data/store';
import { SalesTable as T } from '../api/sales-tables';
import { placeOrder } from './order-flow-helpers';
import { createSalesTestApp, installProducts, Storefront, type Answer } from './sales-test-app';

/** A storefront whose every request names a store view, as a PWA does with the Store header. */
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

describe('order confirmation email', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createSalesTestApp();
    await installSampleStores(app);
    await installProducts(app);
  });
  afterAll(() => app?.close());

  it('TLS-05 is queued after placeOrder in the store view locale, with https links only', async () => {
    const numberOf = async (id: number) => String((await app.db.knex(T.order).where('entity_id', id).first('increment_id')).increment_id);
    const frNumber = await numberOf(await placeOrder(new StoreViewFront(app, 'fr'), 'TEE'));
    const enNumber = await numberOf(await placeOrder(new StoreViewFront(app, 'default'), 'TEE'));

    // The sales consumer sends the mails itself: no second hop through the outbox and the kernel's mail consumer.
    await OutboxRelay.attach(app).flush();
    expect(await new ConsumerRunner(app).run(['Comptoir_Sales::sales_send_order_confirmation'], { stopWhenEmpty: true })).toBe(2);
    await OutboxRelay.attach(app).flush();
    expect(await new ConsumerRunner(app).run(['Comptoir_Framework::kernel_send_mail'], { stopWhenEmpty: true })).toBe(0);

    const sent = await (app.get(Kernel.MailTransport) as FileMailTransport).list();
    const fr = sent.find((m) => m.storeCode === 'fr')!;
    const en = sent.find((m) => m.storeCode === 'default')!;
    expect(sent).toHaveLength(2);
    expect(fr).toMatchObject({ to: 'buyer@example.com', subject: expect.stringContaining(`Confirmation de votre commande n° ${frNumber}`) });
    expect(en).toMatchObject({ to: 'buyer@example.com', subject: expect.stringContaining(`order confirmation #${enNumber}`) });
    expect(fr.text).toContain('Total TTC');
    expect(fr.text).toContain('Tee (TEE)');
    expect(fr.text).toContain('100 Congress Ave');
    expect(en.text).toContain('Grand Total: $');
    expect(en.text).toContain('Austin');
    for (const mail of [fr, en]) {
      const urls = mail.text.match(/[a-z][a-z0-9+.-]*:\/\/\S+/gi) ?? [];
      expect(urls.length).toBeGreaterThan(0);
      for (const url of urls) expect(url).toMatch(/^https:\/\/shop\.example\.com\//);
    }
  });

  it('IR-01 parks the confirmation while outgoing mail is held, and sends it once the hold is lifted', async () => {
    const mail = app.get(Kernel.Mail);
    const sentCount = async () => (await (app.get(Kernel.MailTransport) as FileMailTransport).list()).length;
    const before = await sentCount();
    await mail.pause('test: a leak is being investigated');
    try {
      await placeOrder(new StoreViewFront(app, 'default'), 'TEE');
      await OutboxRelay.attach(app).flush();
      expect(await new ConsumerRunner(app).run(['Comptoir_Sales::sales_send_order_confirmation'], { stopWhenEmpty: true })).toBe(1);
      expect(await sentCount()).toBe(before);
      const [parked] = await app.db.knex('mail_held').select('sealed');
      expect(parked.sealed).not.toContain('buyer@example.com');
    } finally {
      expect(await mail.resume()).toBe(1);
    }
    await OutboxRelay.attach(app).flush();
    await new ConsumerRunner(app).run(['Comptoir_Framework::kernel_send_mail'], { stopWhenEmpty: true });
    const sent = await (app.get(Kernel.MailTransport) as FileMailTransport).list();
    expect(sent).toHaveLength(before + 1);
    expect(sent.at(-1)).toMatchObject({ to: 'buyer@example.com', subject: expect.stringContaining('order confirmation') });
  });
});
