import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fsCall } from '../kernel/fs-call';
import type { Logger } from '../log/logger';
import type { MailMessage, MailTransport, SentMail } from './mail-transport';

/** Developer mode: each message becomes a JSON file under var/mail/ (and a log line), so nothing leaves the machine. */
export class FileMailTransport implements MailTransport {
  readonly name = 'file';

  constructor(
    private readonly dir: string,
    private readonly logger: Logger,
  ) {}

  /** Set once the folder exists: it is created on the first message (and again if someone removed it meanwhile). */
  private folderReady = false;

  async send(message: MailMessage & { from: string }): Promise<SentMail> {
    const messageId = `${Date.now()}-${crypto.randomBytes(6).toString('hex')}`;
    const file = path.join(this.dir, `${messageId}.json`);
    const body = JSON.stringify({ messageId, date: new Date().toISOString(), ...message }, null, 2);
    if (!this.folderReady) await this.createFolder();
    try {
      await fsCall((done) => fs.writeFile(file, body, { mode: 0o600 }, done));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      await this.createFolder();
      await fsCall((done) => fs.writeFile(file, body, { mode: 0o600 }, done));
    }
    this.logger.info({ messageId, to: message.to, subject: message.subject, file }, 'mail written to file');
    return { messageId };
  }

  private async createFolder(): Promise<void> {
    await fs.promises.mkdir(this.dir, { recursive: true, mode: 0o700 });
    this.folderReady = true;
  }

  /** Messages written so far, oldest first (tests and developers read them). */
  async list(): Promise<Array<MailMessage & { messageId: string; from: string }>> {
    if (!fs.existsSync(this.dir)) return [];
    const files = (await fs.promises.readdir(this.dir)).filter((f) => f.endsWith('.json')).sort();
    return Promise.all(files.map(async (f) => JSON.parse(await fs.promises.readFile(path.join(this.dir, f), 'utf8'))));
  }
}
