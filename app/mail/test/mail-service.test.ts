import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConsumerRunner } from '../../event/consumer-runner';
import { OUTBOX_TABLE } from '../../event/event-bus';
import { OutboxRelay } from '../../event/outbox-relay';
import { Kernel } from '../../kernel/tokens';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { FileMailTransport } from '../file-mail-transport';

describe('mail: queued after commit, sent by a consumer', () => {
  let app: TestApp;
  const deliver = async () => {
    await OutboxRelay.attach(app).flush();
    return new ConsumerRunner(app).run(['Comptoir_Framework::kernel_send_mail'], { stopWhenEmpty: true });
  };

  beforeAll(async () => {
    app = await createTestApp({ modules: [] });
  });
  afterAll(() => app?.close());

  it('uses the file transport under var/mail in developer mode', () => {
    const transport = app.get(Kernel.MailTransport);
    expect(transport).toBeInstanceOf(FileMailTransport);
  });

  it('sends nothing when the queuing transaction rolls back, and sends once after commit', async () => {
    const mail = app.get(Kernel.Mail);
    await expect(
      app.db.transaction(async () => {
        await mail.queue({ to: 'ana@example.com', subject: 'Never', text: 'rolled back' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await mail.queue({ to: 'ana@example.com', subject: 'Reset your password', text: 'https://localhost/reset?token=secret-token-123', storeCode: 'default' });
    await deliver();
    await deliver();
    const sent = await (app.get(Kernel.MailTransport) as FileMailTransport).list();
    expect(sent).toEqual([expect.objectContaining({ to: 'ana@example.com', subject: 'Reset your password', from: 'Comptoir Tests <tests@localhost>' })]);
    expect(sent[0].text).toContain('token=secret-token-123');
  });

  it('sends outside any transaction: no connection or lock is held while the transport writes or talks to the server', async () => {
    const transport = app.get(Kernel.MailTransport) as FileMailTransport;
    const inTransaction: boolean[] = [];
    const send = jest.spyOn(transport, 'send').mockImplementation(async () => {
      inTransaction.push(app.db.inTransaction());
      return { messageId: 'spied' };
    });
    try {
      await app.get(Kernel.Mail).queue({ to: 'ana@example.com', subject: 'Outside', text: 'no transaction' });
      expect(await deliver()).toBe(1);
    } finally {
      send.mockRestore();
    }
    expect(inTransaction).toEqual([false]);
  });

  it('creates var/mail on the first message, and again if it was removed meanwhile', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-mail-'));
    const transport = new FileMailTransport(path.join(dir, 'mail'), app.logger);
    try {
      await transport.send({ to: 'a@example.com', subject: 'One', text: '1', from: 'shop@example.com' });
      fs.rmSync(path.join(dir, 'mail'), { recursive: true });
      await transport.send({ to: 'b@example.com', subject: 'Two', text: '2', from: 'shop@example.com' });
      expect((await transport.list()).map((m) => m.subject)).toEqual(['Two']);
      expect(fs.statSync(path.join(dir, 'mail')).mode & 0o777).toBe(0o700);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the message encrypted in the outbox (reset links and personal data never sit there in clear)', async () => {
    await app.get(Kernel.Mail).queue({ to: 'leo@example.com', subject: 'Hello', text: 'token=another-secret' });
    const rows = await app.db.knex(OUTBOX_TABLE).where({ event_name: 'mail_queued' }).select('payload');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.payload).not.toMatch(/secret|leo@example\.com|ana@example\.com/);
    await deliver();
  });
});
