import nodemailer, { type Transporter } from 'nodemailer';
import type { MailMessage, MailTransport, SentMail } from './mail-transport';

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (465); otherwise STARTTLS is required. */
  secure: boolean;
  user?: string;
  password?: string;
}

/** SMTP through nodemailer. Certificates are always verified and STARTTLS is mandatory on plain ports (TLS-04). */
export class SmtpMailTransport implements MailTransport {
  readonly name = 'smtp';
  private readonly transporter: Transporter;

  constructor(settings: SmtpSettings) {
    this.transporter = nodemailer.createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      requireTLS: !settings.secure,
      auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
      tls: { minVersion: 'TLSv1.2' },
    });
  }

  async send(message: MailMessage & { from: string }): Promise<SentMail> {
    const info = await this.transporter.sendMail({ from: message.from, to: message.to, bcc: message.bcc, subject: message.subject, text: message.text, html: message.html });
    return { messageId: String(info.messageId) };
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
