import type { Encryptor } from '../crypto/encryptor';
import type { EventBus } from '../event/event-bus';
import type { MailMessage, MailTransport, SentMail } from './mail-transport';

export interface QueuedMail {
  /** The message, encrypted: mails carry reset links and personal data, and the outbox is a database table. */
  sealed: string;
}

/**
 * Queues mail after commit: `queue()` dispatches `mail_queued` in the caller's transaction (nothing is sent if it rolls back); the
 * kernel's async observer sends it through the transport, at least once.
 */
export class MailService {
  constructor(
    private readonly events: EventBus,
    private readonly encryptor: Encryptor,
    private readonly transport: () => MailTransport,
    private readonly defaultFrom: string,
  ) {}

  async queue(message: MailMessage): Promise<void> {
    await this.events.dispatch('mail_queued', { sealed: this.encryptor.encrypt(JSON.stringify(message), 'mail') });
  }

  /** Sends at once, bypassing the queue (CLI tools, tests). */
  async sendNow(message: MailMessage): Promise<SentMail> {
    return this.transport().send({ ...message, from: message.from ?? this.defaultFrom });
  }

  /** The consumer side of `mail_queued`. */
  async deliver(queued: QueuedMail): Promise<SentMail> {
    const message = JSON.parse(this.encryptor.decrypt(queued.sealed, 'mail')) as MailMessage;
    return this.sendNow(message);
  }
}
