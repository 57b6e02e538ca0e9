import { inject, injectable } from 'inversify';
import { Kernel, type EventBus } from '../../../app';
import { InputError } from '../../../app';
import type { CustomerTokenService } from '../api/customer-tokens';
import { CustomerInternal } from '../model/customer-internal-tokens';
import type { CustomerStore } from '../model/customer-store';
import type { CustomerAuthenticator } from './customer-authenticator';
import type { CustomerJwt } from './customer-jwt';
import type { CustomerSettings } from './customer-settings';

@injectable()
export class JwtCustomerTokenService implements CustomerTokenService {
  constructor(
    @inject(Kernel.EventBus) private readonly events: EventBus,
    @inject(CustomerInternal.Authenticator) private readonly authenticator: CustomerAuthenticator,
    @inject(CustomerInternal.CustomerStore) private readonly customers: CustomerStore,
    @inject(CustomerInternal.Jwt) private readonly jwt: CustomerJwt,
    @inject(CustomerInternal.Settings) private readonly settings: CustomerSettings,
  ) {}

  async createCustomerAccessToken(email: string, password: string, websiteId: number): Promise<string> {
    if (!email?.trim()) throw new InputError('Specify the "email" value.');
    if (!password) throw new InputError('Specify the "password" value.');
    const row = await this.authenticator.verifyCredentials(email, password, websiteId);
    const token = await this.jwt.sign(
      { customerId: row.entity_id, websiteId, version: Number(row.token_version) },
      await this.settings.tokenLifetimeSeconds(),
    );
    await this.events.dispatch('customer_login', { customerId: Number(row.entity_id), websiteId });
    return token;
  }

  async revokeCustomerAccessTokens(customerId: number): Promise<void> {
    await this.customers.bumpTokenVersion(customerId);
  }

  async revokeAllCustomerAccessTokens(): Promise<void> {
    await this.customers.bumpAllTokenVersions();
  }
}
