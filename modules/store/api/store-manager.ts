import type { StoreGroup, StoreView, Website } from './store-entities';

/**
 * Settings a merchant gives a website or a store view; each is stored through the config service at that scope, so the
 * usual fallback (store view > website > default) applies to whatever is left out.
 */
export interface ScopeSettingsInput {
  /** e.g. fr_FR */
  locale?: string;
  /** IANA zone, e.g. Europe/Paris */
  timezone?: string;
  /**
   * ISO 4217 code. On a store view: its default display currency (a store view cannot change the base currency, as in Magento).
   * On a website: its base and default display currency. Either way it is added to the allowed currencies.
   */
  currency?: string;
  weightUnit?: 'lbs' | 'kgs';
  /** Absolute URLs ending with '/'. */
  baseUrl?: string;
  secureBaseUrl?: string;
  baseLinkUrl?: string;
  secureBaseLinkUrl?: string;
  baseMediaUrl?: string;
  secureBaseMediaUrl?: string;
  /** general/store_information/name */
  storeInformationName?: string;
}

export interface CreateWebsiteInput {
  code: string;
  name: string;
  sortOrder?: number;
  settings?: ScopeSettingsInput;
}

export interface CreateStoreGroupInput {
  code: string;
  name: string;
  /** Website code; the default website when omitted. */
  website?: string;
  /** The default group's root category of that website when omitted. */
  rootCategoryId?: number;
}

export interface CreateStoreViewInput {
  code: string;
  name: string;
  /** Website code; when omitted, the website of `group`, else the default website. */
  website?: string;
  /** Group code; the website's default group when omitted. */
  group?: string;
  sortOrder?: number;
  /** Active unless said otherwise. */
  isActive?: boolean;
  settings?: ScopeSettingsInput;
}

/**
 * Write side of the scope tree. Every change is validated first (codes, parents, locale, currency, timezone, URLs), then
 * written in one transaction together with its config values and its *_save_after event.
 */
export interface StoreManager {
  createWebsite(input: CreateWebsiteInput): Promise<Website>;
  createGroup(input: CreateStoreGroupInput): Promise<StoreGroup>;
  createStoreView(input: CreateStoreViewInput): Promise<StoreView>;
  configureWebsite(code: string, settings: ScopeSettingsInput): Promise<void>;
  configureStoreView(code: string, settings: ScopeSettingsInput): Promise<void>;
  activateStoreView(code: string): Promise<StoreView>;
  /** Refused for the admin view and for the view that serves requests without a Store header. */
  deactivateStoreView(code: string): Promise<StoreView>;
}
