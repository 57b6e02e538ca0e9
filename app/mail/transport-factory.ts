import path from 'node:path';
import type { EnvConfig } from '../kernel/env';
import { KernelError } from '../kernel/errors';
import type { ProjectPaths } from '../kernel/paths';
import type { Logger } from '../log/logger';
import { FileMailTransport } from './file-mail-transport';
import type { MailTransport } from './mail-transport';
import { SmtpMailTransport } from './smtp-mail-transport';

/** SMTP when etc/env.json `mail.smtp` is set (or `mail.transport` says so); otherwise files under var/mail/. */
export function createMailTransport(env: EnvConfig, paths: ProjectPaths, logger: Logger): MailTransport {
  const wanted = env.mail.transport ?? (env.mail.smtp ? 'smtp' : 'file');
  if (wanted === 'smtp') {
    if (!env.mail.smtp) throw new KernelError('mail.transport is smtp but etc/env.json has no mail.smtp settings', 'MAIL_CONFIG');
    return new SmtpMailTransport(env.mail.smtp);
  }
  if (env.mode === 'production') logger.warn('production mode without SMTP: mail is written to var/mail/ and not delivered');
  return new FileMailTransport(path.join(paths.var, 'mail'), logger);
}
