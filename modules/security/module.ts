import { z } from 'zod';
import { defineModule, type SetupContext } from '../../app';
import { SecurityApi } from './api/tokens';
import { RETENTION_PATH, auditPruneCommand } from './cli/audit-prune.command';
import { auditQueryCommand } from './cli/audit-query.command';
import { auditVerifyCommand } from './cli/audit-verify.command';
import { auditContextMiddlewareDeclaration } from './http/audit-context.middleware';
import { configChangeObserver } from './observers/config-change.observer';
import { adminAuthorizerPlugin } from './plugins/admin-authorizer.plugin';
import { securityMigrations } from './migrations/0001-create-audit-tables';
import { AUDIT_RESOURCE, auditRoutes } from './rest/audit.routes';
import { HashChainedAuditLog } from './service/hash-chained-audit-log';

async function sealAuditGenesis({ app }: SetupContext): Promise<void> {
  const log = app.get(SecurityApi.AuditLog);
  if (log instanceof HashChainedAuditLog) await log.sealGenesis();
}

/**
 * Security: the audit trail every sensitive action lands in (LOG-02/03/04): append-only, hash-chained entries with a keyed MAC,
 * secrets masked, control characters escaped; `security:audit:verify` detects a modified or deleted entry. It also opens the
 * request-scoped audit context (who, from where, through which API), records admin REST writes and configuration changes,
 * and answers `security:audit:query`.
 */
export default defineModule({
  name: 'Comptoir_Security',
  version: '1.0.0',
  // The store scopes are the ground every security check stands on (secure URLs per store view); the audit trail comes after them.
  sequence: ['Comptoir_Store'],
  description: 'Audit trail (hash-chained, append-only) and security tooling',
  services: (bind) => {
    bind(SecurityApi.AuditLog).to(HashChainedAuditLog).inSingletonScope();
  },
  migrations: securityMigrations,
  rest: auditRoutes,
  acl: [
    { id: 'Comptoir_Security::security', title: 'Security' },
    { id: AUDIT_RESOURCE, title: 'Audit Trail', parent: 'Comptoir_Security::security' },
  ],
  config: {
    [RETENTION_PATH]: { schema: z.coerce.number().int().min(1).max(120), default: 12, scopes: ['default'], label: 'Audit trail retention (months)' },
  },
  commands: [auditVerifyCommand, auditPruneCommand, auditQueryCommand],
  observers: [configChangeObserver],
  plugins: [adminAuthorizerPlugin],
  http: { middleware: [auditContextMiddlewareDeclaration] },
  setup: { install: sealAuditGenesis, upgrade: sealAuditGenesis },
});
