import DataLoader from 'dataloader';
import type { GraphQLContext } from '../../../app';
import { CatalogTable as T } from '../api/catalog-tables';
import type { Category } from '../api/category';
import type { StoreCatalogContext } from '../api/pricing';
import type { CategoryLink, MediaEntry } from '../api/product';
import type { UrlRewrite } from '../api/url-rewrite';
import { CatalogApi } from '../api/tokens';
import { Kernel } from '../../../app';
import type { AttributeSnapshot } from '../model/attribute-rows';
import { CatalogInternal } from '../model/catalog-internal-tokens';
import type { CategoryTree } from '../model/category-tree';
import { whereSalable } from '../model/listing-sql';
import type { FlatProduct } from '../model/flat-product-index';
import type { ConfigurableData, ProductCore } from '../model/product-core';
import { CatalogConfigPath } from '../api/config-paths';

/** What a resolver hands on for a product: its core, plus how a `route` query reached it. */
export type ProductSource = ProductCore & { __route?: RouteInfo };
export type CategorySource = Category & { __route?: RouteInfo };
export interface RouteInfo {
  relativeUrl: string;
  redirectCode: number;
}

const KEY = 'Comptoir_Catalog.request';

/**
 * Per-request loaders: every product field that needs data beyond the core batches through them, so a page of products costs
 * the same number of queries whatever its size and whatever fields are asked for.
 */
export class CatalogRequest {
  readonly store: Promise<StoreCatalogContext>;
  readonly tree: Promise<CategoryTree>;
  readonly snapshot: Promise<AttributeSnapshot>;
  readonly cores: DataLoader<number, ProductCore | null>;
  readonly media: DataLoader<number, MediaEntry[]>;
  readonly categoryLinks: DataLoader<number, CategoryLink[]>;
  readonly configurable: DataLoader<number, ConfigurableData | null>;
  readonly productCount: DataLoader<number, number>;
  /** The products' current URLs in the store view (url_rewrite rows that are not redirects). */
  readonly urlRewrites: DataLoader<number, UrlRewrite[]>;
  /** Set once ready() resolved: lets hot resolvers answer without a promise. */
  storeValue?: StoreCatalogContext;
  treeValue?: CategoryTree;
  snapshotValue?: AttributeSnapshot;
  private readonly primedCores = new Map<number, ProductCore>();
  private readonly primedConfigurable = new Map<number, ConfigurableData | null>();
  private readonly primedMedia = new Map<number, MediaEntry[]>();
  private stockThresholdValue?: Promise<number>;

  constructor(readonly ctx: GraphQLContext) {
    const storeId = ctx.store.storeId;
    const reader = ctx.get(CatalogInternal.ProductReader);
    this.store = ctx.get(CatalogApi.Context).forStore(storeId);
    this.tree = ctx.get(CatalogInternal.CategoryTree).forStore(storeId);
    this.snapshot = ctx.get(CatalogInternal.AttributeCache).current();
    // page() keeps what it loaded in plain maps, and the loaders look there first: priming each loader instead made three
    // promises per listed product (a hundred products and variants per category page).
    this.cores = new DataLoader(primedFirst(this.primedCores, (ids) => reader.loadCores(ids, storeId), null));
    this.media = new DataLoader(primedFirst(this.primedMedia, (ids) => reader.loadMedia(ids), []));
    this.categoryLinks = new DataLoader(async (ids) => {
      const found = await reader.loadCategoryLinks(ids);
      return ids.map((id) => found.get(id) ?? []);
    });
    this.configurable = new DataLoader(primedFirst(this.primedConfigurable, (ids) => reader.loadConfigurable(ids, { withValues: false }), null));
    this.productCount = new DataLoader((ids) => this.countProducts(ids));
    this.urlRewrites = new DataLoader(async (ids) => {
      const found = await ctx.get(CatalogApi.UrlRewrites).findCurrent('product', [...ids], storeId);
      return ids.map((id) => (found.has(id) ? [found.get(id)!] : []));
    });
  }

  /** cataloginventory/options/stock_threshold_qty in the store view, read once per request (0: `only_x_left_in_stock` is off). */
  stockThreshold(): Promise<number> {
    this.stockThresholdValue ??= this.ctx
      .get(Kernel.Config)
      .getForStore<number>(CatalogConfigPath.StockThresholdQty, this.ctx.store.storeCode)
      .then((value) => Number(value) || 0);
    return this.stockThresholdValue;
  }

  static of(ctx: GraphQLContext): CatalogRequest {
    let request = ctx.extensions.get(KEY) as CatalogRequest | undefined;
    if (!request) {
      request = new CatalogRequest(ctx);
      ctx.extensions.set(KEY, request);
    }
    return request;
  }

