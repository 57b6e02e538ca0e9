import { inject, injectable } from 'inversify';
import { Kernel, type ConfigService, type Database } from '../../../app';
import { InputError } from '../../../app';
import { StoreApi, type StoreRepository, type StoreView } from '../../store/api';
import { CatalogTable as T } from '../api/catalog-tables';
import { CatalogConfigPath } from '../api/config-paths';
import type { CatalogContextProvider } from '../api/pricing';
import { Visibility } from '../api/product';
import { CatalogApi } from '../api/tokens';
import type { UrlRewrite, UrlRewriteEntityType, UrlRewriteFinder } from '../api/url-rewrite';
import { CatalogInternal } from '../model/catalog-internal-tokens';
import type { CategoryTreeCache } from '../model/category-tree-cache';
import type { ProductReader } from '../model/product-reader';
import { chunks } from '../model/sql-helpers';
import { perTransaction } from '../model/transaction-memo';

interface RewriteRow {
  url_rewrite_id: number;
  entity_type: string;
  entity_id: number;
  request_path: string;
  target_path: string;
  redirect_type: number;
  store_id: number;
}

export const URL_KEY_TAKEN = 'URL key for specified store already exists.';

const toRewrite = (r: RewriteRow): UrlRewrite => ({
  id: Number(r.url_rewrite_id),
  storeId: Number(r.store_id),
  requestPath: r.request_path,
  targetPath: r.target_path,
  entityType: r.entity_type as UrlRewriteEntityType,
  entityId: Number(r.entity_id),
  redirectType: Number(r.redirect_type) as UrlRewrite['redirectType'],
});

/**
 * Keeps url_rewrite in step with url keys, per storefront store view: a product's URL is its url_key plus the product suffix,
 * a category's the url keys from its store root plus the category suffix. When a URL changes, the old one becomes a 301 to
 * the new one (catalog/seo/save_rewrites_history), and older redirects are pointed at the new URL so no chain builds up.
 */
