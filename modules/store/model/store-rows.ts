import type { StoreGroup, StoreView, Website } from '../api/store-entities';

/** Rows as the drivers hand them back: MariaDB and SQLite both return booleans as 0/1, and counts may come back as strings. */
export interface WebsiteRow {
  website_id: number | string;
  code: string;
  name: string;
  sort_order: number | string;
  default_group_id: number | string;
  is_default: number | boolean;
}

export interface StoreGroupRow {
  group_id: number | string;
  website_id: number | string;
  code: string;
  name: string;
  root_category_id: number | string;
  default_store_id: number | string;
}

export interface StoreRow {
  store_id: number | string;
  code: string;
  website_id: number | string;
  group_id: number | string;
  name: string;
  sort_order: number | string;
  is_active: number | boolean;
}

export function toWebsite(row: WebsiteRow): Website {
  return {
    id: Number(row.website_id),
    code: row.code,
    name: row.name,
    sortOrder: Number(row.sort_order),
    defaultGroupId: Number(row.default_group_id),
    isDefault: Boolean(Number(row.is_default)),
  };
}

export function toStoreGroup(row: StoreGroupRow): StoreGroup {
  return {
    id: Number(row.group_id),
    websiteId: Number(row.website_id),
    code: row.code,
    name: row.name,
    rootCategoryId: Number(row.root_category_id),
    defaultStoreId: Number(row.default_store_id),
  };
}

export function toStoreView(row: StoreRow): StoreView {
  return {
    id: Number(row.store_id),
    code: row.code,
    websiteId: Number(row.website_id),
    groupId: Number(row.group_id),
    name: row.name,
    sortOrder: Number(row.sort_order),
    isActive: Boolean(Number(row.is_active)),
  };
}
