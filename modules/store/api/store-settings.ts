/** A store view's effective settings, read through the config fallback (store view > website > default > module default). */
export interface StoreViewSettings {
  locale: string;
  timezone: string;
  weightUnit: 'lbs' | 'kgs';
  baseCurrencyCode: string;
  defaultDisplayCurrencyCode: string;
  allowedCurrencyCodes: string[];
  storeInformationName: string | null;
  useStoreInUrl: boolean;
  useSecureInFrontend: boolean;
  /** Link, static and media URLs left empty in config are derived from the base URL of the same kind, as Magento does. */
  urls: {
    baseUrl: string;
    baseLinkUrl: string;
    baseStaticUrl: string;
    baseMediaUrl: string;
    secureBaseUrl: string;
    secureBaseLinkUrl: string;
    secureBaseStaticUrl: string;
    secureBaseMediaUrl: string;
  };
}

export interface StoreSettingsReader {
  /** Throws when the store view does not exist. */
  forStoreView(storeCode: string): Promise<StoreViewSettings>;
}
