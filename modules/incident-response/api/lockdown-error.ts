import { AuthorizationError } from '../../../app';
import { LOCKDOWN_MESSAGE } from './lockdown';

/**
 * What a customer-data call gets during a lockdown. GraphQL: category `graphql-authorization` (the caller may not have this
 * now; Magento has no "unavailable" category). REST routes under /V1/customers and /V1/addresses are answered 503 with
 * Retry-After before they run; any other REST path reaching customer data gets this error as a 403.
 */
export class LockdownError extends AuthorizationError {
  constructor() {
    super(LOCKDOWN_MESSAGE);
    this.name = 'LockdownError';
  }
}
