import { inject, injectable } from 'inversify';
import { AuthenticationError } from '../../../app';
import type { RequestActor } from '../../security/api';
import type { TfaProviderCode } from '../api/tfa-providers';
import { TfaInternal } from '../model/tfa-internal-tokens';
import type { ConfigurationTokens } from './configuration-tokens';
import type { GoogleProvider } from './google-provider';
import type { TfaSettings } from './tfa-settings';
import type { U2fKeyProvider } from './u2fkey-provider';

/** Magento's configure/activate routes: everything starts from the mailed configuration token (tfat). */
@injectable()
export class TfaEnrollment {
  constructor(
    @inject(TfaInternal.ConfigTokens) private readonly tfat: ConfigurationTokens,
    @inject(TfaInternal.Settings) private readonly settings: TfaSettings,
    @inject(TfaInternal.Google) private readonly google: GoogleProvider,
    @inject(TfaInternal.U2fKey) private readonly u2f: U2fKeyProvider,
  ) {}

  async configureGoogle(tfaToken: string) {
    const userId = await this.allowed(tfaToken, 'google');
    return this.google.configure(userId);
  }

  async activateGoogle(tfaToken: string, otp: string, actor: RequestActor): Promise<void> {
    const userId = await this.allowed(tfaToken, 'google');
    await this.google.activate(userId, otp, { ...actor, type: 'admin', id: userId });
  }

  async configureU2fKey(tfaToken: string): Promise<string> {
    const userId = await this.allowed(tfaToken, 'u2fkey');
    return this.u2f.registrationOptions(userId);
  }

  async activateU2fKey(tfaToken: string, publicKeyCredentialJson: string, actor: RequestActor): Promise<void> {
    const userId = await this.allowed(tfaToken, 'u2fkey');
    await this.u2f.activate(userId, publicKeyCredentialJson, { ...actor, type: 'admin', id: userId });
  }

  private async allowed(tfaToken: string, provider: TfaProviderCode): Promise<number> {
    const userId = await this.tfat.verify(tfaToken);
    if (!(await this.settings.forcedProviders()).includes(provider)) throw new AuthenticationError('Provider is not allowed.');
    return userId;
  }
}
