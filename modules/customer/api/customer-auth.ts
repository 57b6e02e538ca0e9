import type { GraphQLContext } from '../../../app';

/** The customer a request's bearer token stands for, once verified (signature, expiry, revocation, website). */
export interface AuthenticatedCustomer {
  customerId: number;
  websiteId: number;
  groupId: number;
  /** The token's `jti`, for audit trails. */
  tokenId: string;
  /** Set while the account is locked by failed sign-ins (epoch ms). */
  lockedUntil: number | null;
}

/**
 * Who is calling: the service other modules (sales, wishlist…) use to authenticate storefront requests. The token is verified
 * at most once per request (memoized in `ctx.extensions`), with one primary-key lookup for revocation.
 */
export interface CustomerAuth {
  /** The customer, or undefined for guests and for missing, invalid, expired or revoked tokens. */
  currentCustomer(ctx: GraphQLContext): Promise<AuthenticatedCustomer | undefined>;
  /**
   * The customer, or graphql-authorization "The current customer isn't authorized." for guests; a locked account gets
   * graphql-authentication "The account is locked." (as Magento's GetCustomer).
   */
  requireCustomer(ctx: GraphQLContext): Promise<AuthenticatedCustomer>;
  /** Verifies a raw token outside GraphQL (REST, websockets). `websiteId`, when given, must be the token's. */
  verifyToken(token: string, websiteId?: number): Promise<AuthenticatedCustomer | undefined>;
}
