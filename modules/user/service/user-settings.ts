import { inject, injectable } from 'inversify';
import { Kernel, type ConfigService } from '../../../app';
import { UserConfigPath } from '../api/user-config-paths';

/** The admin security settings, read through the config service (so env.json and config:set apply). */
@injectable()
export class UserSettings {
  constructor(@inject(Kernel.Config) private readonly config: ConfigService) {}

  async lockoutFailures(): Promise<number> {
    return Number(await this.config.get(UserConfigPath.LockoutFailures));
  }

  /** Milliseconds. */
  async lockoutThresholdMs(): Promise<number> {
    return Number(await this.config.get(UserConfigPath.LockoutThreshold)) * 60_000;
  }

  /** Idle timeout, milliseconds. */
  async sessionLifetimeMs(): Promise<number> {
    return Number(await this.config.get(UserConfigPath.SessionLifetime)) * 1000;
  }

  /** Absolute token lifetime, milliseconds. */
  async tokenLifetimeMs(): Promise<number> {
    return Number(await this.config.get(UserConfigPath.AdminTokenLifetime)) * 60_000;
  }

  async stepUpLifetimeMs(): Promise<number> {
    return Number(await this.config.get(UserConfigPath.StepUpLifetime)) * 1000;
  }
}
