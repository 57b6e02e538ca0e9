import { inject, injectable } from 'inversify';
import { InputError } from '../../../app';
import { CustomerInternal } from '../model/customer-internal-tokens';
import type { CustomerSettings } from './customer-settings';

/** Magento's AccountManagement::MAX_PASSWORD_LENGTH: also bounds the work one hash costs. */
export const MAX_PASSWORD_LENGTH = 256;

const CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];

/** Magento's checkPasswordStrength, with its messages, against customer/password/* at the website's scope (AUTH-01). */
@injectable()
export class PasswordPolicy {
  constructor(@inject(CustomerInternal.Settings) private readonly settings: CustomerSettings) {}

  async check(password: string, context: { email: string; websiteId?: number }): Promise<void> {
    const { minLength, classes } = await this.settings.passwordRule(context.websiteId);
    const length = [...password].length;
    if (length > MAX_PASSWORD_LENGTH) throw new InputError(`Please enter a password with at most ${MAX_PASSWORD_LENGTH} characters.`);
    if (length < minLength) throw new InputError(`The password needs at least ${minLength} characters. Create a new password and try again.`);
    if (password.trim() !== password) throw new InputError("The password can't begin or end with a space. Verify the password and try again.");
    const present = CLASSES.filter((pattern) => pattern.test(password)).length;
    if (present < classes) {
      throw new InputError(
        `Minimum of different classes of characters in password is ${classes}. Classes of characters: Lower Case, Upper Case, Digits, Special Characters.`,
      );
    }
    if (password.toLowerCase() === context.email.trim().toLowerCase()) {
      throw new InputError("The password can't be the same as the email address. Create a new password and try again.");
    }
  }
}
