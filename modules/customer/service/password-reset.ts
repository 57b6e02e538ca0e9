import crypto from 'node:crypto';
import { inject, injectable } from 'inversify';
import { Kernel, type Clock, type Database, type EventBus } from '../../../app';
import type { PasswordHasher } from '../../../app/crypto/password-hasher';
import { InputError } from '../../../app';
import { CustomerTable } from '../api/customer-entities';
import type { CustomerPasswordReset } from '../api/password-reset';
import { CustomerInternal } from '../model/customer-internal-tokens';
import { toBool, toMillis } from '../model/customer-rows';
import type { CustomerStore } from '../model/customer-store';
import type { PiiCipher } from '../model/pii-cipher';
import type { CustomerMailer } from './customer-mailer';
import type { CustomerSettings } from './customer-settings';
import { isValidEmail, normalizeEmail } from './email-address';
import type { PasswordPolicy } from './password-policy';
import type { ResetThrottle } from './reset-throttle';

const TOKEN_MISMATCH = 'The password token is mismatched. Reset and try again.';
const TOKEN_EXPIRED = 'The password token is expired. Reset and try again.';
const RESET_TOKEN_PURPOSE = 'customer_reset_token';

/**
 * Reset tokens are 256 random bits, mailed once and stored only as a keyed HMAC; they expire after
 * customer/password/reset_link_expiration_period hours and are spent by the first successful reset. Two deliberate
 * differences from Magento: an unknown email gets the same answers as a known one (no account enumeration), and a successful
 * reset also lifts a lockout, since whoever holds the mailbox has just proven they own the account.
 */
@injectable()
export class TokenPasswordReset implements CustomerPasswordReset {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.EventBus) private readonly events: EventBus,
    @inject(Kernel.Clock) private readonly clock: Clock,
    @inject(Kernel.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(CustomerInternal.CustomerStore) private readonly customers: CustomerStore,
    @inject(CustomerInternal.Cipher) private readonly cipher: PiiCipher,
    @inject(CustomerInternal.Settings) private readonly settings: CustomerSettings,
    @inject(CustomerInternal.PasswordPolicy) private readonly policy: PasswordPolicy,
    @inject(CustomerInternal.Mailer) private readonly mailer: CustomerMailer,
    @inject(CustomerInternal.ResetThrottle) private readonly throttle: ResetThrottle,
  ) {}

  async requestReset(email: string, context: { storeCode: string; websiteId: number; ip: string }): Promise<void> {
    const value = email?.trim() ?? '';
    if (!value) throw new InputError('You must specify an email address.');
    if (!isValidEmail(value)) throw new InputError('The email address has an invalid format.');
    const emailHash = this.cipher.emailIndex(normalizeEmail(value));
    await this.db.transaction(async () => {
      await this.throttle.admit({ account: emailHash, ip: this.cipher.fingerprint(context.ip, 'customer_reset_ip') }, context.websiteId);
      const row = await this.customers.findByEmailHash(context.websiteId, emailHash);
      if (!row || !toBool(row.is_active)) return;
      const token = crypto.randomBytes(32).toString('base64url');
      await this.customers.update(row.entity_id, { rp_token_hash: this.cipher.fingerprint(token, RESET_TOKEN_PURPOSE), rp_token_created_at: this.clock.now().getTime() });
      await this.mailer.queuePasswordReset(row, token, context.storeCode);
    });
  }

  async resetPassword(email: string, token: string, newPassword: string, websiteId: number): Promise<void> {
    const value = email?.trim() ?? '';
    if (!value) throw new InputError('You must specify an email address.');
    if (!isValidEmail(value)) throw new InputError('The email address has an invalid format.');
    if (!token?.trim()) throw new InputError('resetPasswordToken must be specified');
    if (!newPassword) throw new InputError('newPassword must be specified');
    const row = await this.customers.findByEmailHash(websiteId, this.cipher.emailIndex(normalizeEmail(value)));
    const presented = this.cipher.fingerprint(token.trim(), RESET_TOKEN_PURPOSE);
    if (!row || !row.rp_token_hash || !sameHash(row.rp_token_hash, presented)) throw new InputError(TOKEN_MISMATCH);
    const createdAt = toMillis(row.rp_token_created_at) ?? 0;
    if (this.clock.now().getTime() - createdAt > (await this.settings.resetLinkLifetimeMs(websiteId))) throw new InputError(TOKEN_EXPIRED);
    await this.policy.check(newPassword, { email: this.cipher.open(CustomerTable.entity, 'email', row.email)!, websiteId });
    const passwordHash = await this.hasher.hash(newPassword);
    await this.db.transaction(async () => {
      const spent = await this.customers.updateIfResetToken(row.entity_id, presented, {
        password_hash: passwordHash,
        rp_token_hash: null,
        rp_token_created_at: null,
        failures_num: 0,
        first_failure: null,
        lock_expires: null,
        updated_at: this.clock.now().getTime(),
      });
      // Another request spent the token between our check and this update.
      if (!spent) throw new InputError(TOKEN_MISMATCH);
      await this.customers.bumpTokenVersion(row.entity_id);
      await this.events.dispatch('customer_password_changed', { customerId: Number(row.entity_id), reason: 'reset' });
    });
  }
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}
