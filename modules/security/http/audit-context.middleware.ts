import type { RequestHandler } from 'express';
import type { MiddlewareDeclaration, ServiceLocator } from '../../../app';
import { runInAuditScope, type AuditScope } from '../api/audit-context';
import { recordAdminCall } from '../service/admin-call-recorder';

/**
 * Opens the audit scope of each API request (first of the `api` stage, right before GraphQL and REST), so services deep inside
 * know the client's address and channel and, once a token is checked, the principal. Admin writes are recorded with their
 * outcome when the answer is sent (LOG-01 "every admin action").
 */
export function auditContextMiddleware(locator: ServiceLocator): RequestHandler {
  return (req, res, next) => {
    const channel: 'graphql' | 'rest' = req.path.startsWith('/graphql') ? 'graphql' : 'rest';
    const scope: AuditScope = { actor: { type: 'anonymous', ip: req.ip ?? null, channel }, locator, recorded: new Set() };
    if (channel === 'rest' && req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS') {
      res.on('finish', () => void recordAdminCall(locator, scope, req.method, req.originalUrl, res.statusCode));
    }
    runInAuditScope(scope, next);
  };
}

export const auditContextMiddlewareDeclaration: MiddlewareDeclaration = {
  name: 'security_audit_context',
  stage: 'api',
  sortOrder: -1000,
  create: auditContextMiddleware,
};
