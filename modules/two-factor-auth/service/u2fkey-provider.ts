import { inject, injectable } from 'inversify';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { Kernel, type Clock, type Database, type EventBus } from '../../../app';
import type { Encryptor } from '../../../app/crypto/encryptor';
import { AuthenticationError, InputError } from '../../../app';
import { SecurityApi, type AuditLog, type RequestActor } from '../../security/api';
import { UserApi, type AdminUserManager } from '../../user/api';
import { TfaInternal } from '../model/tfa-internal-tokens';
import type { TfaUserConfigRepository } from '../model/tfa-user-config-repository';
import type { WebauthnRepository } from '../model/webauthn-repository';
import { FAILURE_EVENT, type FactorPurpose } from './google-provider';
import type { OtpThrottle } from './otp-throttle';
import type { TfaSettings } from './tfa-settings';

const CHALLENGE_TTL_MS = 5 * 60_000;

/**
 * OTP-07: WebAuthn (Magento's `u2fkey` provider) with @simplewebauthn/server. Challenges live in the database and serve one
 * ceremony each; the signature counter only moves forward.
 */
@injectable()
export class U2fKeyProvider {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.EventBus) private readonly events: EventBus,
    @inject(Kernel.Encryptor) private readonly encryptor: Encryptor,
    @inject(Kernel.Clock) private readonly clock: Clock,
    @inject(SecurityApi.AuditLog) private readonly audit: AuditLog,
    @inject(UserApi.AdminUserManager) private readonly users: AdminUserManager,
    @inject(TfaInternal.UserConfig) private readonly configs: TfaUserConfigRepository,
    @inject(TfaInternal.Webauthn) private readonly webauthn: WebauthnRepository,
    @inject(TfaInternal.Throttle) private readonly throttle: OtpThrottle,
    @inject(TfaInternal.Settings) private readonly settings: TfaSettings,
  ) {}

  async isActive(userId: number): Promise<boolean> {
    return Boolean(Number((await this.configs.get(userId))?.u2fkey_active ?? 0));
  }

  async registrationOptions(userId: number): Promise<string> {
    const user = await this.requireUser(userId);
    if (await this.isActive(userId)) throw new InputError('Provider is already configured.');
    const { rpID } = await this.settings.relyingParty();
    const options = await generateRegistrationOptions({
      rpName: await this.settings.issuer(),
      rpID,
      userName: user.username,
      userDisplayName: `${user.firstname} ${user.lastname}`,
      // An opaque handle: the authenticator never learns the database id.
      userID: Buffer.from(this.encryptor.hmac(String(userId), 'webauthn-user-handle'), 'hex'),
      attestationType: 'none',
      excludeCredentials: (await this.webauthn.credentials(userId)).map((c) => ({ id: c.credential_id })),
      authenticatorSelection: { residentKey: 'discouraged', userVerification: 'preferred' },
      timeout: CHALLENGE_TTL_MS,
    });
    await this.webauthn.saveChallenge(userId, 'register', options.challenge, this.clock.now().getTime() + CHALLENGE_TTL_MS);
    return JSON.stringify(options);
  }

  async activate(userId: number, publicKeyCredentialJson: string, actor: RequestActor): Promise<void> {
    const user = await this.requireUser(userId);
    if (await this.isActive(userId)) throw new InputError('Provider is already configured.');
    await this.throttle.assertNotLocked(userId);
    const response = parseCredential<RegistrationResponseJSON>(publicKeyCredentialJson);
    const challenge = await this.webauthn.takeChallenge(userId, 'register', this.clock.now().getTime());
    if (!challenge) throw new AuthenticationError('No registration is pending or it expired: call POST /rest/V1/tfa/provider/u2fkey/configure again.');
    const { rpID, origin } = await this.settings.relyingParty();
    let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>> | undefined;
    try {
      verified = await verifyRegistrationResponse({ response, expectedChallenge: challenge, expectedOrigin: origin, expectedRPID: rpID, requireUserVerification: false });
    } catch {
      verified = undefined;
    }
    if (!verified?.verified) return this.fail(userId, actor, 'activation', 'invalid_registration');
    const { credential } = verified.registrationInfo;
    await this.db.transaction(async () => {
      const now = this.clock.now().getTime();
      await this.webauthn.addCredential({
        user_id: userId,
        credential_id: credential.id,
        public_key: Buffer.from(credential.publicKey).toString('base64url'),
        counter: credential.counter,
        transports: credential.transports?.join(',') ?? null,
        created_at: now,
      });
      await this.configs.lock(userId, now);
      await this.configs.update(userId, { u2fkey_active: true }, now);
      await this.audit.record({ actor, event: 'tfa_provider_activate', outcome: 'success', resource: { type: 'admin_user', id: userId }, details: { provider: 'u2fkey', username: user.username } });
      await this.events.dispatch('tfa_provider_activate_after', { user, provider: 'u2fkey', change: 'activated', actor });
    });
    await this.throttle.reset(userId);
  }

  async authenticationOptions(userId: number): Promise<string> {
    if (!(await this.isActive(userId))) throw new AuthenticationError('No security key is configured for this account.');
    const { rpID } = await this.settings.relyingParty();
    const options = await generateAuthenticationOptions({
      rpID,
      allowCredentials: (await this.webauthn.credentials(userId)).map((c) => ({ id: c.credential_id, transports: c.transports ? (c.transports.split(',') as never) : undefined })),
      userVerification: 'preferred',
      timeout: CHALLENGE_TTL_MS,
    });
    await this.webauthn.saveChallenge(userId, 'authenticate', options.challenge, this.clock.now().getTime() + CHALLENGE_TTL_MS);
    return JSON.stringify(options);
  }

  async verify(userId: number, publicKeyCredentialJson: string, actor: RequestActor, purpose: FactorPurpose): Promise<void> {
    if (!(await this.isActive(userId))) throw new AuthenticationError('No security key is configured for this account.');
    await this.throttle.assertNotLocked(userId);
    const response = parseCredential<AuthenticationResponseJSON>(publicKeyCredentialJson);
    const challenge = await this.webauthn.takeChallenge(userId, 'authenticate', this.clock.now().getTime());
    if (!challenge) throw new AuthenticationError('No authentication challenge is pending or it expired: call POST /rest/V1/tfa/provider/u2fkey/authentication-challenge again.');
    const stored = (await this.webauthn.credentials(userId)).find((c) => c.credential_id === response.id);
    if (!stored) return this.fail(userId, actor, purpose, 'unknown_credential');
    const { rpID, origin } = await this.settings.relyingParty();
    let result: Awaited<ReturnType<typeof verifyAuthenticationResponse>> | undefined;
    try {
      result = await verifyAuthenticationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: origin,
        expectedRPID: rpID,
        requireUserVerification: false,
        credential: { id: stored.credential_id, publicKey: new Uint8Array(Buffer.from(stored.public_key, 'base64url')), counter: Number(stored.counter) },
      });
    } catch {
      result = undefined;
    }
    if (!result?.verified) return this.fail(userId, actor, purpose, 'invalid_assertion');
    const next = result.authenticationInfo.newCounter;
    // Authenticators that keep no counter always send 0; any other value must grow, or the key was cloned or replayed.
    if (next !== 0 || Number(stored.counter) !== 0) {
      if (!(await this.webauthn.advanceCounter(stored.id, Number(stored.counter), next, this.clock.now().getTime()))) return this.fail(userId, actor, purpose, 'counter_replay');
    }
    await this.throttle.reset(userId);
  }

  async reset(userId: number): Promise<void> {
    const now = this.clock.now().getTime();
    await this.webauthn.deleteCredentials(userId);
    await this.configs.lock(userId, now);
    await this.configs.update(userId, { u2fkey_active: false }, now);
  }

  private async fail(userId: number, actor: RequestActor, purpose: FactorPurpose, reason: string): Promise<never> {
    await this.throttle.recordFailure(userId, actor);
    await this.audit.record({ actor, event: FAILURE_EVENT[purpose], outcome: 'failure', resource: { type: 'admin_user', id: userId }, details: { step: 'u2fkey', reason } });
    throw new AuthenticationError('The security key could not be verified.');
  }

  private async requireUser(userId: number) {
    const user = await this.users.get(userId);
    if (!user) throw new InputError(`The admin user with id ${userId} does not exist.`);
    return user;
  }
}

function parseCredential<T>(json: string): T {
  try {
    const parsed = JSON.parse(json) as { id?: unknown; response?: unknown; type?: unknown };
    if (typeof parsed?.id !== 'string' || typeof parsed.response !== 'object' || parsed.type !== 'public-key') throw new Error('shape');
    return parsed as T;
  } catch {
    throw new InputError('publicKeyCredentialJson must be the JSON of a PublicKeyCredential (id, rawId, response, type "public-key").');
  }
}
