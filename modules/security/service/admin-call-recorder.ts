import { Kernel, type ServiceLocator } from '../../../app';
import type { AuditScope } from '../api/audit-context';
import { SecurityApi } from '../api/tokens';

/**
 * One entry per admin REST write, with its outcome (LOG-01). The path is kept without its query string, ids included: that
 * is the resource. Refusals before a token was accepted are the admin module's to record (access refusals, sign-in failures).
 */
export async function recordAdminCall(locator: ServiceLocator, scope: AuditScope, method: string, url: string, status: number): Promise<void> {
  if (scope.actor.type !== 'admin') return;
  const path = url.split('?')[0].slice(0, 200);
  try {
    await locator.get(SecurityApi.AuditLog).record({
      actor: scope.actor,
      event: 'admin_api_call',
      outcome: status < 400 ? 'success' : 'failure',
      resource: { type: 'rest_route', id: `${method} ${path}` },
      details: { method, path, status },
    });
  } catch (err) {
    // The answer is already sent: nothing to roll back, but the gap must be visible to operators.
    locator.get(Kernel.Logger).error({ err, method, path }, 'could not record an admin call in the audit trail');
  }
}
