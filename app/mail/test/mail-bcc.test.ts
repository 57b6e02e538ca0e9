import { ConsumerRunner } from '../../event/consumer-runner';
import { OutboxRelay } from '../../event/outbox-relay';
import { Kernel } from '../../kernel/tokens';
import { createTestApp, type TestApp } from '../../testing/test-app';
import type { FileMailTransport } from '../file-mail-transport';
import { SmtpMailTransport } from '../smtp-mail-transport';

describe('mail: blind copies', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ modules: [] });
  });
  afterAll(() => app?.close());

  it('keeps bcc through the sealed queue to the transport', async () => {
    await app.get(Kernel.Mail).queue({ to: 'ana@example.com', bcc: ['archive@example.com', 'sales@example.com'], subject: 'Order', text: 'thanks', html: '<p>thanks</p>' });
    await OutboxRelay.attach(app).flush();
    await new ConsumerRunner(app).run(['Comptoir_Framework::kernel_send_mail'], { stopWhenEmpty: true });
    const sent = await (app.get(Kernel.MailTransport) as FileMailTransport).list();
    expect(sent).toEqual([expect.objectContaining({ to: 'ana@example.com', bcc: ['archive@example.com', 'sales@example.com'], html: '<p>thanks</p>' })]);
  });

  it('hands bcc to SMTP as a blind copy (envelope only), with the text and HTML parts', async () => {
    const transport = new SmtpMailTransport({ host: 'smtp.example.com', port: 465, secure: true });
    const sendMail = jest.fn().mockResolvedValue({ messageId: '<1@example.com>' });
    (transport as unknown as { transporter: { sendMail: typeof sendMail } }).transporter.sendMail = sendMail;
    await transport.send({ from: 'shop@example.com', to: 'ana@example.com', bcc: ['archive@example.com'], subject: 'Order', text: 'thanks', html: '<p>thanks</p>' });
    expect(sendMail).toHaveBeenCalledWith(expect.objectContaining({ to: 'ana@example.com', bcc: ['archive@example.com'], text: 'thanks', html: '<p>thanks</p>' }));
    await transport.close();
  });
});
