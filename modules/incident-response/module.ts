import { z } from 'zod';
import { defineModule } from '../../app';
import { IncidentResponseApi } from './api/tokens';
import { lockdownCommand } from './cli/lockdown.command';
import { lockdownMiddlewareDeclaration } from './http/lockdown.middleware';
import { incidentResponseMigrations } from './migrations/0001-create-lockdown-table';
import { customerEmailObserver, customerLoginObserver, customerPasswordObserver } from './observers/customer-credential.observers';
import { encryptedColumnsObserver } from './observers/encrypted-columns.observer';
import { customerAuthFailurePlugin } from './plugins/customer-auth-audit.plugin';
import { customerLockdownPlugins } from './plugins/customer-lockdown.plugins';
import { customerPiiReadPlugins } from './plugins/customer-pii-read.plugins';
import { LOCKDOWN_RESOURCE, lockdownRoutes } from './rest/lockdown.routes';
import { DbLockdown } from './service/lockdown-service';
import { RECORD_PII_READS_PATH } from './service/pii-read-recorder';

/**
 * Incident response (IR-01) and the customer half of the audit trail (LOG-01): records every read of customer personal data
 * (who, whose, through which API, from where), customer sign-ins and their failures and credential changes; the lockdown
 * switch. Separate from Comptoir_Security because it must see the customer and admin modules, which themselves build on
 * Comptoir_Security.
 */
export default defineModule({
  name: 'Comptoir_IncidentResponse',
  version: '1.0.0',
  description: 'Lockdown (IR-01) and customer-data audit (LOG-01)',
  sequence: ['Comptoir_Security', 'Comptoir_User', 'Comptoir_TwoFactorAuth', 'Comptoir_Customer'],
  services: (bind) => {
    bind(IncidentResponseApi.Lockdown).to(DbLockdown).inSingletonScope();
  },
  migrations: incidentResponseMigrations,
  plugins: [...customerLockdownPlugins, ...customerPiiReadPlugins, customerAuthFailurePlugin],
  observers: [customerLoginObserver, customerPasswordObserver, customerEmailObserver, encryptedColumnsObserver],
  http: { middleware: [lockdownMiddlewareDeclaration] },
  rest: lockdownRoutes,
  acl: [{ id: LOCKDOWN_RESOURCE, title: 'Security lockdown', parent: 'Comptoir_Security::security' }],
  config: {
    [RECORD_PII_READS_PATH]: { schema: z.boolean(), default: true, scopes: ['default'], label: 'Record every read of customer personal data' },
  },
  commands: [lockdownCommand],
});
