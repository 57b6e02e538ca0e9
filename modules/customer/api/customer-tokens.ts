/**
 * Customer API tokens: JWT (HS256, the last key of etc/env.json auth.jwtKeys signs, every key verifies), expiring after
 * webapi/jwtauth/customer_expiration minutes. Revocation bumps a per-customer token version kept in customer_entity, so it
 * holds at once in every process that reads the database.
 */
export interface CustomerTokenService {
  /** Checks the credentials (lockout included) and issues a token; dispatches customer_login. */
  createCustomerAccessToken(email: string, password: string, websiteId: number): Promise<string>;
  /** Revokes every token issued so far to the customer. */
  revokeCustomerAccessTokens(customerId: number): Promise<void>;
  /** Revokes every customer token of the installation (incident response). */
  revokeAllCustomerAccessTokens(): Promise<void>;
}
