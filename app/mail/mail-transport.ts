export interface MailMessage {
  to: string | string[];
  /** Defaults to the configured sender (etc/env.json mail.from). */
  from?: string;
  /** Blind copies: sent with the message but never listed in its headers. */
  bcc?: string[];
  subject: string;
  text: string;
  html?: string;
  /** Store view whose locale the message was written in, for traceability. */
  storeCode?: string;
  /** `security`: alerts for the people handling an incident, still sent while outgoing mail is held (IR-01). Default: held. */
  category?: 'security';
}

export interface SentMail {
  messageId: string;
}

/** Where mail goes: a file (developer mode), or SMTP when configured. Modules never send directly: they queue through MailService. */
export interface MailTransport {
  readonly name: string;
  send(message: MailMessage & { from: string }): Promise<SentMail>;
  close?(): Promise<void>;
}
