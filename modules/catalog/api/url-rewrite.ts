export type UrlRewriteEntityType = 'product' | 'category';

export interface UrlRewrite {
  id: number;
  storeId: number;
  /** Without a leading slash: "women/tops.html". */
  requestPath: string;
  /** catalog/product/view/id/N for a direct URL, the new request path for a redirect. */
  targetPath: string;
  entityType: UrlRewriteEntityType;
  entityId: number;
  /** 0 for the entity's current URL, 301 for an old URL kept as a permanent redirect. */
  redirectType: 0 | 301 | 302;
}

export interface UrlRewriteFinder {
  findByRequestPath(requestPath: string, storeId: number): Promise<UrlRewrite | undefined>;
  /** Current (non-redirect) URLs of entities in a store view. */
  findCurrent(entityType: UrlRewriteEntityType, entityIds: number[], storeId: number): Promise<Map<number, UrlRewrite>>;
  /** Rebuilds every URL of every store view (a new view, a suffix change). */
  regenerateAll(): Promise<void>;
}
