import type { RestRoute } from '../../../app';
import { StoreApi } from '../api/tokens';
import type { StoreGroup, StoreView, Website } from '../api/store-entities';

/** Magento's Store API (`/V1/store/...`), same payload shapes; admin only (Magento_Backend::store), so denied until admin auth exists. */
const RESOURCE = 'Magento_Backend::store';

const websiteDto = (w: Website) => ({ id: w.id, code: w.code, name: w.name, default_group_id: w.defaultGroupId });
const groupDto = (g: StoreGroup) => ({ id: g.id, website_id: g.websiteId, root_category_id: g.rootCategoryId, default_store_id: g.defaultStoreId, name: g.name, code: g.code });
const storeDto = (s: StoreView) => ({ id: s.id, code: s.code, name: s.name, website_id: s.websiteId, store_group_id: s.groupId, is_active: s.isActive ? 1 : 0 });

export const storeRoutes: RestRoute[] = [
  {
    method: 'GET',
    path: '/store/websites',
    resource: RESOURCE,
    handler: async (req) => (await req.get(StoreApi.StoreRepository).listWebsites({ withAdmin: true })).map(websiteDto),
  },
  {
    method: 'GET',
    path: '/store/storeGroups',
    resource: RESOURCE,
    handler: async (req) => (await req.get(StoreApi.StoreRepository).listGroups({ withAdmin: true })).map(groupDto),
  },
  {
    method: 'GET',
    path: '/store/storeViews',
    resource: RESOURCE,
    handler: async (req) => (await req.get(StoreApi.StoreRepository).listStoreViews({ withAdmin: true })).map(storeDto),
  },
  {
    method: 'GET',
    path: '/store/storeConfigs',
    resource: RESOURCE,
    handler: async (req) => {
      // Magento clients send storeCodes[]=fr&storeCodes[]=default; express's simple query parser keeps the brackets in the key.
      const raw = (req.query.storeCodes ?? req.query['storeCodes[]']) as string[] | string | undefined;
      const codes = ([] as string[]).concat(raw ?? []);
      const views = await req.get(StoreApi.StoreRepository).listStoreViews();
      const wanted = codes.length ? views.filter((v) => codes.includes(v.code)) : views;
      const reader = req.get(StoreApi.StoreSettingsReader);
      return Promise.all(
        wanted.map(async (view) => {
          const s = await reader.forStoreView(view.code);
          return {
            id: view.id,
            code: view.code,
            website_id: view.websiteId,
            locale: s.locale,
            base_currency_code: s.baseCurrencyCode,
            default_display_currency_code: s.defaultDisplayCurrencyCode,
            timezone: s.timezone,
            weight_unit: s.weightUnit,
            base_url: s.urls.baseUrl,
            base_link_url: s.urls.baseLinkUrl,
            base_static_url: s.urls.baseStaticUrl,
            base_media_url: s.urls.baseMediaUrl,
            secure_base_url: s.urls.secureBaseUrl,
            secure_base_link_url: s.urls.secureBaseLinkUrl,
            secure_base_static_url: s.urls.secureBaseStaticUrl,
            secure_base_media_url: s.urls.secureBaseMediaUrl,
          };
        }),
      );
    },
  },
];
