import { inject, injectable } from 'inversify';
import { Kernel, type Database } from '../../../app';
import { SharedSnapshot } from '../../../app/db/shared-snapshot';
import type { Category } from '../api/category';
import { CatalogTable as T } from '../api/catalog-tables';
import type { AttributeSnapshotCache } from './attribute-snapshot-cache';
import { CatalogInternal } from './catalog-internal-tokens';
import { CategoryTree, type CategoryEntityRow } from './category-tree';
import { toBool } from './sql-helpers';
import { perTransaction } from './transaction-memo';

interface RawTree {
  rows: CategoryEntityRow[];
  /** attribute code -> store id -> entity id -> value */
  values: Map<string, Map<number, Map<number, string | null>>>;
}

/**
 * Categories are few and read by every storefront request (menus, breadcrumbs, URL paths), so the process keeps the
 * whole tree: three queries, re-read after TTL_MS and dropped at once after a change made here. Per store view trees are
 * resolved from it lazily.
 */
@injectable()
export class CategoryTreeCache {
  static readonly TTL_MS = 5000;
  private readonly shared: SharedSnapshot<RawTree>;
  /** Per-store trees resolved from one raw copy; a fresh copy starts with none. */
  private resolved = new WeakMap<RawTree, Map<number, CategoryTree>>();

  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(CatalogInternal.AttributeCache) private readonly attributes: AttributeSnapshotCache,
  ) {
    this.shared = new SharedSnapshot(db, () => this.load(), CategoryTreeCache.TTL_MS, (load, generation) =>
      perTransaction(db, 'catalog.categories', load, generation),
    );
  }

  async forStore(storeId: number): Promise<CategoryTree> {
    const raw = await this.shared.current();
    if (this.db.inTransaction()) {
      return perTransaction(this.db, `catalog.categories.${storeId}`, async () => this.resolve(raw, storeId), this.shared.version);
    }
    let trees = this.resolved.get(raw);
    if (!trees) this.resolved.set(raw, (trees = new Map()));
    let tree = trees.get(storeId);
    if (!tree) trees.set(storeId, (tree = this.resolve(raw, storeId)));
    return tree;
  }

  /** Called first by a transaction that writes these tables: it then reads them afresh, its own rows included. */
  changing(): void {
    this.shared.changing();
  }

  reset(): void {
    this.shared.reset();
    this.resolved = new WeakMap();
  }

  private async load(): Promise<RawTree> {
    const conn = this.db.conn();
    const snapshot = await this.attributes.current();
    const rows = (await conn(T.category).select('*').orderBy(['level', 'position', 'entity_id'])) as CategoryEntityRow[];
    const select = (table: string) => conn(table).select('entity_id', 'attribute_id', 'store_id', 'value');
    const valueRows = (await select(T.categoryVarchar).unionAll([select(T.categoryText)])) as Array<{
      entity_id: number;
      attribute_id: number;
      store_id: number;
      value: string | null;
    }>;
    const values: RawTree['values'] = new Map();
    for (const v of valueRows) {
      const code = snapshot.getById(Number(v.attribute_id))?.code;
      if (!code) continue;
      const byStore = values.get(code) ?? new Map<number, Map<number, string | null>>();
      const byEntity = byStore.get(Number(v.store_id)) ?? new Map<number, string | null>();
      byEntity.set(Number(v.entity_id), v.value === null ? null : String(v.value));
      byStore.set(Number(v.store_id), byEntity);
      values.set(code, byStore);
    }
    return { rows, values };
  }

  private resolve(raw: RawTree, storeId: number): CategoryTree {
    const value = (code: string, id: number): string | null => {
      const byStore = raw.values.get(code);
      if (!byStore) return null;
      if (storeId) {
        const scoped = byStore.get(storeId);
        if (scoped?.has(id)) return scoped.get(id) ?? null;
      }
      return byStore.get(0)?.get(id) ?? null;
    };
    const categories = new Map<number, Category>();
    // Rows come ordered by level, so a parent is always built before its children.
    for (const row of raw.rows) {
      const id = Number(row.entity_id);
      const parentId = Number(row.parent_id);
      const level = Number(row.level);
      const urlKey = value('url_key', id);
      const parent = categories.get(parentId);
      const urlPath = level < 2 ? null : parent?.urlPath && urlKey ? `${parent.urlPath}/${urlKey}` : urlKey;
      categories.set(id, {
        id,
        parentId,
        path: row.path,
        level,
        position: Number(row.position),
        isActive: toBool(row.is_active),
        includeInMenu: toBool(row.include_in_menu),
        isAnchor: toBool(row.is_anchor),
        name: value('name', id) ?? '',
        urlKey,
        urlPath,
        description: value('description', id),
        metaTitle: value('meta_title', id),
        metaKeywords: value('meta_keywords', id),
        metaDescription: value('meta_description', id),
        childrenIds: [],
        createdAt: String(row.created_at),
        updatedAt: String(row.updated_at),
        storeId,
      });
      parent?.childrenIds.push(id);
    }
    for (const category of categories.values()) {
      category.childrenIds.sort((a, b) => categories.get(a)!.position - categories.get(b)!.position || a - b);
    }
    return new CategoryTree(storeId, categories);
  }
}
