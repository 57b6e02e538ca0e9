import type { StoreGroup, StoreView, Website } from '../api/store-entities';
import type { StoreViewSettings } from '../api/store-settings';

/** The StoreConfig GraphQL object; field names are Magento's. */
export interface StoreConfigOutput {
  id: number;
  code: string;
  store_code: string;
  store_name: string;
  store_sort_order: number;
  is_default_store: boolean;
  store_group_code: string;
  store_group_name: string;
  is_default_store_group: boolean;
  website_id: number;
  website_code: string;
  website_name: string;
  locale: string;
  base_currency_code: string;
  default_display_currency_code: string;
  timezone: string;
  weight_unit: string;
  base_url: string;
  base_link_url: string;
  base_static_url: string;
  base_media_url: string;
  secure_base_url: string;
  secure_base_link_url: string;
  secure_base_static_url: string;
  secure_base_media_url: string;
  use_store_in_url: boolean;
}

export function toStoreConfigOutput(view: StoreView, group: StoreGroup, website: Website, settings: StoreViewSettings): StoreConfigOutput {
  const { urls } = settings;
  return {
    id: view.id,
    code: view.code,
    store_code: view.code,
    store_name: view.name,
    store_sort_order: view.sortOrder,
    is_default_store: group.defaultStoreId === view.id,
    store_group_code: group.code,
    store_group_name: group.name,
    is_default_store_group: website.defaultGroupId === group.id,
    website_id: website.id,
    website_code: website.code,
    website_name: website.name,
    locale: settings.locale,
    base_currency_code: settings.baseCurrencyCode,
    default_display_currency_code: settings.defaultDisplayCurrencyCode,
    timezone: settings.timezone,
    weight_unit: settings.weightUnit,
    base_url: urls.baseUrl,
    base_link_url: urls.baseLinkUrl,
    base_static_url: urls.baseStaticUrl,
    base_media_url: urls.baseMediaUrl,
    secure_base_url: urls.secureBaseUrl,
    secure_base_link_url: urls.secureBaseLinkUrl,
    secure_base_static_url: urls.secureBaseStaticUrl,
    secure_base_media_url: urls.secureBaseMediaUrl,
    use_store_in_url: settings.useStoreInUrl,
  };
}
