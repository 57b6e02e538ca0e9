import { z } from 'zod';
import { Kernel, type RestRequest, type RestRoute } from '../../../app';
import { InputError } from '../../../app';
import { CatalogTable as T, DEFAULT_CATEGORY_ID } from '../api/catalog-tables';
import type { Category, CategoryInput } from '../api/category';
import { CatalogApi } from '../api/tokens';
import { storeIdOf } from './rest-helpers';

const RESOURCE = 'Magento_Catalog::categories';

const flag = z.union([z.boolean(), z.number().int().min(0).max(1)]);
const categorySchema = z.object({
  id: z.number().int().optional(),
  parent_id: z.number().int().optional(),
  name: z.string().optional(),
  is_active: flag.optional(),
  position: z.number().int().optional(),
  include_in_menu: flag.optional(),
  custom_attributes: z.array(z.object({ attribute_code: z.string(), value: z.union([z.string(), z.number(), z.boolean(), z.null()]) })).optional(),
});
const categoryRequest = z.object({ category: categorySchema });
type CategoryRequest = z.infer<typeof categoryRequest>;

const CUSTOM: Record<string, keyof CategoryInput> = {
  url_key: 'urlKey',
  description: 'description',
  meta_title: 'metaTitle',
  meta_keywords: 'metaKeywords',
  meta_description: 'metaDescription',
  is_anchor: 'isAnchor',
};

function toInput(body: z.infer<typeof categorySchema>): CategoryInput {
  const input: CategoryInput = {};
  if (body.parent_id !== undefined) input.parentId = body.parent_id;
  if (body.name !== undefined) input.name = body.name;
  if (body.is_active !== undefined) input.isActive = !!body.is_active;
  if (body.include_in_menu !== undefined) input.includeInMenu = !!body.include_in_menu;
  if (body.position !== undefined) input.position = body.position;
  for (const { attribute_code: code, value } of body.custom_attributes ?? []) {
    const key = Object.hasOwn(CUSTOM, code) ? CUSTOM[code] : undefined;
    if (!key) throw new InputError(`custom_attributes: "${code}" is not a category attribute (${Object.keys(CUSTOM).join(', ')}).`);
    if (key === 'isAnchor') input.isAnchor = value === true || value === 1 || value === '1';
    else (input as Record<string, unknown>)[key] = value === null ? null : String(value);
  }
  return input;
}

/** Magento's CategoryInterface payload. */
function toRest(c: Category) {
  const custom = [
    ['url_key', c.urlKey],
    ['url_path', c.urlPath],
    ['is_anchor', c.isAnchor ? '1' : '0'],
    ['description', c.description],
    ['meta_title', c.metaTitle],
    ['meta_keywords', c.metaKeywords],
    ['meta_description', c.metaDescription],
  ].filter(([, v]) => v !== null) as Array<[string, string]>;
  return {
    id: c.id,
    parent_id: c.parentId,
    name: c.name,
    is_active: c.isActive,
    position: c.position,
    level: c.level,
    children: c.childrenIds.join(','),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    path: c.path,
    include_in_menu: c.includeInMenu,
    custom_attributes: custom.map(([attribute_code, value]) => ({ attribute_code, value })),
  };
}

/** Magento's CategoryTreeInterface (GET /V1/categories): children_data nested to `depth`, with assigned product counts. */
async function tree(req: RestRequest<unknown>) {
  const storeId = storeIdOf(req);
  const rootId = req.query.rootCategoryId !== undefined ? Number(req.query.rootCategoryId) : DEFAULT_CATEGORY_ID;
  const depth = req.query.depth !== undefined ? Number(req.query.depth) : Infinity;
  if (!Number.isInteger(rootId) || rootId < 1) throw new InputError('rootCategoryId must be a category id.');
  if (depth !== Infinity && (!Number.isInteger(depth) || depth < 0)) throw new InputError('depth must be a whole number, 0 or more.');
  const categories = await req.get(CatalogApi.CategoryRepository).all(storeId);
  const root = await req.get(CatalogApi.CategoryRepository).get(rootId, { storeId });
  const rows = (await req.get(Kernel.Database).conn()(T.categoryProduct).groupBy('category_id').select('category_id', req.get(Kernel.Database).conn().raw('COUNT(*) AS n'))) as Array<{
    category_id: number;
    n: number | string;
  }>;
  const counts = new Map(rows.map((r) => [Number(r.category_id), Number(r.n)]));
  const node = (c: Category, level: number): Record<string, unknown> => ({
    id: c.id,
    parent_id: c.parentId,
    name: c.name,
    is_active: c.isActive,
    position: c.position,
    level: c.level,
    product_count: counts.get(c.id) ?? 0,
    children_data: level < depth ? c.childrenIds.map((id) => node(categories.get(id)!, level + 1)) : [],
  });
  return node(root, 0);
}

export const categoryRoutes: RestRoute[] = [
  { method: 'GET', path: '/categories', resource: RESOURCE, handler: tree },
  {
    method: 'GET',
    path: '/categories/:id',
    resource: RESOURCE,
    handler: async (req) => toRest(await req.get(CatalogApi.CategoryRepository).get(Number(req.params.id), { storeId: storeIdOf(req) })),
  },
  {
    method: 'POST',
    path: '/categories',
    resource: RESOURCE,
    body: categoryRequest,
    handler: async (req) => toRest(await req.get(CatalogApi.CategoryRepository).create(toInput((req.body as CategoryRequest).category), { storeId: storeIdOf(req) })),
  },
  {
    method: 'PUT',
    path: '/categories/:id',
    resource: RESOURCE,
    body: categoryRequest,
    handler: async (req) =>
      toRest(await req.get(CatalogApi.CategoryRepository).update(Number(req.params.id), toInput((req.body as CategoryRequest).category), { storeId: storeIdOf(req) })),
  },
  {
    method: 'DELETE',
    path: '/categories/:id',
    resource: RESOURCE,
    handler: async (req) => {
      await req.get(CatalogApi.CategoryRepository).delete(Number(req.params.id));
      return true;
    },
  },
];
