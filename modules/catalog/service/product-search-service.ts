import { inject, injectable } from 'inversify';
import type { Knex } from 'knex';
import { Kernel, type ConfigService, type Database } from '../../../app';
import { InputError } from '../../../app';
import { CatalogTable as T } from '../api/catalog-tables';
import { CatalogConfigPath } from '../api/config-paths';
import type { StoreCatalogContext } from '../api/pricing';
import { Visibility } from '../api/product';
import type { SearchAdapter } from '../api/search';
import { CatalogApi } from '../api/tokens';
import { AttributeJoiner } from '../model/attribute-join';
import type { AttributeSnapshotCache } from '../model/attribute-snapshot-cache';
import { CatalogInternal } from '../model/catalog-internal-tokens';
import type { CategoryTreeCache } from '../model/category-tree-cache';
import { joinListingPrice, whereSalable } from '../model/listing-sql';
import { applyStorefrontFilters, type AppliedFilters, type FilterValue } from '../model/storefront-filter';
import type { AttributeSnapshot } from '../model/attribute-rows';
import type { CategoryTree } from '../model/category-tree';
import { computeAggregations, type Aggregation } from './product-aggregations';

export const MAX_PAGE_SIZE = 300;
/** Search hits considered per request: the matching set is filtered and sorted from these. */
export const MAX_SEARCH_HITS = 1000;

export type SortDirection = 'ASC' | 'DESC';

export interface ProductSearchArgs {
  search?: string | null;
  filter?: Record<string, FilterValue | null | undefined> | null;
  pageSize?: number | null;
  currentPage?: number | null;
  sort?: Partial<Record<'relevance' | 'position' | 'name' | 'price', SortDirection | null>> | null;
}

export interface ProductSearchResult {
  ids: number[];
  totalCount: number;
  pageSize: number;
  currentPage: number;
  totalPages: number;
  hasSearch: boolean;
  /** Facets of the whole matching set; computed only when asked for. */
  aggregations(options?: { includeDirectChildrenOnly?: boolean | null }): Promise<Aggregation[]>;
}

/**
 * The storefront `products` query: Magento's argument checks and messages, visibility (catalog without a search term,
 * search with one), stock, filters, full-text search through the SearchAdapter, sorting and paging. A page costs a count
 * and a page query (plus the search engine's), whatever its size.
 */
