import { Kernel, type PluginDeclaration } from '../../../app';
import type { AuthorizationResult } from '../../../app/http/admin-authorizer';
import { identifyAuditActor } from '../api/audit-context';

function identify(result: AuthorizationResult): AuthorizationResult {
  if (result.allowed && result.principal && (result.principal.type === 'admin' || result.principal.type === 'customer')) {
    const p = result.principal;
    identifyAuditActor({ type: p.type as 'admin' | 'customer', id: p.id, name: typeof p.username === 'string' ? p.username : null });
  }
  return result;
}

/**
 * After the REST authorizer accepted a token, the request's audit scope learns who is calling: entries written while the
 * handler runs (customer reads, admin writes) then name the admin or customer instead of "anonymous".
 */
export const adminAuthorizerPlugin: PluginDeclaration = {
  name: 'security_audit_identify_rest_principal',
  target: Kernel.AdminAuthorizer,
  method: 'authorize',
  after: (_subject: unknown, result: AuthorizationResult | Promise<AuthorizationResult>) =>
    result instanceof Promise ? result.then(identify) : identify(result),
};
