import { inject, injectable } from 'inversify';
import { Kernel, type ConfigService, type ScopeRef } from '../../../app';
import { StoreConfigPath as P } from '../api/store-config-paths';
import type { ScopeSettings } from './store-input-schemas';

const PATH_OF: Partial<Record<keyof ScopeSettings, string>> = {
  locale: P.LocaleCode,
  timezone: P.Timezone,
  weightUnit: P.WeightUnit,
  baseUrl: P.UnsecureBaseUrl,
  secureBaseUrl: P.SecureBaseUrl,
  baseLinkUrl: P.UnsecureBaseLinkUrl,
  secureBaseLinkUrl: P.SecureBaseLinkUrl,
  baseMediaUrl: P.UnsecureBaseMediaUrl,
  secureBaseMediaUrl: P.SecureBaseMediaUrl,
  storeInformationName: P.StoreInformationName,
};

/**
 * Stores a website's or store view's settings as config values at its own scope. A value already stored at that very scope is
 * not written again, so re-applying the same settings changes nothing and dispatches no config_save_after.
 */
@injectable()
export class ScopeSettingsWriter {
  constructor(@inject(Kernel.Config) private readonly config: ConfigService) {}

  async apply(scope: 'websites' | 'stores', code: string, settings: ScopeSettings): Promise<void> {
    const ref: ScopeRef = { scope, code };
    for (const [key, path] of Object.entries(PATH_OF) as Array<[keyof ScopeSettings, string]>) {
      const value = settings[key];
      if (value !== undefined) await this.setIfChanged(path, value, ref);
    }
    if (settings.currency) await this.applyCurrency(settings.currency, ref);
  }

  /**
   * Magento keeps the base currency per website (store views only choose how prices are displayed) and requires the base and
   * display currencies to be among the allowed ones.
   */
  private async applyCurrency(currency: string, ref: ScopeRef): Promise<void> {
    if (ref.scope === 'websites') await this.setIfChanged(P.BaseCurrency, currency, ref);
    await this.setIfChanged(P.DefaultDisplayCurrency, currency, ref);
    const base = await this.config.get<string>(P.BaseCurrency, ref);
    const allowed = (await this.config.get<string[] | null>(P.AllowedCurrencies, ref)) ?? [];
    const missing = [base, currency].filter((code, i, all) => !allowed.includes(code) && all.indexOf(code) === i);
    if (missing.length) await this.config.set(P.AllowedCurrencies, [...allowed, ...missing], ref);
  }

  private async setIfChanged(path: string, value: unknown, ref: ScopeRef): Promise<void> {
    const current = await this.config.resolve(path, ref);
    if (current.source === 'db' && current.scope === ref.scope && current.value === value) return;
    await this.config.set(path, value, ref);
  }
}