@injectable()
export class ProductSearchService {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.Config) private readonly config: ConfigService,
    @inject(CatalogInternal.AttributeCache) private readonly attributes: AttributeSnapshotCache,
    @inject(CatalogInternal.CategoryTree) private readonly categories: CategoryTreeCache,
    @inject(CatalogApi.SearchAdapter) private readonly engine: SearchAdapter,
  ) {}

  async search(args: ProductSearchArgs, store: StoreCatalogContext, options: { requireSearchOrFilter?: boolean } = {}): Promise<ProductSearchResult> {
    const pageSize = args.pageSize ?? 20;
    const currentPage = args.currentPage ?? 1;
    if ((options.requireSearchOrFilter ?? true) && (args.search === null || args.search === undefined) && !args.filter) {
      throw new InputError("'search' or 'filter' input argument is required.");
    }
    if (!Number.isInteger(currentPage) || currentPage < 1) throw new InputError('currentPage value must be greater than 0.');
    if (!Number.isInteger(pageSize) || pageSize < 1) throw new InputError('pageSize value must be greater than 0.');
    if (pageSize > MAX_PAGE_SIZE) throw new InputError(`pageSize value must be less than or equal to ${MAX_PAGE_SIZE}.`);
    const [snapshot, tree] = await Promise.all([this.attributes.current(), this.categories.forStore(store.storeId)]);
    const minQueryLength = (await this.config.getForStore<number>(CatalogConfigPath.MinQueryLength, store.storeCode)) ?? 3;
    const showOutOfStock = await this.config.getForStore<boolean>(CatalogConfigPath.ShowOutOfStock, store.storeCode);
    const term = (args.search ?? '').trim();
    const hasSearch = term.length > 0;
    const sort = Object.entries(args.sort ?? {}).filter((entry): entry is [string, SortDirection] => !!entry[1]);
    const defaultSort: Array<[string, SortDirection]> = hasSearch ? [['relevance', 'DESC']] : [[await this.defaultSort(store), 'ASC']];
    const order = sort.length ? sort : defaultSort;
    const checkPage = (totalCount: number) => {
      const totalPages = totalCount ? Math.ceil(totalCount / pageSize) : 0;
      if (totalCount > 0 && currentPage > totalPages) {
        throw new InputError(`currentPage value ${currentPage} specified is greater than the ${totalPages} page(s) available.`);
      }
      return totalPages;
    };

    // The query is built (filters, salability, sorting) only when needed: a listing without a search term that this process
    // compiled before, for the same arguments in the same store context, runs the SQL it compiled then (see `compiled`).
    let built: Promise<BuiltQuery> | undefined;
    const build = () => (built ??= this.build({ args, store, snapshot, tree, minQueryLength, showOutOfStock, term, hasSearch, order }));
    const key = hasSearch ? undefined : listingKey(args, store, snapshot, tree, minQueryLength, showOutOfStock, order);
    let ids: number[];
    let totalCount: number;
    if (hasSearch && order[0][0] === 'relevance') {
      // The engine ranked the hits: keep its order among those that passed the filters.
      const { matching, scores } = await build();
      const direction = order[0][1] === 'ASC' ? -1 : 1;
      const rows = (await matching()) as Array<{ entity_id: number }>;
      totalCount = rows.length;
      checkPage(totalCount);
      ids = rows
        .map((r) => Number(r.entity_id))
        .sort((a, b) => direction * ((scores!.get(b) ?? 0) - (scores!.get(a) ?? 0)) || a - b)
        .slice((currentPage - 1) * pageSize, currentPage * pageSize);
    } else {
      // MySQL/MariaDB: the page and the total in one query (a window count); only a page past the end needs a count of its own.
      // SQLite: the whole ordered list of ids, paged here. In process there is no network to save, and SQLite ran the window
      // count with a LIMIT several times slower (a 12-product category: ~300 µs against ~60 µs) than the plain ordered list.
      const windowed = this.db.client !== 'sqlite';
      let page = key === undefined ? undefined : this.compiled.get(key);
      if (!page) {
        const { knex, query } = await build();
        page = windowed
          ? query
              .clone()
              .select('e.entity_id', knex.raw('COUNT(*) OVER () AS total_count'))
              .limit(pageSize)
              .offset((currentPage - 1) * pageSize)
              .toSQL()
          : query.clone().select('e.entity_id').toSQL();
        if (key !== undefined) this.remember(key, page);
      }
      const rows = await this.run(page);
      if (!windowed) {
        totalCount = rows.length;
        ids = rows.slice((currentPage - 1) * pageSize, currentPage * pageSize).map((r) => Number(r.entity_id));
      } else {
        ids = rows.map((r) => Number(r.entity_id));
        if (rows.length) totalCount = Number(rows[0].total_count);
        else if (currentPage === 1) totalCount = 0;
        else totalCount = Number(((await (await build()).query.clone().clearOrder().count({ n: '*' }).first()) as { n: number | string } | undefined)?.n ?? 0);
      }
      checkPage(totalCount);
    }
    const totalPages = checkPage(totalCount);
    return {
      ids,
      totalCount,
      pageSize,
      currentPage,
      totalPages,
      hasSearch,
      aggregations: async (aggregationOptions = {}) => {
        const { knex, matching, needsPrice, applied } = await build();
        return computeAggregations({ knex, matching, pricesQuery: needsPrice, snapshot, tree, store, categoryId: applied.categoryId, includeDirectChildrenOnly: !!aggregationOptions.includeDirectChildrenOnly });
      },
    };
  }

  /** The listing query over `catalog_product_entity e`: visibility, salability, filters, the search engine's hits, sorting. */
  private async build(input: BuildInput): Promise<BuiltQuery> {
    const { args, store, snapshot, tree, minQueryLength, showOutOfStock, term, hasSearch, order } = input;
    const knex = this.db.conn();
    const query = knex({ e: T.product })
      .where('e.status', 1)
      .whereIn('e.visibility', hasSearch ? [Visibility.Search, Visibility.CatalogSearch] : [Visibility.Catalog, Visibility.CatalogSearch]);
    if (!showOutOfStock) whereSalable(knex, query);
    const joiner = new AttributeJoiner(knex, query, store.storeId);
    let price: Knex.Raw | undefined;
    const priceOf = () => (price ??= joinListingPrice(knex, query, store.today));
    const applied = applyStorefrontFilters({ knex, query, joiner, snapshot, tree, store, minQueryLength, price: priceOf }, args.filter ?? {});

    let scores: Map<number, number> | undefined;
    if (hasSearch) {
      const hits = await this.engine.search(term, store.storeId, MAX_SEARCH_HITS);
      scores = new Map(hits.map((h) => [h.productId, h.score]));
      if (!hits.length) query.whereRaw('1 = 0');
      else query.whereIn('e.entity_id', [...scores.keys()]);
    }
    const matching = () => query.clone().clearSelect().clearOrder().select('e.entity_id');
    if (!(hasSearch && order[0][0] === 'relevance')) {
      for (const [field, direction] of order) {
        const dir = direction === 'DESC' ? 'DESC' : 'ASC';
        if (field === 'position' && applied.positionJoined) query.orderBy('cpos.position', dir);
        else if (field === 'name') query.orderByRaw(`${joiner.valueOf(snapshot.require('name'))} ${dir}`);
        else if (field === 'price') {
          const expression = priceOf();
          query.orderByRaw(`${expression.toSQL().sql} ${dir}`, expression.toSQL().bindings as Knex.RawBinding[]);
        }
      }
      query.orderBy('e.entity_id', 'asc');
    }
    const needsPrice = () => {
      const q = matching();
      // The price may already be joined (a price filter or sort): the clone carries that join.
      const expression = price ?? joinListingPrice(knex, q, store.today);
      return q.clearSelect().select('e.entity_id', knex.raw(`${expression.toSQL().sql} AS price`, expression.toSQL().bindings as Knex.RawBinding[]));
    };
    return { knex, query, matching, needsPrice, applied, scores };
  }

  /**
   * Listing SQL compiled by this process, by listing key: building the query through knex (joins, salability, filters,
   * sorting) cost about as much as running it. Only the SQL text and its bindings are kept, never rows: each request runs it.
   */
  private readonly compiled = new Map<string, Knex.Sql>();

  private remember(key: string, sql: Knex.Sql): void {
    if (this.compiled.size >= COMPILED_LISTINGS) this.compiled.delete(this.compiled.keys().next().value as string);
    this.compiled.set(key, sql);
  }

  private run(page: Knex.Sql): Promise<Array<{ entity_id: number; total_count?: number | string }>> {
    return this.db.select(page.sql, page.bindings);
  }

  /** catalog/frontend/default_sort_by: what a filter-only listing sorts by. */
  async defaultSort(store: StoreCatalogContext): Promise<string> {
    return (await this.config.getForStore<string>(CatalogConfigPath.DefaultSortBy, store.storeCode)) ?? 'position';
  }
}

