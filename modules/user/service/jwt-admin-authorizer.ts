import type { Request } from 'express';
import { inject, injectable } from 'inversify';
import type { AdminAuthorizer, AuthorizationResult } from '../../../app/http/admin-authorizer';
import { bearerTokenOf } from '../../../app/http/bearer-token';
import type { RouteResource } from '../../../app/http/rest-route';
import { SecurityApi, type AuditLog } from '../../security/api';
import { ACL_MY_ACCOUNT, type AclService } from '../api/acl';
import type { AdminTokenService } from '../api/admin-token';
import { UserApi } from '../api/tokens';

const notAuthorized = (resource: string) => `The consumer isn't authorized to access ${resource}.`;

/**
 * Replaces the kernel's deny-all authorizer (API-02): an admin route needs a valid admin token (401 without one, or with an
 * invalid, expired, idle or revoked one) whose role grants the route's resource (403 otherwise; a customer token is 403 too).
 * `self` routes belong to the customer module, which can wrap this method with a plugin; until then they are refused.
 */
@injectable()
export class JwtAdminAuthorizer implements AdminAuthorizer {
  constructor(
    @inject(UserApi.AdminTokenService) private readonly tokens: AdminTokenService,
    @inject(UserApi.Acl) private readonly acl: AclService,
    @inject(SecurityApi.AuditLog) private readonly audit: AuditLog,
  ) {}

  async authorize(req: Request, resource: RouteResource): Promise<AuthorizationResult> {
    if (resource === 'anonymous') return { allowed: true };
    if (resource === 'self') return { allowed: false, status: 401, message: notAuthorized(resource) };
    const token = bearerTokenOf(req.headers.authorization);
    if (!token) return { allowed: false, status: 401, message: notAuthorized(resource) };
    const check = await this.tokens.check(token);
    if (!check.ok) {
      return check.problem === 'not_admin'
        ? { allowed: false, status: 403, message: notAuthorized(resource) }
        : { allowed: false, status: 401, message: check.message };
    }
    const { principal } = check;
    if (resource === ACL_MY_ACCOUNT || (await this.acl.isAllowed(principal.roleId, resource))) return { allowed: true, principal };
    await this.audit.record({
      actor: { type: 'admin', id: principal.id, name: principal.username, ip: req.ip ?? null, channel: 'rest' },
      event: 'admin_access_denied',
      outcome: 'failure',
      resource: { type: 'acl_resource', id: resource },
      details: { method: req.method, path: req.originalUrl.split('?')[0] },
    });
    return { allowed: false, status: 403, message: notAuthorized(resource) };
  }
}
