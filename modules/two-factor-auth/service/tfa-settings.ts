import { inject, injectable } from 'inversify';
import { Kernel, type ConfigService } from '../../../app';
import { KernelError } from '../../../app/kernel/errors';
import { TfaConfigPath } from '../api/tfa-config-paths';
import type { TfaProviderCode } from '../api/tfa-providers';

const SECURE_BASE_URL = 'web/secure/base_url';

@injectable()
export class TfaSettings {
  constructor(@inject(Kernel.Config) private readonly config: ConfigService) {}

  async forcedProviders(): Promise<TfaProviderCode[]> {
    return (await this.config.get<TfaProviderCode[]>(TfaConfigPath.ForceProviders)) ?? ['google'];
  }

  async retry(): Promise<number> {
    return Number(await this.config.get(TfaConfigPath.Retry));
  }

  async lockExpireMs(): Promise<number> {
    return Number(await this.config.get(TfaConfigPath.LockExpire)) * 1000;
  }

  async leewaySeconds(): Promise<number> {
    return Number(await this.config.get(TfaConfigPath.GoogleLeeway));
  }

  async issuer(): Promise<string> {
    return String(await this.config.get(TfaConfigPath.GoogleIssuer));
  }

  async notificationUrl(): Promise<string> {
    return String((await this.config.get(TfaConfigPath.WebapiNotificationUrl)) ?? '');
  }

  /**
   * The WebAuthn relying party: twofactorauth/u2fkey/webapi_challenge_domain, else the host of the secure base URL. The admin's
   * browser must be on https://<that domain>.
   */
  async relyingParty(): Promise<{ rpID: string; origin: string }> {
    let domain = String((await this.config.get(TfaConfigPath.U2fDomain)) ?? '').trim();
    if (!domain && this.config.fields().some((f) => f.path === SECURE_BASE_URL)) {
      const base = await this.config.get<string | null>(SECURE_BASE_URL);
      if (base) domain = new URL(base).hostname;
    }
    if (!domain) throw new KernelError(`WebAuthn needs ${TfaConfigPath.U2fDomain} (the admin domain, e.g. admin.example.com)`, 'INPUT_INVALID');
    return { rpID: domain, origin: `https://${domain}` };
  }
}