@injectable()
export class UrlRewriteService implements UrlRewriteFinder {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.Config) private readonly config: ConfigService,
    @inject(StoreApi.StoreRepository) private readonly stores: StoreRepository,
    @inject(CatalogApi.Context) private readonly context: CatalogContextProvider,
    @inject(CatalogInternal.ProductReader) private readonly reader: ProductReader,
    @inject(CatalogInternal.CategoryTree) private readonly categories: CategoryTreeCache,
  ) {}

  async findByRequestPath(requestPath: string, storeId: number): Promise<UrlRewrite | undefined> {
    const row = (await this.db.conn()(T.urlRewrite).where({ request_path: requestPath, store_id: storeId }).first()) as RewriteRow | undefined;
    return row ? toRewrite(row) : undefined;
  }

  async findCurrent(entityType: UrlRewriteEntityType, entityIds: number[], storeId: number): Promise<Map<number, UrlRewrite>> {
    const out = new Map<number, UrlRewrite>();
    for (const part of chunks(entityIds)) {
      const rows = (await this.db.conn()(T.urlRewrite).where({ entity_type: entityType, store_id: storeId, redirect_type: 0 }).whereIn('entity_id', part)) as RewriteRow[];
      for (const row of rows) out.set(Number(row.entity_id), toRewrite(row));
    }
    return out;
  }

  async syncProducts(ids: number[]): Promise<void> {
    for (const view of await this.storefrontViews()) {
      const { productUrlSuffix } = await this.context.forStore(view.id);
      for (const part of chunks(ids)) {
        const cores = await this.reader.loadCores(part, view.id);
        const desired = new Map<number, string | null>();
        for (const id of part) {
          const core = cores.get(id);
          desired.set(id, core && core.visibility !== Visibility.NotVisibleIndividually && core.urlKey ? core.urlKey + productUrlSuffix : null);
        }
        await this.apply('product', desired, view);
      }
    }
  }

  /** The categories and their subtrees (their paths depend on their ancestors' url keys). */
  async syncCategories(ids: number[]): Promise<void> {
    for (const view of await this.storefrontViews()) {
      const { categoryUrlSuffix, rootCategoryId } = await this.context.forStore(view.id);
      const tree = await this.categories.forStore(view.id);
      const desired = new Map<number, string | null>();
      for (const id of ids) {
        for (const member of tree.subtreeIds(id)) {
          const category = tree.get(member)!;
          const underRoot = category.path.split('/').map(Number).includes(rootCategoryId) && category.level >= 2;
          desired.set(member, underRoot && category.urlPath ? category.urlPath + categoryUrlSuffix : null);
        }
        if (!tree.get(id)) desired.set(id, null);
      }
      await this.apply('category', desired, view);
    }
  }

  async removeEntities(entityType: UrlRewriteEntityType, ids: number[]): Promise<void> {
    for (const part of chunks(ids)) await this.db.conn()(T.urlRewrite).where({ entity_type: entityType }).whereIn('entity_id', part).delete();
  }

  async regenerateAll(): Promise<void> {
    await this.db.transaction(async (trx) => {
      const products = (await trx(T.product).select('entity_id')) as Array<{ entity_id: number }>;
      await this.syncProducts(products.map((r) => Number(r.entity_id)));
      const tree = await this.categories.forStore(0);
      await this.syncCategories([...tree.categories.keys()].filter((id) => tree.get(id)!.level === 1));
    });
  }

  private storefrontViews(): Promise<StoreView[]> {
    return perTransaction(this.db, 'catalog.storeViews', () => this.stores.listStoreViews());
  }

  private async apply(entityType: UrlRewriteEntityType, desired: Map<number, string | null>, view: StoreView): Promise<void> {
    if (!desired.size) return;
    const conn = this.db.conn();
    const history = await perTransaction(this.db, `catalog.history.${view.id}`, async () => (await this.config.getForStore<boolean>(CatalogConfigPath.SaveRewritesHistory, view.code)) !== false);
    const ids = [...desired.keys()];
    const current = await this.findCurrent(entityType, ids, view.id);
    const wanted = [...desired.entries()].filter(([id, path]) => path && current.get(id)?.requestPath !== path) as Array<[number, string]>;
    const claimed = new Map<string, number>();
    for (const [id, path] of wanted) {
      if (claimed.has(path)) throw new InputError(`${URL_KEY_TAKEN} ("${path}" in store view "${view.code}")`);
      claimed.set(path, id);
    }
    const taken = new Map<string, RewriteRow>();
    for (const part of chunks([...claimed.keys()])) {
      const rows = (await conn(T.urlRewrite).where({ store_id: view.id }).whereIn('request_path', part)) as RewriteRow[];
      for (const row of rows) taken.set(row.request_path, row);
    }
    for (const [id, path] of wanted) {
      const other = taken.get(path);
      if (!other) continue;
      const sameEntity = other.entity_type === entityType && Number(other.entity_id) === id;
      const movingAway = other.entity_type === entityType && desired.has(Number(other.entity_id)) && desired.get(Number(other.entity_id)) !== path;
      // Another entity's current URL is taken unless that entity is moving off it in this same change; an old redirect can be reused.
      if (!sameEntity && Number(other.redirect_type) === 0 && !movingAway) throw new InputError(`${URL_KEY_TAKEN} ("${path}" in store view "${view.code}")`);
      if (Number(other.redirect_type) !== 0) await conn(T.urlRewrite).where({ url_rewrite_id: other.url_rewrite_id }).delete();
    }
    for (const [id, path] of desired) {
      const existing = current.get(id);
      if (!existing || existing.requestPath === path) continue;
      // An old URL another entity takes over in this change is dropped rather than kept as a redirect.
      if (path && history && !claimed.has(existing.requestPath)) {
        await conn(T.urlRewrite).where({ url_rewrite_id: existing.id }).update({ redirect_type: 301, target_path: path, is_autogenerated: false });
        await conn(T.urlRewrite).where({ entity_type: entityType, entity_id: id, store_id: view.id, redirect_type: 301, target_path: existing.requestPath }).update({ target_path: path });
      } else {
        await conn(T.urlRewrite).where({ url_rewrite_id: existing.id }).delete();
        await conn(T.urlRewrite).where({ entity_type: entityType, entity_id: id, store_id: view.id }).whereNot('redirect_type', 0).delete();
      }
    }
    const rows = wanted.map(([id, path]) => ({
      entity_type: entityType,
      entity_id: id,
      request_path: path,
      target_path: `catalog/${entityType}/view/id/${id}`,
      redirect_type: 0,
      store_id: view.id,
      is_autogenerated: true,
    }));
    for (const batch of chunks(rows, 200)) await conn(T.urlRewrite).insert(batch);
  }
}
