import type { Category } from '../api/category';

export interface CategoryEntityRow {
  entity_id: number;
  parent_id: number;
  path: string;
  position: number;
  level: number;
  is_active: unknown;
  include_in_menu: unknown;
  is_anchor: unknown;
  created_at: string;
  updated_at: string;
}

/** The whole tree resolved for one store view, with the lookups the storefront and the URL generator need. */
export class CategoryTree {
  private readonly byUrlPath = new Map<string, Category>();

  constructor(
    readonly storeId: number,
    readonly categories: Map<number, Category>,
  ) {
    for (const category of categories.values()) if (category.urlPath) this.byUrlPath.set(category.urlPath, category);
  }

  get(id: number): Category | undefined {
    return this.categories.get(id);
  }

  findByUrlPath(urlPath: string): Category | undefined {
    return this.byUrlPath.get(urlPath);
  }

  /** The category and every category under it. */
  subtreeIds(id: number): number[] {
    const out: number[] = [];
    const walk = (current: number) => {
      const category = this.categories.get(current);
      if (!category) return;
      out.push(current);
      for (const child of category.childrenIds) walk(child);
    };
    walk(id);
    return out;
  }

  /** What a category lists: its subtree when it is an anchor, else itself. */
  listingIds(id: number): number[] {
    const category = this.categories.get(id);
    if (!category) return [];
    return category.isAnchor ? this.subtreeIds(id) : [id];
  }

  /** Ancestors from the top (excluding the tree root), the category itself last. */
  lineage(id: number): Category[] {
    const category = this.categories.get(id);
    if (!category) return [];
    return category.path
      .split('/')
      .map(Number)
      .map((ancestor) => this.categories.get(ancestor))
      .filter((c): c is Category => !!c && c.level > 0);
  }

  /** True when the category sits under `rootId` (the store view's root category) and it and its ancestors are active. */
  isVisibleUnder(id: number, rootId: number): boolean {
    const category = this.categories.get(id);
    if (!category || category.level < 2) return false;
    const ids = category.path.split('/').map(Number);
    const rootAt = ids.indexOf(rootId);
    if (rootAt < 0) return false;
    return ids.slice(rootAt + 1).every((ancestor) => this.categories.get(ancestor)?.isActive);
  }
}
