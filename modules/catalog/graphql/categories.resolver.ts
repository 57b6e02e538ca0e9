import type { GraphQLContext } from '../../../app';
import { InputError, NoSuchEntityError } from '../../../app';
import type { Category } from '../api/category';
import type { FilterValue } from '../model/storefront-filter';
import { decodeUid } from '../model/uid';
import { CatalogRequest } from './catalog-request';

interface CategoriesArgs {
  filters?: Record<string, FilterValue | null | undefined> | null;
  pageSize?: number | null;
  currentPage?: number | null;
}

const MAX_PAGE_SIZE = 300;

function values(key: string, value: FilterValue): string[] {
  if (value.eq == null && value.in == null) throw new InputError(`Filter "${key}" needs eq or in.`);
  return (value.eq != null ? [value.eq] : (value.in ?? []).filter((v): v is string => v !== null)).map(String);
}

function ids(key: string, value: FilterValue, uid: boolean): Set<number> {
  return new Set(
    values(key, value).map((raw) => {
      if (uid) return decodeUid(raw);
      if (!/^\d+$/.test(raw.trim())) throw new InputError(`"${raw}" is not a category id.`);
      return Number(raw);
    }),
  );
}

/**
 * Query.categories: active categories of the store view's tree matching every filter, by level then position. Without
 * filters, Magento answers the store's root category, from which a client walks `children`.
 */
export async function resolveCategories(_root: unknown, args: CategoriesArgs, ctx: GraphQLContext) {
  const pageSize = args.pageSize ?? 20;
  const currentPage = args.currentPage ?? 1;
  if (!Number.isInteger(currentPage) || currentPage < 1) throw new InputError('currentPage value must be greater than 0.');
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new InputError('pageSize value must be greater than 0.');
  if (pageSize > MAX_PAGE_SIZE) throw new InputError(`pageSize value must be less than or equal to ${MAX_PAGE_SIZE}.`);
  const request = CatalogRequest.of(ctx);
  const [tree, store] = await Promise.all([request.tree, request.store]);
  const root = tree.get(store.rootCategoryId);
  const inStore = (c: Category) => c.id === store.rootCategoryId || tree.isVisibleUnder(c.id, store.rootCategoryId);
  let matches: Category[] = [...tree.categories.values()].filter(inStore);
  const filters = Object.entries(args.filters ?? {}).filter(([, v]) => v !== null && v !== undefined) as Array<[string, FilterValue]>;
  if (!filters.length) matches = root && root.isActive ? [root] : [];
  for (const [key, value] of filters) {
    switch (key) {
      case 'category_uid':
      case 'ids': {
        const wanted = ids(key, value, key === 'category_uid');
        matches = matches.filter((c) => wanted.has(c.id));
        break;
      }
      case 'parent_category_uid':
      case 'parent_id': {
        const wanted = ids(key, value, key === 'parent_category_uid');
        matches = matches.filter((c) => wanted.has(c.parentId));
        break;
      }
      case 'url_key':
      case 'url_path': {
        const wanted = new Set(values(key, value));
        matches = matches.filter((c) => wanted.has(String((key === 'url_key' ? c.urlKey : c.urlPath) ?? '')));
        break;
      }
      case 'name': {
        const text = String(value.match ?? '').trim().toLowerCase();
        if (!text) throw new InputError('Filter "name" needs match.');
        matches = matches.filter((c) => c.name.toLowerCase().includes(text));
        break;
      }
      default:
        throw new InputError(`"${key}" is not a category filter.`);
    }
  }
  matches.sort((a, b) => a.level - b.level || a.position - b.position || a.id - b.id);
  const totalPages = Math.ceil(matches.length / pageSize);
  if (matches.length && currentPage > totalPages) throw new InputError(`currentPage value ${currentPage} specified is greater than the ${totalPages} page(s) available.`);
  return {
    items: matches.slice((currentPage - 1) * pageSize, currentPage * pageSize),
    total_count: matches.length,
    page_info: { page_size: pageSize, current_page: currentPage, total_pages: totalPages },
  };
}

/** Query.categoryList (deprecated in Magento 2.4 for `categories`): the same search, answered as the page's list. */
export async function resolveCategoryList(root: unknown, args: CategoriesArgs, ctx: GraphQLContext) {
  return (await resolveCategories(root, args, ctx)).items;
}

/**
 * Query.category(id) (deprecated in Magento 2.4 for `categories`): one active category of the store view's tree with its
 * children, the store's root category without an id; Magento's "Category doesn't exist" for anything else.
 */
export async function resolveCategory(_root: unknown, args: { id?: number | null }, ctx: GraphQLContext): Promise<Category> {
  const request = CatalogRequest.of(ctx);
  const [tree, store] = await Promise.all([request.tree, request.store]);
  const id = args.id ?? store.rootCategoryId;
  const category = tree.get(id);
  const inStore = category && (id === store.rootCategoryId ? category.isActive : tree.isVisibleUnder(id, store.rootCategoryId));
  if (!category || !inStore) throw new NoSuchEntityError("Category doesn't exist");
  return category;
}
