import crypto from 'node:crypto';
import { inject, injectable } from 'inversify';
import { Kernel, type Clock, type Database, type EventBus } from '../../../app';
import type { Encryptor } from '../../../app/crypto/encryptor';
import { AuthenticationError, InputError } from '../../../app';
import { SecurityApi, type AuditLog, type RequestActor } from '../../security/api';
import { UserApi, type AdminUserManager } from '../../user/api';
import type { RecoveryCodeRepository } from '../model/recovery-code-repository';
import { TfaInternal } from '../model/tfa-internal-tokens';
import { FAILURE_EVENT, type FactorPurpose } from './google-provider';
import type { OtpThrottle } from './otp-throttle';

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * OTP-06: ten single-use codes, shown once, stored as keyed hashes (HMAC with the installation key: the codes carry 50 random
 * bits each, so a slow hash would add nothing, while the key keeps a stolen table useless). Regenerating replaces the set.
 */
@injectable()
export class RecoveryCodes {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.EventBus) private readonly events: EventBus,
    @inject(Kernel.Encryptor) private readonly encryptor: Encryptor,
    @inject(Kernel.Clock) private readonly clock: Clock,
    @inject(SecurityApi.AuditLog) private readonly audit: AuditLog,
    @inject(UserApi.AdminUserManager) private readonly users: AdminUserManager,
    @inject(TfaInternal.RecoveryCodeRepo) private readonly codes: RecoveryCodeRepository,
    @inject(TfaInternal.Throttle) private readonly throttle: OtpThrottle,
  ) {}

  async generate(userId: number, actor: RequestActor): Promise<string[]> {
    const user = await this.users.get(userId);
    if (!user) throw new InputError(`The admin user with id ${userId} does not exist.`);
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => `${randomChars(5)}-${randomChars(5)}`);
    await this.db.transaction(async () => {
      await this.codes.replace(userId, codes.map((c) => this.hash(c)), this.clock.now().getTime());
      await this.audit.record({ actor, event: 'tfa_recovery_codes_generate', outcome: 'success', resource: { type: 'admin_user', id: userId }, details: { count: codes.length } });
      await this.events.dispatch('tfa_recovery_codes_generate_after', { user, actor });
    });
    return codes;
  }

  async consume(userId: number, code: string, actor: RequestActor, purpose: FactorPurpose): Promise<void> {
    await this.throttle.assertNotLocked(userId);
    const normalized = String(code ?? '').trim().toLowerCase().replace(/\s+/g, '');
    if (!/^[a-z0-9]{5}-[a-z0-9]{5}$/.test(normalized) || !(await this.codes.consume(userId, this.hash(normalized), this.clock.now().getTime()))) {
      await this.throttle.recordFailure(userId, actor);
      await this.audit.record({ actor, event: FAILURE_EVENT[purpose], outcome: 'failure', resource: { type: 'admin_user', id: userId }, details: { step: 'recovery_code', reason: 'invalid_code' } });
      throw new AuthenticationError('Invalid or already used recovery code.');
    }
    await this.throttle.reset(userId);
    await this.audit.record({ actor, event: 'tfa_recovery_code_use', outcome: 'success', resource: { type: 'admin_user', id: userId }, details: { remaining: await this.codes.remaining(userId), purpose } });
  }

  async remaining(userId: number): Promise<number> {
    return this.codes.remaining(userId);
  }

  async deleteAll(userId: number): Promise<void> {
    await this.codes.deleteAll(userId);
  }

  private hash(code: string): string {
    return this.encryptor.hmac(code, 'tfa-recovery-code');
  }
}

function randomChars(n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += ALPHABET[crypto.randomInt(ALPHABET.length)];
  return out;
}
