import crypto from 'node:crypto';
import { inject, injectable } from 'inversify';
import { SignJWT, decodeProtectedHeader, jwtVerify } from 'jose';
import { Kernel, type Clock } from '../../../app';
import { AuthenticationError } from '../../../app';
import type { EnvConfig } from '../../../app/kernel/env';
import { KernelError } from '../../../app/kernel/errors';

const ISSUER = 'comptoir';
/** Neither an admin nor a customer token: the authorizer and the customer module both refuse it. */
const AUDIENCE = 'comptoir:tfat';
const LIFETIME_SECONDS = 3600;

/**
 * Magento's "tfat": a signed, short-lived token mailed to an admin who must configure 2FA. It proves the password (checked
 * before it is sent) and the mailbox, and is all the enrollment routes accept.
 */
@injectable()
export class ConfigurationTokens {
  private readonly keys: Array<{ kid: string; secret: Uint8Array }>;

  constructor(
    @inject(Kernel.Env) env: EnvConfig,
    @inject(Kernel.Clock) private readonly clock: Clock,
  ) {
    this.keys = (env.auth?.jwtKeys ?? []).map((k) => ({ kid: k.kid, secret: new Uint8Array(Buffer.from(k.secret, 'base64')) }));
  }

  async issue(userId: number): Promise<string> {
    const key = this.keys.at(-1);
    if (!key) throw new KernelError('No JWT signing key is configured (etc/env.json auth.jwtKeys): run setup:install', 'AUTH_NO_KEY');
    const now = Math.floor(this.clock.now().getTime() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(String(userId))
      .setJti(crypto.randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + LIFETIME_SECONDS)
      .sign(key.secret);
  }

  /** The admin's id, or AuthenticationError('Invalid tfat token'). */
  async verify(token: unknown): Promise<number> {
    try {
      if (typeof token !== 'string') throw new Error('not a string');
      const kid = decodeProtectedHeader(token).kid;
      const key = this.keys.find((k) => k.kid === kid);
      if (!key) throw new Error('unknown key');
      const { payload } = await jwtVerify(token, key.secret, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE, currentDate: this.clock.now() });
      const id = Number(payload.sub);
      if (!Number.isInteger(id) || id <= 0) throw new Error('bad subject');
      return id;
    } catch {
      throw new AuthenticationError('Invalid tfat token: it is wrong or expired; sign in again through POST /rest/V1/integration/admin/token to receive a new one.');
    }
  }
}
