import { inject, injectable } from 'inversify';
import { Kernel, type Clock, type Database, type EventBus } from '../../../app';
import { InputError, NoSuchEntityError } from '../../../app';
import { CatalogTable as T, DEFAULT_CATEGORY_ID, ROOT_CATEGORY_ID } from '../api/catalog-tables';
import type { Category, CategoryInput, CategoryRepository } from '../api/category';
import type { AttributeSnapshotCache } from '../model/attribute-snapshot-cache';
import { CatalogInternal } from '../model/catalog-internal-tokens';
import type { CategoryTreeCache } from '../model/category-tree-cache';
import { dbTimestamp } from '../model/sql-helpers';
import { formatUrlKey } from './attribute-value-coercer';

const SCOPED: Array<[keyof CategoryInput, string, number]> = [
  ['name', 'name', 255],
  ['urlKey', 'url_key', 255],
  ['description', 'description', 65_535],
  ['metaTitle', 'meta_title', 255],
  ['metaKeywords', 'meta_keywords', 65_535],
  ['metaDescription', 'meta_description', 65_535],
];

const notFound = (id: unknown) => new NoSuchEntityError(`No such entity with id = ${String(id)}`);

/**
 * Categories: a materialized-path tree. Every write validates first, runs in one transaction and dispatches
 * catalog_category_save_after (its observer regenerates the URL rewrites of the category's subtree).
 */
