import { inject, injectable } from 'inversify';
import { Kernel, type Clock, type Database } from '../../../app';
import type { PasswordHasher } from '../../../app/crypto/password-hasher';
import { AuthenticationError } from '../../../app';
import { CustomerInternal } from '../model/customer-internal-tokens';
import { toBool, toMillis, type CustomerRow } from '../model/customer-rows';
import type { CustomerStore } from '../model/customer-store';
import type { PiiCipher } from '../model/pii-cipher';
import { normalizeEmail } from './email-address';
import type { CustomerSettings } from './customer-settings';

/** CustomerTokenService's answer to every failed sign-in: it says nothing about which part failed. */
export const SIGN_IN_FAILED = 'The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later.';
export const ACCOUNT_LOCKED = 'The account is locked.';
export const PASSWORD_MISMATCH = "The password doesn't match this account. Verify the password and try again.";

/**
 * Password checks with Magento's lockout (Magento\Customer\Model\Authentication): each failure counts, the count reaching
 * customer/password/lockout_failures locks the account for lockout_threshold minutes, a success resets it. Failures are
 * counted in the database under a row lock, so concurrent guesses (aliases, parallel requests, several processes) all count.
 */
@injectable()
export class CustomerAuthenticator {
  /** Compared against when the email is unknown, so that answer takes as long as a wrong password. */
  private dummyHash: Promise<string> | undefined;

  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(Kernel.Clock) private readonly clock: Clock,
    @inject(CustomerInternal.CustomerStore) private readonly customers: CustomerStore,
    @inject(CustomerInternal.Cipher) private readonly cipher: PiiCipher,
    @inject(CustomerInternal.Settings) private readonly settings: CustomerSettings,
  ) {}

  /** Sign-in: the account for these credentials, or graphql-authentication with Magento's generic message. */
  async verifyCredentials(email: string, password: string, websiteId: number): Promise<CustomerRow> {
    const row = await this.customers.findByEmailHash(websiteId, this.cipher.emailIndex(normalizeEmail(email)));
    if (!row) {
      await this.hasher.verify(password, await this.dummy());
      throw new AuthenticationError(SIGN_IN_FAILED);
    }
    // A locked account is refused before any hash is computed: the lock also shields the CPU from the guesser.
    if (this.isLocked(row) || !toBool(row.is_active)) throw new AuthenticationError(SIGN_IN_FAILED);
    if (!(await this.matches(password, row))) {
      await this.recordFailure(row.entity_id, websiteId);
      throw new AuthenticationError(SIGN_IN_FAILED);
    }
    await this.recordSuccess(row, password);
    return row;
  }

  /** Step-up check of a signed-in customer's password (email and password changes): Magento's CheckCustomerPassword. */
  async verifyPassword(customerId: number, password: string): Promise<CustomerRow> {
    const row = await this.customers.find(customerId);
    if (!row) throw new AuthenticationError(PASSWORD_MISMATCH);
    if (this.isLocked(row)) throw new AuthenticationError(ACCOUNT_LOCKED);
    if (!(await this.matches(password, row))) {
      const locked = await this.recordFailure(customerId, Number(row.website_id ?? 0));
      throw new AuthenticationError(locked ? ACCOUNT_LOCKED : PASSWORD_MISMATCH);
    }
    await this.recordSuccess(row, password);
    return row;
  }

  isLocked(row: Pick<CustomerRow, 'lock_expires'>): boolean {
    const until = toMillis(row.lock_expires);
    return until !== null && until > this.clock.now().getTime();
  }

  /** Counts one failure; returns whether the account is now locked. */
  async recordFailure(customerId: number, websiteId: number): Promise<boolean> {
    const { maxFailures, lockMs } = await this.settings.lockout(websiteId);
    if (!maxFailures || !lockMs) return false;
    return this.db.transaction(async () => {
      const row = await this.customers.findForUpdate(customerId);
      if (!row) return false;
      const now = this.clock.now().getTime();
      const lockExpires = toMillis(row.lock_expires);
      const lockExpired = lockExpires !== null && now > lockExpires;
      let failures = Number(row.failures_num) + 1;
      const patch: Partial<CustomerRow> = {};
      // As Magento: the first failure, or the first after a lock ran out, starts a new count.
      if (failures === 1 || toMillis(row.first_failure) === null || lockExpired) {
        failures = 1;
        patch.first_failure = now;
        patch.lock_expires = null;
      } else if (failures >= maxFailures) {
        patch.lock_expires = now + lockMs;
      }
      patch.failures_num = failures;
      await this.customers.update(customerId, patch);
      return patch.lock_expires !== undefined && patch.lock_expires !== null;
    });
  }

  private async recordSuccess(row: CustomerRow, password: string): Promise<void> {
    const patch: Partial<CustomerRow> = {};
    if (Number(row.failures_num) > 0 || row.lock_expires !== null || row.first_failure !== null) {
      Object.assign(patch, { failures_num: 0, first_failure: null, lock_expires: null });
    }
    // Hashes made with older scrypt parameters are upgraded while the password is at hand.
    if (row.password_hash && this.hasher.needsRehash(row.password_hash)) patch.password_hash = await this.hasher.hash(password);
    if (Object.keys(patch).length) await this.customers.update(row.entity_id, patch);
  }

  private async matches(password: string, row: CustomerRow): Promise<boolean> {
    if (!row.password_hash) {
      await this.hasher.verify(password, await this.dummy());
      return false;
    }
    return this.hasher.verify(password, row.password_hash);
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= this.hasher.hash('comptoir-no-such-account');
    return this.dummyHash;
  }
}
