import type { PluginDeclaration } from '../../../app';
import type { Token } from '../../../app/di/token';
import { CustomerApi } from '../../customer/api';
import { currentAuditScope } from '../../security/api';
import { LockdownError } from '../api/lockdown-error';
import { IncidentResponseApi } from '../api/tokens';

type Mode = 'refuse' | 'guest';

/**
 * IR-01: while a lockdown is on, every customer-data service called for an API request refuses (LockdownError), whichever
 * resolver or route calls it; `currentCustomer` answers "guest" instead, so pages that merely personalize (catalog prices)
 * keep working. Calls outside a request (the lockdown itself revoking tokens, setup, consumers) are not refused.
 */
function guard(target: Token<unknown>, method: string, mode: Mode = 'refuse'): PluginDeclaration {
  return {
    name: `incident_response_lockdown_${String(target.description).replace(/\W+/g, '_')}_${method}`,
    target,
    method,
    sortOrder: -100,
    around: (_subject: unknown, proceed: (...args: unknown[]) => unknown, ...args: unknown[]) => {
      const scope = currentAuditScope();
      if (!scope) return proceed(...args);
      return scope.locator
        .get(IncidentResponseApi.Lockdown)
        .isActive()
        .then((active) => {
          if (!active) return proceed(...args);
          if (mode === 'guest') return undefined;
          throw new LockdownError();
        });
    },
  };
}

export const customerLockdownPlugins: PluginDeclaration[] = [
  ...['getById', 'getByEmail', 'search', 'listAddresses', 'listAddressesOf', 'pageAddresses', 'getAddress', 'getCustomerAddress'].map((m) => guard(CustomerApi.CustomerRepository, m)),
  ...['createAccount', 'updatePersonalData', 'changeEmail', 'changePassword', 'adminUpdate', 'deleteAccount', 'emailExists'].map((m) => guard(CustomerApi.AccountManagement, m)),
  ...['create', 'update', 'delete'].map((m) => guard(CustomerApi.AddressManagement, m)),
  guard(CustomerApi.TokenService, 'createCustomerAccessToken'),
  ...['requestReset', 'resetPassword'].map((m) => guard(CustomerApi.PasswordReset, m)),
  guard(CustomerApi.CustomerAuth, 'requireCustomer'),
  guard(CustomerApi.CustomerAuth, 'verifyToken'),
  guard(CustomerApi.CustomerAuth, 'currentCustomer', 'guest'),
];
