import request from 'supertest';
import type { Express } from 'express';
import { Kernel } from '../../../app';
import type { AdminAuthorizer } from '../../../app/http/admin-authorizer';
import { createHttpApp } from '../../../app/http/http-app';
import type { TestApp } from '../../../app/testing/test-app';
import { installSampleStores } from '../../../setup/sample-data/store';
import { CatalogApi } from '../../catalog/api';
import { SalesConfigPath as P } from '../api/sales-config-paths';
import { SalesTable as T } from '../api/sales-tables';
import { orderCommentTemplateFor } from '../mail/order-comment-templates';
import { placeOrderOf, salesMailDelivery } from './order-documents-helpers';
import { createSalesTestApp, Storefront } from './sales-test-app';

/** Grants every resource except the ones listed, so that a route's ACL resource can be shown to be the one checked. */
const allowAllBut = (denied: string[]): AdminAuthorizer => ({
  authorize: async (_req, resource) =>
    denied.includes(String(resource)) ? { allowed: false, status: 403, message: `The consumer isn't authorized to access ${String(resource)}.` } : { allowed: true, principal: { type: 'admin', id: 1 } },
});

/** Magento's order comments over admin REST (OrderManagementInterface::addComment, getCommentsList) and their email. */
describe('order comments (POST and GET /V1/orders/:id/comments) and emails (the comment email, POST /V1/orders/:id/emails)', () => {
  let app: TestApp;
  let web: Express;
  let shop: Storefront;
  let orderId: number;
  let number: string;
  const denied: string[] = [];
  const post = (id: number, body: unknown) => request(web).post(`/rest/V1/orders/${id}/comments`).set('Content-Type', 'application/json').send(body as object);
  const list = (id: number) => request(web).get(`/rest/V1/orders/${id}/comments`);
  let mail: ReturnType<typeof salesMailDelivery>;
  const deliver = () => mail.deliver();
  const mailsOf = (action: () => Promise<unknown>) => mail.mailsOf(action);

  beforeAll(async () => {
    const authorizer = allowAllBut(denied);
    app = await createSalesTestApp({ overrides: (bind) => void bind(Kernel.AdminAuthorizer).toConstantValue(authorizer) });
    mail = salesMailDelivery(app, ['Comptoir_Sales::sales_send_order_comment_email', 'Comptoir_Sales::sales_send_order_confirmation']);
    await installSampleStores(app);
    web = createHttpApp(app);
    shop = new Storefront(app);
    await app.get(CatalogApi.ProductRepository).save({ sku: 'MUG', price: 1250, attributes: { name: 'Mug' }, stock: { qty: 100 } });
    orderId = await placeOrderOf(shop, [['MUG', 1]], {});
    number = String((await app.db.knex(T.order).where('entity_id', orderId).first('increment_id')).increment_id);
    // The order's own confirmation goes out now, so that each test sees only the mails it caused.
    await deliver();
  });
  afterAll(() => app?.close());

  it('adds comments to the history and lists them oldest first, in Magento\'s shape', async () => {
    const first = await post(orderId, { statusHistory: { comment: 'Packed with care', is_visible_on_front: 1 } });
    expect(first.status).toBe(200);
    expect(first.body).toBe(true);
    expect((await post(orderId, { statusHistory: { comment: 'Internal: fragile', status: 'pending', parent_id: orderId, entity_name: 'order' } })).body).toBe(true);
    const res = await list(orderId);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [
        { entity_id: expect.any(Number), parent_id: orderId, entity_name: 'order', comment: 'Packed with care', status: 'pending', is_customer_notified: 0, is_visible_on_front: 1, created_at: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/) },
        { entity_id: expect.any(Number), parent_id: orderId, entity_name: 'order', comment: 'Internal: fragile', status: 'pending', is_customer_notified: 0, is_visible_on_front: 0, created_at: expect.any(String) },
      ],
      search_criteria: { filter_groups: [] },
      total_count: 2,
    });
    expect(res.body.items[0].entity_id).toBeLessThan(res.body.items[1].entity_id);
  });

  it('shows only the comments visible on the storefront in CustomerOrder.comments (guestOrder)', async () => {
    const res = await shop.gql('query ($n: String!) { guestOrder(input: { number: $n, email: "buyer@example.com", postcode: "78701" }) { comments { message timestamp } } }', { n: number });
    expect(res.errors).toBeUndefined();
    expect(res.data!.guestOrder.comments).toEqual([{ message: 'Packed with care', timestamp: expect.any(String) }]);
  });

  it('emails a notified comment to the order\'s customer, escaped in HTML, with Bcc from copy_to; not when the email is off', async () => {
    await app.get(Kernel.Config).set(P.OrderCommentEmailCopyTo, 'ops@example.com');
    const mails = await mailsOf(() => post(orderId, { statusHistory: { comment: 'Shipping <tomorrow> & on time', is_customer_notified: 1 } }));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: 'buyer@example.com', bcc: ['ops@example.com'], subject: 'Update to your Default Store View order', storeCode: 'default' });
    expect(mails[0].text).toContain(`Your order #${number} has been updated with a status of: Pending.`);
    expect(mails[0].text).toContain('Shipping <tomorrow> & on time');
    expect(mails[0].html).toContain('Shipping &lt;tomorrow&gt; &amp; on time');
    expect(mails[0].html).not.toContain('<tomorrow>');
    expect((await list(orderId)).body.items.at(-1)).toMatchObject({ is_customer_notified: 1 });

    expect(await mailsOf(() => post(orderId, { statusHistory: { comment: 'Quiet note' } }))).toEqual([]);
    await app.get(Kernel.Config).set(P.OrderCommentEmailEnabled, false);
    try {
      expect(await mailsOf(() => post(orderId, { statusHistory: { comment: 'Not sent', is_customer_notified: true } }))).toEqual([]);
    } finally {
      await app.get(Kernel.Config).set(P.OrderCommentEmailEnabled, true);
    }
  });

  it('writes the email in the store view\'s language (French here, English for a language without words)', () => {
    const view = { storeName: 'Boutique', orderNumber: '000000007', customerName: 'Ana Lima', status: '', comment: 'Colis parti', orderLink: 'https://shop.example.com/sales/order/view/order_id/7/' };
    const fr = orderCommentTemplateFor('fr_FR');
    const text = fr.text({ ...view, status: fr.statusLabel('processing') });
    expect(fr.subject(view)).toBe('Mise à jour de votre commande chez Boutique');
    expect(text).toContain('Votre commande n° 000000007 a été mise à jour, son statut est : En cours de traitement.');
    expect(text).toContain('Colis parti');
    expect(text).toContain('https://shop.example.com/sales/order/view/order_id/7/');
    expect(orderCommentTemplateFor('de_DE').statusLabel('complete')).toBe('Complete');
  });

  it('refuses bad input with a 4xx and a message, adding nothing', async () => {
    const before = (await list(orderId)).body.total_count;
    const cases: Array<[unknown, number, RegExp]> = [
      [{ statusHistory: { comment: '  ' } }, 400, /comment/],
      [{ statusHistory: {} }, 400, /comment/],
      [{ comment: 'flat' }, 400, /statusHistory|comment/],
      [{ statusHistory: { comment: 'x', is_customer_notified: 2 } }, 400, /is_customer_notified/],
      [{ statusHistory: { comment: 'x', extra: true } }, 400, /extra/],
      [{ statusHistory: { comment: 'x', status: 'complete' } }, 400, /complete.{1,4} is not available for an order in the .{1,4}new/],
      [{ statusHistory: { comment: 'x', parent_id: orderId + 1000 } }, 400, /parent_id/],
    ];
    for (const [body, status, message] of cases) {
      const res = await post(orderId, body);
      expect(res.status).toBe(status);
      expect(JSON.stringify(res.body)).toMatch(message);
    }
    const missing = await post(orderId + 1000, { statusHistory: { comment: 'x' } });
    expect(missing.status).toBe(404);
    expect((await list(orderId + 1000)).status).toBe(404);
    expect((await list(orderId)).body.total_count).toBe(before);
  });

  it('sends the order confirmation again with POST /V1/orders/:id/emails (Magento\'s notify), true when queued, false when the email is off', async () => {
    const mails = await mailsOf(async () => {
      const res = await request(web).post(`/rest/V1/orders/${orderId}/emails`);
      expect(res.status).toBe(200);
      expect(res.body).toBe(true);
    });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: 'buyer@example.com', storeCode: 'default' });
    expect(mails[0].text).toContain(number);
    await app.get(Kernel.Config).set(P.OrderEmailEnabled, false);
    try {
      expect((await request(web).post(`/rest/V1/orders/${orderId}/emails`)).body).toBe(false);
    } finally {
      await app.get(Kernel.Config).set(P.OrderEmailEnabled, true);
    }
    expect((await request(web).post(`/rest/V1/orders/${orderId + 1000}/emails`)).status).toBe(404);
    denied.push('Magento_Sales::emails');
    try {
      expect((await request(web).post(`/rest/V1/orders/${orderId}/emails`)).status).toBe(403);
    } finally {
      denied.length = 0;
    }
  });

  it('API-02 checks Magento_Sales::comment to add and Magento_Sales::actions_view to list', async () => {
    denied.push('Magento_Sales::comment');
    try {
      const refused = await post(orderId, { statusHistory: { comment: 'x' } });
      expect(refused.status).toBe(403);
      expect(refused.body.message).toContain('Magento_Sales::comment');
      expect((await list(orderId)).status).toBe(200);
      denied.push('Magento_Sales::actions_view');
      expect((await list(orderId)).status).toBe(403);
    } finally {
      denied.length = 0;
    }
  });
});
