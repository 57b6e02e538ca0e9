import { inject, injectable } from 'inversify';
import { Kernel, KernelError, type ConfigService } from '../../../app';
import { StoreConfigPath as P } from '../api/store-config-paths';
import { NoSuchEntityError } from '../../../app';
import type { StoreSettingsReader, StoreViewSettings } from '../api/store-settings';

const SETTING_PATHS = {
  locale: P.LocaleCode,
  timezone: P.Timezone,
  weightUnit: P.WeightUnit,
  baseCurrency: P.BaseCurrency,
  displayCurrency: P.DefaultDisplayCurrency,
  allowedCurrencies: P.AllowedCurrencies,
  storeName: P.StoreInformationName,
  useStoreInUrl: P.UseStoreInUrl,
  useSecureInFrontend: P.SecureUseInFrontend,
  baseUrl: P.UnsecureBaseUrl,
  baseLinkUrl: P.UnsecureBaseLinkUrl,
  baseStaticUrl: P.UnsecureBaseStaticUrl,
  baseMediaUrl: P.UnsecureBaseMediaUrl,
  secureBaseUrl: P.SecureBaseUrl,
  secureBaseLinkUrl: P.SecureBaseLinkUrl,
  secureBaseStaticUrl: P.SecureBaseStaticUrl,
  secureBaseMediaUrl: P.SecureBaseMediaUrl,
} as const;

type SettingKey = keyof typeof SETTING_PATHS;

/**
 * Reads a store view's settings through the config service. Every value comes from the config service's in-memory snapshot
 * of core_config_data, so a StoreViewSettings costs at most one query, however many store views are read.
 */
@injectable()
export class ConfigStoreSettingsReader implements StoreSettingsReader {
  constructor(@inject(Kernel.Config) private readonly config: ConfigService) {}

  async forStoreView(storeCode: string): Promise<StoreViewSettings> {
    const v = await this.readAll(storeCode);
    const text = (key: SettingKey) => v[key] as string;
    const optional = (key: SettingKey) => (v[key] as string | null) ?? undefined;
    const url = text('baseUrl');
    const secureUrl = text('secureBaseUrl');
    return {
      locale: text('locale'),
      timezone: text('timezone'),
      weightUnit: v.weightUnit as 'lbs' | 'kgs',
      baseCurrencyCode: text('baseCurrency'),
      defaultDisplayCurrencyCode: text('displayCurrency'),
      allowedCurrencyCodes: v.allowedCurrencies as string[],
      storeInformationName: optional('storeName') ?? null,
      useStoreInUrl: v.useStoreInUrl as boolean,
      useSecureInFrontend: v.useSecureInFrontend as boolean,
      urls: {
        baseUrl: url,
        baseLinkUrl: optional('baseLinkUrl') ?? url,
        baseStaticUrl: optional('baseStaticUrl') ?? `${url}static/`,
        baseMediaUrl: optional('baseMediaUrl') ?? `${url}media/`,
        secureBaseUrl: secureUrl,
        secureBaseLinkUrl: optional('secureBaseLinkUrl') ?? secureUrl,
        secureBaseStaticUrl: optional('secureBaseStaticUrl') ?? `${secureUrl}static/`,
        secureBaseMediaUrl: optional('secureBaseMediaUrl') ?? `${secureUrl}media/`,
      },
    };
  }

  private async readAll(storeCode: string): Promise<Record<SettingKey, unknown>> {
    const keys = Object.keys(SETTING_PATHS) as SettingKey[];
    try {
      const values = await this.config.getManyForStore(keys.map((key) => SETTING_PATHS[key]), storeCode);
      return Object.fromEntries(keys.map((key, i) => [key, values[i]])) as Record<SettingKey, unknown>;
    } catch (err) {
      if (err instanceof KernelError && err.code === 'CONFIG_SCOPE_CODE') {
        throw new NoSuchEntityError(`Store view "${storeCode}" does not exist`);
      }
      throw err;
    }
  }
}