@injectable()
export class CategoryService implements CategoryRepository {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.EventBus) private readonly events: EventBus,
    @inject(Kernel.Clock) private readonly clock: Clock,
    @inject(CatalogInternal.CategoryTree) private readonly trees: CategoryTreeCache,
    @inject(CatalogInternal.AttributeCache) private readonly attributes: AttributeSnapshotCache,
  ) {}

  async get(id: number, options: { storeId?: number } = {}): Promise<Category> {
    const category = (await this.trees.forStore(options.storeId ?? 0)).get(Number(id));
    if (!category) throw notFound(id);
    return category;
  }

  async all(storeId = 0): Promise<Map<number, Category>> {
    return (await this.trees.forStore(storeId)).categories;
  }

  async findByNamePath(namePath: string): Promise<Category | undefined> {
    const names = namePath.split('/').map((n) => n.trim().toLowerCase());
    const tree = await this.trees.forStore(0);
    let current = tree.get(ROOT_CATEGORY_ID);
    for (const name of names) {
      current = current?.childrenIds.map((id) => tree.get(id)!).find((c) => c.name.toLowerCase() === name);
      if (!current) return undefined;
    }
    return current;
  }

  async create(input: CategoryInput, options: { storeId?: number } = {}): Promise<Category> {
    if ((options.storeId ?? 0) !== 0) throw new InputError('A category is created with its default values: create it without a store view first.');
    if (input.parentId === undefined) throw new InputError('parent_id is required to create a category.');
    if (typeof input.name !== 'string' || !input.name.trim()) throw new InputError('The "name" attribute value is empty. Set the attribute and try again.');
    return this.write(async (tree, now) => {
      const parent = tree.get(Number(input.parentId));
      if (!parent) throw notFound(input.parentId);
      const siblings = parent.childrenIds.map((id) => tree.get(id)!.position);
      const conn = this.db.conn();
      const [raw] = await conn(T.category).insert({
        parent_id: parent.id,
        path: parent.path,
        position: input.position ?? (siblings.length ? Math.max(...siblings) + 1 : 1),
        level: parent.level + 1,
        children_count: 0,
        is_active: input.isActive ?? true,
        include_in_menu: input.includeInMenu ?? true,
        is_anchor: input.isAnchor ?? true,
        created_at: now,
        updated_at: now,
      });
      const id = Number(raw);
      await conn(T.category).where({ entity_id: id }).update({ path: `${parent.path}/${id}` });
      await this.adjustChildrenCount(parent.path, 1);
      await this.writeValues(id, 0, { ...input, urlKey: input.urlKey ?? input.name });
      return { id, previous: null };
    }, 0);
  }

  async update(id: number, input: CategoryInput, options: { storeId?: number } = {}): Promise<Category> {
    const storeId = options.storeId ?? 0;
    return this.write(async (tree, now) => {
      const category = tree.get(Number(id));
      if (!category || category.id === ROOT_CATEGORY_ID) throw notFound(id);
      const previous = (await this.trees.forStore(storeId)).get(category.id)!;
      const conn = this.db.conn();
      const fields: Record<string, unknown> = { updated_at: now };
      if (input.isActive !== undefined) fields.is_active = !!input.isActive;
      if (input.includeInMenu !== undefined) fields.include_in_menu = !!input.includeInMenu;
      if (input.isAnchor !== undefined) fields.is_anchor = !!input.isAnchor;
      if (input.position !== undefined) {
        if (!Number.isInteger(input.position) || input.position < 0) throw new InputError('position must be a whole number, 0 or more.');
        fields.position = input.position;
      }
      await conn(T.category).where({ entity_id: category.id }).update(fields);
      if (input.parentId !== undefined && Number(input.parentId) !== category.parentId) await this.move(tree, category, Number(input.parentId));
      if (input.name !== undefined && (typeof input.name !== 'string' || !input.name.trim()) && storeId === 0) {
        throw new InputError('The "name" attribute value is empty. Set the attribute and try again.');
      }
      await this.writeValues(category.id, storeId, input);
      return { id: category.id, previous };
    }, storeId);
  }

  async delete(id: number): Promise<void> {
    const numeric = Number(id);
    if (numeric === ROOT_CATEGORY_ID || numeric === DEFAULT_CATEGORY_ID) throw new InputError('The root categories cannot be deleted.');
    await this.db.transaction(async () => {
      this.trees.changing();
      const tree = await this.trees.forStore(0);
      const category = tree.get(numeric);
      if (!category) throw notFound(id);
      const subtree = tree.subtreeIds(numeric);
      await this.db.conn()(T.category).whereIn('entity_id', subtree).delete();
      await this.adjustChildrenCount(tree.get(category.parentId)!.path, -subtree.length);
      this.trees.reset();
      this.db.afterCommit(() => this.trees.reset());
      await this.events.dispatch('catalog_category_delete_after', { category, deletedIds: subtree });
    });
    this.trees.reset();
  }

  private async write(work: (tree: Awaited<ReturnType<CategoryTreeCache['forStore']>>, now: string) => Promise<{ id: number; previous: Category | null }>, storeId: number): Promise<Category> {
    // Whatever happens, trees read during this write (memoized in the enclosing transaction) are dropped.
    const category = await this.db.transaction(async () => {
      this.trees.changing();
      const tree = await this.trees.forStore(0);
      const { id, previous } = await work(tree, dbTimestamp(this.clock.now()));
      // The tree read above is the one before this write (memoized in the transaction): drop it.
      this.trees.reset();
      const saved = (await this.trees.forStore(storeId)).get(id)!;
      this.db.afterCommit(() => this.trees.reset());
      await this.events.dispatch('catalog_category_save_after', { category: saved, previous, storeId, isNew: !previous });
      return saved;
    }).finally(() => this.trees.reset());
    return category;
  }

  private async move(tree: Awaited<ReturnType<CategoryTreeCache['forStore']>>, category: Category, parentId: number): Promise<void> {
    if (category.id === DEFAULT_CATEGORY_ID) throw new InputError('The root categories cannot be moved.');
    const parent = tree.get(parentId);
    if (!parent) throw notFound(parentId);
    const subtree = tree.subtreeIds(category.id);
    if (subtree.includes(parent.id)) throw new InputError('A category cannot be moved under itself or one of its subcategories.');
    const conn = this.db.conn();
    const oldPrefix = category.path;
    const newPrefix = `${parent.path}/${category.id}`;
    const levelShift = parent.level + 1 - category.level;
    for (const member of subtree) {
      const node = tree.get(member)!;
      await conn(T.category).where({ entity_id: member }).update({ path: newPrefix + node.path.slice(oldPrefix.length), level: node.level + levelShift });
    }
    await conn(T.category).where({ entity_id: category.id }).update({ parent_id: parent.id });
    await this.adjustChildrenCount(tree.get(category.parentId)!.path, -subtree.length);
    await this.adjustChildrenCount(parent.path, subtree.length);
  }

  /** Magento's children_count counts every descendant: each ancestor on `path` changes by `delta`. */
  private async adjustChildrenCount(path: string, delta: number): Promise<void> {
    const ids = path.split('/').map(Number);
    const conn = this.db.conn();
    if (delta > 0) await conn(T.category).whereIn('entity_id', ids).increment('children_count', delta);
    else await conn(T.category).whereIn('entity_id', ids).decrement('children_count', -delta);
  }

  private async writeValues(id: number, storeId: number, input: CategoryInput): Promise<void> {
    const snapshot = await this.attributes.current();
    const conn = this.db.conn();
    for (const [key, code, max] of SCOPED) {
      let value = input[key] as string | null | undefined;
      if (value === undefined) continue;
      if (value !== null && typeof value !== 'string') throw new InputError(`${code} must be text.`);
      if (code === 'url_key' && value !== null) {
        const formatted = formatUrlKey(value);
        if (!formatted) throw new InputError(`"${value}" is not a valid URL key.`);
        value = formatted;
      }
      if (value !== null && value.length > max) throw new InputError(`${code} is longer than ${max} characters.`);
      const attribute = snapshot.require(code, 'catalog_category');
      const table = attribute.backendType === 'text' ? T.categoryText : T.categoryVarchar;
      if (value === null || (value === '' && storeId !== 0)) {
        await conn(table).where({ entity_id: id, attribute_id: attribute.id, store_id: storeId }).delete();
      } else {
        await conn(table).insert({ entity_id: id, attribute_id: attribute.id, store_id: storeId, value }).onConflict(['entity_id', 'attribute_id', 'store_id']).merge(['value']);
      }
    }
  }
}