  /**
   * A page of products: their cores and their children's in one batch, primed into the loader, so that prices, stock and
   * variants of the whole page need no further product query.
   */
  async page(ids: readonly number[]): Promise<ProductCore[]> {
    await this.ready();
    const parents = await this.loadFlat(ids);
    const childIds = [...parents.values()].flatMap((p) => p.configurable?.childIds ?? []);
    if (childIds.length) await this.loadFlat(childIds);
    return ids.map((id) => parents.get(id)?.core).filter((c): c is ProductCore => !!c);
  }

  /** Flat documents (one query), the EAV reader for any product without one; everything primed into the loaders. */
  private async loadFlat(ids: readonly number[]): Promise<Map<number, FlatProduct>> {
    const storeId = this.ctx.store.storeId;
    const found = await this.ctx.get(CatalogInternal.FlatIndex).load(ids, storeId);
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) {
      const reader = this.ctx.get(CatalogInternal.ProductReader);
      const [cores, media, configurable] = await Promise.all([reader.loadCores(missing, storeId), reader.loadMedia(missing), reader.loadConfigurable(missing)]);
      for (const [id, core] of cores) found.set(id, { core, media: media.get(id) ?? [], configurable: configurable.get(id) ?? null });
    }
    for (const [id, { core, media, configurable }] of found) {
      this.primedCores.set(id, core);
      this.primedMedia.set(id, media);
      this.primedConfigurable.set(id, configurable);
    }
    return found;
  }

  /** Resolves the store context, the category tree and the attributes once, for the synchronous accessors. */
  async ready(): Promise<void> {
    if (this.storeValue) return;
    const [store, tree, snapshot] = await Promise.all([this.store, this.tree, this.snapshot]);
    this.storeValue = store;
    this.treeValue = tree;
    this.snapshotValue = snapshot;
  }

  /** A configurable's children when page() loaded them, without a promise; undefined otherwise. */
  childrenNow(parentId: number): ProductCore[] | undefined {
    const data = this.primedConfigurable.get(parentId);
    if (data === undefined) return undefined;
    const children: ProductCore[] = [];
    for (const id of data?.childIds ?? []) {
      const core = this.primedCores.get(id);
      if (!core) return undefined;
      children.push(core);
    }
    return children;
  }

  /** A product's gallery when page() loaded it, without a promise; undefined otherwise. */
  mediaNow(productId: number): MediaEntry[] | undefined {
    return this.primedMedia.get(productId);
  }

  configurableNow(parentId: number): ConfigurableData | null | undefined {
    return this.primedConfigurable.get(parentId);
  }

  /** Children of configurables, for prices and stock: one more batch whatever the number of configurables. */
  async children(parentId: number): Promise<ProductCore[]> {
    const data = await this.configurable.load(parentId);
    if (!data?.childIds.length) return [];
    return (await this.cores.loadMany(data.childIds)).filter((c): c is ProductCore => !!c && !(c instanceof Error));
  }

  /** Visible products per category (anchors count their subcategories'), in one query for all requested categories. */
  private async countProducts(categoryIds: readonly number[]): Promise<number[]> {
    const tree = await this.tree;
    const store = await this.store;
    const listing = new Map(categoryIds.map((id) => [id, tree.listingIds(id)]));
    const all = [...new Set([...listing.values()].flat())];
    if (!all.length) return categoryIds.map(() => 0);
    const db = this.ctx.get(Kernel.Database);
    const knex = db.conn();
    const query = knex({ cp: T.categoryProduct })
      .join({ e: T.product }, 'e.entity_id', 'cp.product_id')
      .whereIn('cp.category_id', all)
      .where('e.status', 1)
      .whereIn('e.visibility', [2, 4])
      .select('cp.category_id', 'cp.product_id');
    if (!(await this.ctx.get(Kernel.Config).getForStore<boolean>(CatalogConfigPath.ShowOutOfStock, store.storeCode))) whereSalable(knex, query);
    const rows = (await query) as Array<{ category_id: number; product_id: number }>;
    const byCategory = new Map<number, number[]>();
    for (const row of rows) {
      const list = byCategory.get(Number(row.category_id)) ?? [];
      list.push(Number(row.product_id));
      byCategory.set(Number(row.category_id), list);
    }
    return categoryIds.map((id) => new Set((listing.get(id) ?? []).flatMap((member) => byCategory.get(member) ?? [])).size);
  }
}

/**
 * A loader's batch function that answers from `primed` (what page() loaded) first and loads only the rest; `missing` is the
 * answer for an id found nowhere.
 */
function primedFirst<V, M>(primed: ReadonlyMap<number, V>, load: (ids: number[]) => Promise<ReadonlyMap<number, V | null>>, missing: M) {
  return async (ids: readonly number[]): Promise<Array<V | M>> => {
    const rest = ids.filter((id) => !primed.has(id));
    const found = rest.length ? await load(rest) : new Map<number, V | null>();
    return ids.map((id) => (primed.has(id) ? primed.get(id)! : (found.get(id) ?? missing)));
  };
}
