/** The config paths this module declares, under Magento's names. */
export const StoreConfigPath = {
  UnsecureBaseUrl: 'web/unsecure/base_url',
  UnsecureBaseLinkUrl: 'web/unsecure/base_link_url',
  UnsecureBaseStaticUrl: 'web/unsecure/base_static_url',
  UnsecureBaseMediaUrl: 'web/unsecure/base_media_url',
  SecureBaseUrl: 'web/secure/base_url',
  SecureBaseLinkUrl: 'web/secure/base_link_url',
  SecureBaseStaticUrl: 'web/secure/base_static_url',
  SecureBaseMediaUrl: 'web/secure/base_media_url',
  SecureUseInFrontend: 'web/secure/use_in_frontend',
  SecureUseInAdminhtml: 'web/secure/use_in_adminhtml',
  UseStoreInUrl: 'web/url/use_store',
  LocaleCode: 'general/locale/code',
  Timezone: 'general/locale/timezone',
  WeightUnit: 'general/locale/weight_unit',
  BaseCurrency: 'currency/options/base',
  DefaultDisplayCurrency: 'currency/options/default',
  AllowedCurrencies: 'currency/options/allow',
  StoreInformationName: 'general/store_information/name',
} as const;

/** Every base URL path (TLS-01 checks all of them, in every scope). */
export const BASE_URL_PATHS: readonly string[] = [
  StoreConfigPath.UnsecureBaseUrl,
  StoreConfigPath.UnsecureBaseLinkUrl,
  StoreConfigPath.UnsecureBaseStaticUrl,
  StoreConfigPath.UnsecureBaseMediaUrl,
  StoreConfigPath.SecureBaseUrl,
  StoreConfigPath.SecureBaseLinkUrl,
  StoreConfigPath.SecureBaseStaticUrl,
  StoreConfigPath.SecureBaseMediaUrl,
];
