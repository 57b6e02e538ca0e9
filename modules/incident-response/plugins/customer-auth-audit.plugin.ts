import { Kernel, type PluginDeclaration } from '../../../app';
import { CustomerApi } from '../../customer/api';
import { SecurityApi, currentAuditScope } from '../../security/api';
import { LockdownError } from '../api/lockdown-error';

/**
 * LOG-01 auth failures: a refused customer sign-in is recorded with the client's address and the blind index of the email
 * it tried (the same keyed hash customer_entity.email_hash holds, so an investigator can match it to an account without the
 * trail holding the address itself); never the password (LOG-03). Successes are recorded from `customer_login`.
 */
export const customerAuthFailurePlugin: PluginDeclaration = {
  name: 'incident_response_audit_customer_login_failure',
  target: CustomerApi.TokenService,
  method: 'createCustomerAccessToken',
  around: async (_subject: unknown, proceed: (...args: unknown[]) => Promise<string>, email: string, password: string, websiteId: number) => {
    try {
      return await proceed(email, password, websiteId);
    } catch (err) {
      const scope = currentAuditScope();
      if (scope && !(err instanceof LockdownError)) {
        const normalized = typeof email === 'string' ? email.trim().toLowerCase() : '';
        await scope.locator.get(SecurityApi.AuditLog).record({
          actor: scope.actor,
          event: 'customer_login_failure',
          outcome: 'failure',
          resource: { type: 'customer_email_hash', id: scope.locator.get(Kernel.Encryptor).hmac(normalized, 'customer_email') },
          details: { website_id: websiteId, reason: (err as Error).name },
        });
      }
      throw err;
    }
  },
};
