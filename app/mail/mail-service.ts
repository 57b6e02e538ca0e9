import type { Encryptor } from '../crypto/encryptor';
import type { EventBus } from '../event/event-bus';
import type { MailHold } from './mail-hold';
import type { MailMessage, MailTransport, SentMail } from './mail-transport';

export interface QueuedMail {
  /** The message, encrypted: mails carry reset links and personal data, and the outbox is a database table. */
  sealed: string;
}

/**
 * Queues mail after commit: `queue()` dispatches `mail_queued` in the caller's transaction (nothing is sent if it rolls back); the
 * kernel's async observer sends it through the transport, at least once. Async observers, which run after their commit
 * already, `send()` directly.
 */
export class MailService {
  constructor(
    private readonly events: EventBus,
    private readonly encryptor: Encryptor,
    private readonly transport: () => MailTransport,
    private readonly defaultFrom: string,
    /** The pause switch (IR-01); without one, mail is never held. */
    readonly hold?: MailHold,
  ) {}

  async queue(message: MailMessage): Promise<void> {
    await this.events.dispatch('mail_queued', { sealed: this.encryptor.encrypt(JSON.stringify(message), 'mail') });
  }

  /** Sends at once, bypassing the queue (CLI tools, tests). */
  async sendNow(message: MailMessage): Promise<SentMail> {
    return this.transport().send({ ...message, from: message.from ?? this.defaultFrom });
  }

  /**
   * The consumer side of `mail_queued`. While the hold switch is on, the message is parked (still sealed) instead of sent,
   * unless it is a `security` message (alerts to the people handling the incident); answers undefined then.
   */
  async deliver(queued: QueuedMail): Promise<SentMail | undefined> {
    const message = JSON.parse(this.encryptor.decrypt(queued.sealed, 'mail')) as MailMessage;
    return this.sendHeld(message, () => queued.sealed);
  }

  /**
   * Sends a message from work that already runs after its transaction committed and is retried until it succeeds (an async
   * observer, at least once), with the hold switch honored as deliver() does: queueing it would only add a second hop through
   * the outbox and the queue to the same effect. Answers undefined when the message was parked.
   */
  async send(message: MailMessage): Promise<SentMail | undefined> {
    return this.sendHeld(message, () => this.encryptor.encrypt(JSON.stringify(message), 'mail'));
  }

  private async sendHeld(message: MailMessage, sealed: () => string): Promise<SentMail | undefined> {
    if (this.hold && message.category !== 'security' && (await this.hold.state()).held) {
      await this.hold.park(sealed());
      return undefined;
    }
    return this.sendNow(message);
  }

  /** Holds every outgoing message (but `security` ones) from now on, in every process. */
  async pause(reason: string): Promise<void> {
    if (!this.hold) throw new Error('This mail service has no hold switch');
    await this.hold.hold(reason);
  }

  /** Lifts the hold and puts the parked messages back in the queue; returns how many. */
  async resume(): Promise<number> {
    if (!this.hold) return 0;
    return this.hold.release((sealed) => this.events.dispatch('mail_queued', { sealed }));
  }
}
