import { UserInternal } from '../model/user-internal-tokens';
import { inject, injectable } from 'inversify';
import { Kernel, type Clock } from '../../../app';
import { AuthorizationError } from '../../../app';
import { isAdminPrincipal, type StepUp } from '../api/admin-token';
import { AdminTokenRepository } from '../model/admin-token-repository';
import { UserSettings } from './user-settings';

/** AUTH-05: the time of the last re-authentication is kept on the token's row, so it holds across processes. */
@injectable()
export class TokenStepUp implements StepUp {
  constructor(
    @inject(Kernel.Clock) private readonly clock: Clock,
    @inject(UserInternal.Tokens) private readonly tokens: AdminTokenRepository,
    @inject(UserInternal.Settings) private readonly settings: UserSettings,
  ) {}

  async require(principal: unknown): Promise<void> {
    if (!isAdminPrincipal(principal)) throw new AuthorizationError('This operation needs an admin token with a recent re-authentication.');
    const lifetime = await this.settings.stepUpLifetimeMs();
    const at = await this.tokens.steppedUpAt(principal.tokenId);
    if (at === null || this.clock.now().getTime() - at > lifetime) {
      throw new AuthorizationError(
        `This operation needs a recent re-authentication: call POST /rest/V1/tfa/step-up with your password and a one-time code, then retry within ${Math.round(lifetime / 60_000)} minutes.`,
      );
    }
  }

  async record(tokenId: string): Promise<void> {
    const count = await this.tokens.recordStepUp(tokenId, this.clock.now().getTime());
    if (!count) throw new AuthorizationError('The admin token has been revoked: sign in again.');
  }
}
