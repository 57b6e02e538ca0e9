import { inject, injectable } from 'inversify';
import { Kernel, type Clock } from '../../../app';
import type { EnvConfig } from '../../../app/kernel/env';
import { InputError } from '../../../app';
import { CustomerInternal } from '../model/customer-internal-tokens';
import type { ResetRequestStore } from '../model/reset-request-store';
import type { CustomerSettings } from './customer-settings';

const ONE_HOUR = 3_600_000;

/**
 * Magento_Security's password-reset limits (SecurityChecker Frequency and Quantity): with protection type 1 a request is held
 * back when the same IP *or* the same email asked less than min_time_between_password_reset_requests minutes ago, or already
 * asked max_number_password_reset_requests times in the last hour (type 2 looks at the IP only, type 3 at the email only).
 * Requests are recorded whether or not the email has an account, so the answer never tells.
 */
@injectable()
export class ResetThrottle {
  constructor(
    @inject(Kernel.Clock) private readonly clock: Clock,
    @inject(Kernel.Env) private readonly env: EnvConfig,
    @inject(CustomerInternal.ResetRequestStore) private readonly requests: ResetRequestStore,
    @inject(CustomerInternal.Settings) private readonly settings: CustomerSettings,
  ) {}

  /** Refuses (graphql-input, Magento's message) or records the request. Call inside the request's transaction. */
  async admit(references: { account: string; ip: string }, websiteId: number): Promise<void> {
    const rule = await this.settings.resetThrottle(websiteId);
    const now = this.clock.now().getTime();
    const match =
      rule.protectionType === 1 ? references : rule.protectionType === 2 ? { ip: references.ip } : rule.protectionType === 3 ? { account: references.account } : undefined;
    if (match) {
      const recent = await this.requests.countSince(now - ONE_HOUR, match);
      const tooSoon = rule.minIntervalMs > 0 && recent.latest !== null && now - recent.latest < rule.minIntervalMs;
      const tooMany = rule.maxPerHour > 0 && recent.count >= rule.maxPerHour;
      if (tooSoon || tooMany) {
        throw new InputError(`We received too many requests for password resets. Please wait and try again later or contact ${this.supportAddress()}.`);
      }
    }
    await this.requests.record(references.account, references.ip, now);
  }

  private supportAddress(): string {
    const from = this.env.mail.from;
    return /<([^>]+)>/.exec(from)?.[1] ?? from;
  }
}
