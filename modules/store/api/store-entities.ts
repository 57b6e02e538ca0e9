/**
 * Magento's scope tree: a website holds store groups, a group holds store views. Ids 0 belong to the admin scope, which exists
 * so that admin-side data has a scope too; storefront code never serves it.
 */
export interface Website {
  id: number;
  code: string;
  name: string;
  sortOrder: number;
  /** The group a request lands in when it names this website only; 0 while the website has no group yet. */
  defaultGroupId: number;
  /** The website serving requests that name no store view (exactly one website is the default). */
  isDefault: boolean;
}

export interface StoreGroup {
  id: number;
  websiteId: number;
  code: string;
  name: string;
  /** Root of the catalog tree this group shows (2 is Magento's "Default Category"); the catalog module owns categories. */
  rootCategoryId: number;
  /** The store view a request lands in when it names this group only; 0 while the group has no view yet. */
  defaultStoreId: number;
}

export interface StoreView {
  id: number;
  code: string;
  websiteId: number;
  groupId: number;
  name: string;
  sortOrder: number;
  isActive: boolean;
}

export const ADMIN_SCOPE_ID = 0;
export const ADMIN_CODE = 'admin';

/**
 * Table and key names, for modules whose tables point at a store view or website (store_id/website_id columns).
 * Ids are `int unsigned` (knex `increments`): reference them with `t.integer('store_id').unsigned()`.
 */
export const StoreTable = {
  website: 'store_website',
  group: 'store_group',
  store: 'store',
} as const;