/** Listings whose SQL a process keeps (ProductSearchService.compiled); the oldest go first. */
const COMPILED_LISTINGS = 500;

interface BuildInput {
  args: ProductSearchArgs;
  store: StoreCatalogContext;
  snapshot: AttributeSnapshot;
  tree: CategoryTree;
  minQueryLength: number;
  showOutOfStock: boolean | null;
  term: string;
  hasSearch: boolean;
  order: Array<[string, SortDirection]>;
}

interface BuiltQuery {
  knex: Knex;
  query: Knex.QueryBuilder;
  matching: () => Knex.QueryBuilder;
  needsPrice: () => Knex.QueryBuilder;
  applied: AppliedFilters;
  scores?: Map<number, number>;
}

const identities = new WeakMap<object, number>();
let lastIdentity = 0;
function identity(value: object): number {
  let id = identities.get(value);
  if (id === undefined) identities.set(value, (id = ++lastIdentity));
  return id;
}

/**
 * Everything the listing SQL depends on: the arguments, the store context (store view, root category, today's date for
 * special prices), the settings read above, and the attribute and category snapshots by identity (a change, or a transaction
 * reading its own changes, brings other snapshot objects, hence other keys). Undefined when too long to be worth keeping.
 */
function listingKey(
  args: ProductSearchArgs,
  store: StoreCatalogContext,
  snapshot: AttributeSnapshot,
  tree: CategoryTree,
  minQueryLength: number,
  showOutOfStock: boolean | null,
  order: Array<[string, SortDirection]>,
): string | undefined {
  const key = JSON.stringify([identity(snapshot), identity(tree), store.storeId, store.rootCategoryId, store.today, minQueryLength, !!showOutOfStock, order, args.filter ?? null, args.pageSize ?? 20, args.currentPage ?? 1]);
  return key.length > 2000 ? undefined : key;
}
