import { inject, injectable } from 'inversify';
import { Kernel, type ConfigService, type ScopeRef, type ScopeResolver } from '../../../app';
import { CustomerConfigPath as P } from '../api/customer-config-paths';

export interface LockoutRule {
  maxFailures: number;
  lockMs: number;
}

export interface ResetThrottleRule {
  /** 0 none, 1 IP or email, 2 IP, 3 email. */
  protectionType: number;
  maxPerHour: number;
  minIntervalMs: number;
}

/** The customer settings at a website's scope (store views inherit them), read from the config service's snapshot. */
@injectable()
export class CustomerSettings {
  constructor(
    @inject(Kernel.Config) private readonly config: ConfigService,
    @inject(Kernel.ScopeResolver) private readonly scopes: ScopeResolver,
  ) {}

  async get<T>(path: string, websiteId?: number): Promise<T> {
    return this.config.get<T>(path, await this.websiteRef(websiteId));
  }

  async passwordRule(websiteId?: number): Promise<{ minLength: number; classes: number }> {
    return { minLength: await this.get<number>(P.MinimumPasswordLength, websiteId), classes: await this.get<number>(P.RequiredCharacterClasses, websiteId) };
  }

  async lockout(websiteId?: number): Promise<LockoutRule> {
    return { maxFailures: await this.get<number>(P.LockoutFailures, websiteId), lockMs: (await this.get<number>(P.LockoutThreshold, websiteId)) * 60_000 };
  }

  async resetThrottle(websiteId?: number): Promise<ResetThrottleRule> {
    return {
      protectionType: await this.get<number>(P.ResetProtectionType, websiteId),
      maxPerHour: await this.get<number>(P.MaxResetRequests, websiteId),
      minIntervalMs: (await this.get<number>(P.MinTimeBetweenResetRequests, websiteId)) * 60_000,
    };
  }

  async resetLinkLifetimeMs(websiteId?: number): Promise<number> {
    return (await this.get<number>(P.ResetLinkExpirationPeriod, websiteId)) * 3_600_000;
  }

  async tokenLifetimeSeconds(): Promise<number> {
    return (await this.config.get<number>(P.TokenLifetime)) * 60;
  }

  private async websiteRef(websiteId?: number): Promise<ScopeRef> {
    if (!websiteId) return { scope: 'default' };
    const website = await this.scopes.getWebsiteById(websiteId);
    return website ? { scope: 'websites', code: website.websiteCode } : { scope: 'default' };
  }
}
