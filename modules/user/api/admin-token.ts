import type { RequestActor } from '../../security/api';

/** What the authorizer attaches to a REST request made with a valid admin token. */
export interface AdminPrincipal {
  type: 'admin';
  id: number;
  username: string;
  tokenId: string;
  roleId: number | null;
  [key: string]: unknown;
}

export function isAdminPrincipal(principal: unknown): principal is AdminPrincipal {
  return typeof principal === 'object' && principal !== null && (principal as { type?: unknown }).type === 'admin' && typeof (principal as { tokenId?: unknown }).tokenId === 'string';
}

export interface IssuedAdminToken {
  token: string;
  tokenId: string;
  expiresAt: Date;
}

/** Why a token was refused, for a clear 401 message. */
export type AdminTokenProblem = 'invalid' | 'not_admin' | 'expired' | 'idle' | 'revoked' | 'inactive';

export type AdminTokenCheck =
  | { ok: true; principal: AdminPrincipal }
  | { ok: false; problem: AdminTokenProblem; message: string };

/**
 * Admin JWTs (HS256, env.auth.jwtKeys), each backed by an `admin_token` row so idle timeout, absolute lifetime and revocation
 * hold across processes (AUTH-04/05).
 *
 * `issue` must only be called once a second factor has been verified (AUTH-03): the two-factor module is its only caller.
 */
export interface AdminTokenService {
  issue(userId: number, proof: { provider: string }, actor: RequestActor): Promise<IssuedAdminToken>;
  check(token: string): Promise<AdminTokenCheck>;
  revoke(tokenId: string, actor: RequestActor): Promise<void>;
  /** Password change, lock, 2FA reset, deactivation. Returns how many tokens were revoked. */
  revokeAllForUser(userId: number, actor: RequestActor, reason: string): Promise<number>;
  /** Every admin token at once (IR-01 lockdown). Returns how many were revoked. */
  revokeAll(actor: RequestActor, reason: string): Promise<number>;
}

/**
 * AUTH-05 step-up: sensitive operations (creating an admin, resetting 2FA, exporting customers, changing payment settings)
 * need the caller to have re-entered their password and a second factor within the last few minutes (admin/security/step_up_lifetime).
 */
export interface StepUp {
  /** Throws AuthorizationError (403) naming the step-up route unless the principal's token was stepped up recently. */
  require(principal: unknown): Promise<void>;
  /** Marks the token as freshly re-authenticated: only the two-factor module calls this, after password + second factor. */
  record(tokenId: string): Promise<void>;
}

export const STEP_UP_ROUTE = 'POST /V1/tfa/step-up';
