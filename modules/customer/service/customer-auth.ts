import { inject, injectable } from 'inversify';
import type { GraphQLContext } from '../../../app';
import { AuthenticationError, AuthorizationError } from '../../../app';
import type { AuthenticatedCustomer, CustomerAuth } from '../api/customer-auth';
import { CustomerInternal } from '../model/customer-internal-tokens';
import { toBool, toMillis } from '../model/customer-rows';
import type { CustomerStore } from '../model/customer-store';
import { ACCOUNT_LOCKED, type CustomerAuthenticator } from './customer-authenticator';
import type { CustomerJwt } from './customer-jwt';

const MEMO_KEY = 'Comptoir_Customer.currentCustomer';
export const NOT_AUTHORIZED = "The current customer isn't authorized.";

/**
 * Per request: the JWT is verified (signature, expiry: no I/O), then one primary-key lookup of customer_entity compares the
 * token's version with the stored one, which revocation bumps. No revocation state lives in process memory, so a revocation
 * made by any process holds at once in all of them. The result is memoized for the rest of the request.
 */
@injectable()
export class JwtCustomerAuth implements CustomerAuth {
  constructor(
    @inject(CustomerInternal.Jwt) private readonly jwt: CustomerJwt,
    @inject(CustomerInternal.CustomerStore) private readonly customers: CustomerStore,
    @inject(CustomerInternal.Authenticator) private readonly authenticator: CustomerAuthenticator,
  ) {}

  currentCustomer(ctx: GraphQLContext): Promise<AuthenticatedCustomer | undefined> {
    let pending = ctx.extensions.get(MEMO_KEY) as Promise<AuthenticatedCustomer | undefined> | undefined;
    if (!pending) {
      pending = ctx.bearerToken ? this.verifyToken(ctx.bearerToken, ctx.store.websiteId) : Promise.resolve(undefined);
      ctx.extensions.set(MEMO_KEY, pending);
    }
    return pending;
  }

  async requireCustomer(ctx: GraphQLContext): Promise<AuthenticatedCustomer> {
    const customer = await this.currentCustomer(ctx);
    if (!customer) throw new AuthorizationError(NOT_AUTHORIZED);
    if (customer.lockedUntil !== null) throw new AuthenticationError(ACCOUNT_LOCKED);
    return customer;
  }

  async verifyToken(token: string, websiteId?: number): Promise<AuthenticatedCustomer | undefined> {
    const claims = await this.jwt.verify(token);
    if (!claims) return undefined;
    // Accounts belong to a website: a token is worth nothing in another website's store views.
    if (websiteId !== undefined && claims.websiteId !== websiteId) return undefined;
    const row = await this.customers.findAuthRow(claims.customerId);
    if (!row || !toBool(row.is_active) || Number(row.token_version) !== claims.version || Number(row.website_id) !== claims.websiteId) return undefined;
    return {
      customerId: claims.customerId,
      websiteId: claims.websiteId,
      groupId: Number(row.group_id),
      tokenId: claims.tokenId,
      lockedUntil: this.authenticator.isLocked(row) ? toMillis(row.lock_expires) : null,
    };
  }
}
