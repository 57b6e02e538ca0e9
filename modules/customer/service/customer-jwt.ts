import crypto from 'node:crypto';
import { inject, injectable } from 'inversify';
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { Kernel, KernelError, type Clock, type Logger } from '../../../app';
import type { EnvConfig } from '../../../app/kernel/env';

/** Magento_Integration's user type id for customers, carried as `utypid` as Magento's JWTs do. */
const CUSTOMER_USER_TYPE = 3;

export interface CustomerTokenClaims {
  customerId: number;
  websiteId: number;
  /** The customer's token version when issued: revocation bumps the stored one, which every older token then fails to match. */
  version: number;
  tokenId: string;
  issuedAt: number;
  expiresAt: number;
}

/**
 * HS256 JWTs signed with etc/env.json `auth.jwtKeys`: the last key signs (its `kid` goes in the header), every listed key
 * verifies, so rotating means appending a key, and removing the old one once its tokens have expired.
 */
@injectable()
export class CustomerJwt {
  private readonly keys: Map<string, Uint8Array>;
  private readonly signingKid: string | undefined;

  constructor(
    @inject(Kernel.Env) env: EnvConfig,
    @inject(Kernel.Clock) private readonly clock: Clock,
    @inject(Kernel.Logger) private readonly logger: Logger,
  ) {
    const list = env.auth?.jwtKeys ?? [];
    this.keys = new Map(list.map((k) => [k.kid, new Uint8Array(Buffer.from(k.secret, 'base64'))]));
    this.signingKid = list.at(-1)?.kid;
  }

  async sign(claims: { customerId: number; websiteId: number; version: number }, lifetimeSeconds: number): Promise<string> {
    const kid = this.signingKid;
    if (!kid) throw new KernelError('No JWT signing key is configured (etc/env.json auth.jwtKeys): run setup:install or add one', 'JWT_NO_KEYS');
    const now = Math.floor(this.clock.now().getTime() / 1000);
    return new SignJWT({ uid: claims.customerId, utypid: CUSTOMER_USER_TYPE, wid: claims.websiteId, ver: claims.version })
      .setProtectedHeader({ alg: 'HS256', kid, typ: 'JWT' })
      .setSubject(String(claims.customerId))
      .setJti(crypto.randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + lifetimeSeconds)
      .sign(this.keys.get(kid)!);
  }

  /** The claims of a valid, unexpired customer token signed by a known key; undefined for anything else. */
  async verify(token: string): Promise<CustomerTokenClaims | undefined> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(
        token,
        (header) => {
          const key = header.kid ? this.keys.get(header.kid) : undefined;
          if (!key) throw new Error('unknown signing key');
          return key;
        },
        { algorithms: ['HS256'], currentDate: this.clock.now(), requiredClaims: ['exp', 'iat', 'jti', 'sub'] },
      ));
    } catch (err) {
      // Expired, forged, malformed or signed by a removed key: all the same to the caller, a guest.
      this.logger.debug({ reason: (err as Error).name }, 'customer token refused');
      return undefined;
    }
    const { uid, utypid, wid, ver } = payload as Record<string, unknown>;
    if (utypid !== CUSTOMER_USER_TYPE || !Number.isInteger(uid) || !Number.isInteger(wid) || !Number.isInteger(ver)) return undefined;
    return {
      customerId: uid as number,
      websiteId: wid as number,
      version: ver as number,
      tokenId: String(payload.jti),
      issuedAt: payload.iat!,
      expiresAt: payload.exp!,
    };
  }
}
