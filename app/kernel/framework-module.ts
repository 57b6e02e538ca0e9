import path from 'node:path';
import type { LoadedModule } from '../module/manifest';
import { defineModule } from '../module/manifest';
import { frameworkMigrations } from '../db/framework-migrations';
import { Kernel } from './tokens';

export const FRAMEWORK_MODULE = 'Comptoir_Framework';

/** The kernel's own tables (config, outbox, queue) are migrated like a module's, before every module. */
export const frameworkModule: LoadedModule = {
  manifest: defineModule({
    name: FRAMEWORK_MODULE,
    version: '1.0.0',
    migrations: frameworkMigrations,
    observers: [
      {
        event: 'mail_queued',
        name: 'kernel_send_mail',
        async: true,
        // Sending waits on the mail server (or the disk): outside any transaction, so no connection or lock is held meanwhile.
        transaction: false,
        handler: async (mail, ctx) => void (await ctx.get(Kernel.Mail).deliver(mail)),
      },
    ],
  }),
  dir: path.resolve(__dirname, '..'),
  source: 'modules',
};
