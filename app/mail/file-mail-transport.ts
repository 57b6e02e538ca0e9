import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log/logger';
import type { MailMessage, MailTransport, SentMail } from './mail-transport';

/** Developer mode: each message becomes a JSON file under var/mail/ (and a log line), so nothing leaves the machine. */
export class FileMailTransport implements MailTransport {
  readonly name = 'file';

  constructor(
    private readonly dir: string,
    private readonly logger: Logger,
  ) {}

  async send(message: MailMessage & { from: string }): Promise<SentMail> {
    const messageId = `${Date.now()}-${crypto.randomBytes(6).toString('hex')}`;
    await fs.promises.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const file = path.join(this.dir, `${messageId}.json`);
    await fs.promises.writeFile(file, JSON.stringify({ messageId, date: new Date().toISOString(), ...message }, null, 2), { mode: 0o600 });
    this.logger.info({ messageId, to: message.to, subject: message.subject, file }, 'mail written to file');
    return { messageId };
  }

  /** Messages written so far, oldest first (tests and developers read them). */
  async list(): Promise<Array<MailMessage & { messageId: string; from: string }>> {
    if (!fs.existsSync(this.dir)) return [];
    const files = (await fs.promises.readdir(this.dir)).filter((f) => f.endsWith('.json')).sort();
    return Promise.all(files.map(async (f) => JSON.parse(await fs.promises.readFile(path.join(this.dir, f), 'utf8'))));
  }
}
