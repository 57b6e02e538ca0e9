import { UserInternal } from '../model/user-internal-tokens';
import crypto from 'node:crypto';
import { inject, injectable } from 'inversify';
import { SignJWT, decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';
import { Kernel, type Clock, type Database } from '../../../app';
import type { EnvConfig } from '../../../app/kernel/env';
import { SecurityApi, type AuditLog, type RequestActor } from '../../security/api';
import type { AdminTokenCheck, AdminTokenProblem, AdminTokenService, IssuedAdminToken } from '../api/admin-token';
import { AdminTokenRepository } from '../model/admin-token-repository';
import { AdminUserRepository, ms } from '../model/admin-user-repository';
import { ADMIN_AUDIENCE, ADMIN_USER_TYPE_ID, JWT_ISSUER } from './admin-jwt';
import { JwtKeyRing } from './jwt-keys';
import { UserSettings } from './user-settings';

/**
 * last_used_at is written at most this often per token: the idle timeout then ends between 870 and 900 s of inactivity,
 * never later, and a busy admin costs one write per half minute instead of one per request.
 */
const TOUCH_INTERVAL_MS = 30_000;

const MESSAGES: Record<AdminTokenProblem, string> = {
  invalid: 'The admin token is invalid: sign in again.',
  not_admin: 'This token is not an admin token.',
  expired: 'The admin token has expired: sign in again.',
  idle: 'The admin session has expired after a period of inactivity: sign in again.',
  revoked: 'The admin token has been revoked: sign in again.',
  inactive: 'The admin account is inactive or locked.',
};

@injectable()
export class JwtAdminTokenService implements AdminTokenService {
  private readonly keys: JwtKeyRing;

  constructor(
    @inject(Kernel.Env) env: EnvConfig,
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.Clock) private readonly clock: Clock,
    @inject(SecurityApi.AuditLog) private readonly audit: AuditLog,
    @inject(UserInternal.Tokens) private readonly tokens: AdminTokenRepository,
    @inject(UserInternal.Users) private readonly users: AdminUserRepository,
    @inject(UserInternal.Settings) private readonly settings: UserSettings,
  ) {
    this.keys = new JwtKeyRing(env);
  }

  async issue(userId: number, proof: { provider: string }, actor: RequestActor): Promise<IssuedAdminToken> {
    const now = this.clock.now().getTime();
    const expiresAt = now + (await this.settings.tokenLifetimeMs());
    const tokenId = crypto.randomUUID();
    const key = this.keys.signing;
    const token = await new SignJWT({ utypid: ADMIN_USER_TYPE_ID })
      .setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: 'JWT' })
      .setIssuer(JWT_ISSUER)
      .setAudience(ADMIN_AUDIENCE)
      .setSubject(String(userId))
      .setJti(tokenId)
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor(expiresAt / 1000))
      .sign(await key.cryptoKey);
    await this.db.transaction(async () => {
      const user = await this.users.lockRow(userId);
      if (!user) throw new Error(`Admin user ${userId} does not exist`);
      await this.tokens.insert({ token_id: tokenId, user_id: userId, issued_at: now, expires_at: expiresAt, last_used_at: now, provider: proof.provider, ip: actor.ip ?? null });
      await this.users.update(userId, { last_login_at: now, lognum: Number(user.lognum) + 1 });
      await this.audit.record({
        actor: { ...actor, type: 'admin', id: userId, name: user.username },
        event: 'admin_login',
        outcome: 'success',
        resource: { type: 'admin_user', id: userId },
        details: { provider: proof.provider, tokenRef: tokenId.slice(0, 8) },
      });
    });
    return { token, tokenId, expiresAt: new Date(expiresAt) };
  }

  async check(token: string): Promise<AdminTokenCheck> {
    const claims = await this.verifySignature(token);
    if ('problem' in claims) return this.fail(claims.problem);
    const session = await this.tokens.session(claims.jti);
    if (!session || String(session.user_id) !== claims.sub) return this.fail('invalid');
    const now = this.clock.now().getTime();
    if (session.revoked_at !== null) return this.fail('revoked');
    if (now >= Number(session.expires_at)) return this.fail('expired');
    const lastUsed = Number(session.last_used_at);
    if (now - lastUsed > (await this.settings.sessionLifetimeMs())) return this.fail('idle');
    const lockedUntil = ms(session.lock_expires_at);
    if (!Number(session.is_active) || (lockedUntil !== null && lockedUntil > now)) return this.fail('inactive');
    if (now - lastUsed >= TOUCH_INTERVAL_MS) await this.tokens.touch(claims.jti, now);
    return {
      ok: true,
      principal: { type: 'admin', id: Number(session.user_id), username: session.username, tokenId: claims.jti, roleId: session.role_id === null ? null : Number(session.role_id) },
    };
  }

  async revoke(tokenId: string, actor: RequestActor): Promise<void> {
    await this.db.transaction(async () => {
      const count = await this.tokens.revoke(tokenId, this.clock.now().getTime());
      await this.audit.record({ actor, event: 'admin_token_revoke', outcome: count ? 'success' : 'failure', resource: { type: 'admin_token', id: tokenId.slice(0, 8) } });
    });
  }

  async revokeAllForUser(userId: number, actor: RequestActor, reason: string): Promise<number> {
    return this.db.transaction(async () => {
      const count = await this.tokens.revokeAllForUser(userId, this.clock.now().getTime());
      await this.audit.record({ actor, event: 'admin_token_revoke', outcome: 'success', resource: { type: 'admin_user', id: userId }, details: { reason, count } });
      return count;
    });
  }

  async revokeAll(actor: RequestActor, reason: string): Promise<number> {
    return this.db.transaction(async () => {
      const count = await this.tokens.revokeAll(this.clock.now().getTime());
      await this.audit.record({ actor, event: 'admin_token_revoke', outcome: 'success', resource: { type: 'admin_token', id: 'all' }, details: { reason, count } });
      return count;
    });
  }

  /** Signature and claims. A well-signed token for another audience (a customer's) is told apart from garbage. */
  private async verifySignature(token: string): Promise<{ sub: string; jti: string } | { problem: AdminTokenProblem }> {
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch {
      return { problem: 'invalid' };
    }
    const key = this.keys.find(kid);
    if (!key) return { problem: 'invalid' };
    try {
      const { payload } = await jwtVerify(token, await key.cryptoKey, { algorithms: ['HS256'], currentDate: this.clock.now() });
      const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
      if (payload.iss !== JWT_ISSUER || !audiences.includes(ADMIN_AUDIENCE)) return { problem: 'not_admin' };
      if (typeof payload.sub !== 'string' || typeof payload.jti !== 'string') return { problem: 'invalid' };
      return { sub: payload.sub, jti: payload.jti };
    } catch (err) {
      return { problem: err instanceof joseErrors.JWTExpired ? 'expired' : 'invalid' };
    }
  }

  private fail(problem: AdminTokenProblem): AdminTokenCheck {
    return { ok: false, problem, message: MESSAGES[problem] };
  }
}
