import type { Express } from 'express';
import { createHttpApp } from '../../../app/http/http-app';
import type { TestApp } from '../../../app/testing/test-app';
import { CatalogApi } from '../api';
import { createCatalogTestApp, graphql, installSmallCatalog, uid, type SmallCatalog } from './catalog-test-app';

const TREE_FIELDS = `uid id name url_key url_path url_suffix canonical_url level path position product_count children_count include_in_menu is_anchor
  breadcrumbs { category_uid category_id category_name category_level category_url_key category_url_path } relative_url redirect_code type`;

describe('categories(filters, pageSize, currentPage), CategoryTree and the catalog\'s storeConfig fields', () => {
  let app: TestApp;
  let web: Express;
  let data: SmallCatalog;
  const query = async (q: string, store?: string) => {
    const res = await graphql(web, q, { store });
    expect(res.body.errors).toBeUndefined();
    return res.body.data;
  };

  beforeAll(async () => {
    app = await createCatalogTestApp();
    data = await installSmallCatalog(app);
    web = createHttpApp(app);
  });
  afterAll(() => app?.close());

  it('answers the store\'s root category without filters, and its tree through children', async () => {
    const { categories } = await query(`{ categories { total_count page_info { current_page page_size total_pages } items { name level children { name children { name } } } } }`);
    expect(categories).toEqual({
      total_count: 1,
      page_info: { current_page: 1, page_size: 20, total_pages: 1 },
      items: [{ name: 'Default Category', level: 1, children: [{ name: 'Women', children: [{ name: 'Tops' }, { name: 'Bottoms' }] }, { name: 'Gear', children: [] }] }],
    });
  });

  it('answers CategoryTree fields in the store view, with breadcrumbs and visible product counts', async () => {
    const { categories } = await query(`{ categories(filters: { category_uid: { eq: "${uid(data.tops)}" } }) { items { ${TREE_FIELDS} } } }`, 'fr');
    expect(categories.items).toEqual([
      {
        uid: uid(data.tops),
        id: data.tops,
        name: 'Hauts',
        url_key: 'hauts',
        url_path: 'femmes/hauts',
        url_suffix: '.html',
        canonical_url: 'femmes/hauts.html',
        level: 3,
        path: `1/2/${data.women}/${data.tops}`,
        position: 1,
        product_count: 2,
        children_count: '0',
        include_in_menu: 1,
        is_anchor: 1,
        breadcrumbs: [{ category_uid: uid(data.women), category_id: data.women, category_name: 'Femmes', category_level: 2, category_url_key: 'femmes', category_url_path: 'femmes' }],
        relative_url: 'femmes/hauts.html',
        redirect_code: 0,
        type: 'CATEGORY',
      },
    ]);
    const { categories: women } = await query(`{ categories(filters: { url_path: { eq: "women" } }) { items { name product_count children_count breadcrumbs { category_name } } } }`);
    expect(women.items).toEqual([{ name: 'Women', product_count: 3, children_count: '2', breadcrumbs: null }]);
  });

  it('filters by parent, url key, name and ids, pages the matches, and hides inactive categories and their subtrees', async () => {
    const names = async (filters: string) => (await query(`{ categories(filters: ${filters}) { total_count items { name } } }`)).categories.items.map((c: { name: string }) => c.name);
    expect(await names(`{ parent_category_uid: { eq: "${uid(data.women)}" } }`)).toEqual(['Tops', 'Bottoms']);
    expect(await names(`{ parent_id: { in: ["2"] } }`)).toEqual(['Women', 'Gear']);
    expect(await names(`{ url_key: { in: ["gear", "tops"] } }`)).toEqual(['Gear', 'Tops']);
    expect(await names(`{ name: { match: "TOM" } }`)).toEqual(['Bottoms']);
    expect(await names(`{ ids: { eq: "${data.gear}" } }`)).toEqual(['Gear']);
    const page = await query(`{ categories(filters: { parent_id: { eq: "2" } }, pageSize: 1, currentPage: 2) { total_count page_info { total_pages } items { name } } }`);
    expect(page.categories).toEqual({ total_count: 2, page_info: { total_pages: 2 }, items: [{ name: 'Gear' }] });
    const past = await graphql(web, '{ categories(filters: { parent_id: { eq: "2" } }, pageSize: 1, currentPage: 3) { total_count } }');
    expect(past.body.errors[0]).toMatchObject({ message: 'currentPage value 3 specified is greater than the 2 page(s) available.', extensions: { category: 'graphql-input' } });
    await app.get(CatalogApi.CategoryRepository).update(data.women, { isActive: false });
    expect(await names(`{ url_key: { in: ["women", "tops", "gear"] } }`)).toEqual(['Gear']);
    const { categories } = await query('{ categories { items { children { name } } } }');
    expect(categories.items[0].children).toEqual([{ name: 'Gear' }]);
    expect((await query('{ route(url: "women/tops.html") { type } }')).route).toBeNull();
    await app.get(CatalogApi.CategoryRepository).update(data.women, { isActive: true });
  });

  it('answers the deprecated categoryList and category(id) queries that older Magento storefronts still send', async () => {
    const { categoryList } = await query(`{ categoryList(filters: { parent_id: { eq: "2" } }) { name url_path children { name } } }`, 'fr');
    expect(categoryList).toEqual([
      { name: 'Femmes', url_path: 'femmes', children: [{ name: 'Hauts' }, { name: 'Bottoms' }] },
      { name: 'Gear', url_path: 'gear', children: [] },
    ]);
    expect((await query('{ categoryList { name level } }')).categoryList).toEqual([{ name: 'Default Category', level: 1 }]);
    expect((await query(`{ categoryList(filters: { parent_id: { eq: "2" } }, pageSize: 1, currentPage: 2) { name } }`)).categoryList).toEqual([{ name: 'Gear' }]);
    const badFilter = await graphql(web, '{ categoryList(filters: { name: {} }) { name } }');
    expect(badFilter.body.errors[0]).toMatchObject({ message: 'Filter "name" needs match.', extensions: { category: 'graphql-input' } });

    expect((await query(`{ category(id: ${data.women}) { uid name children { name } } }`)).category).toEqual({
      uid: uid(data.women),
      name: 'Women',
      children: [{ name: 'Tops' }, { name: 'Bottoms' }],
    });
    expect((await query('{ category { name level children { name } } }')).category).toEqual({ name: 'Default Category', level: 1, children: [{ name: 'Women' }, { name: 'Gear' }] });
    for (const id of [999999, 1]) {
      const missing = await graphql(web, `{ category(id: ${id}) { name } }`);
      expect(missing.body.errors[0]).toMatchObject({ message: "Category doesn't exist", extensions: { category: 'graphql-no-such-entity' } });
      expect(missing.body.data.category).toBeNull();
    }
    await app.get(CatalogApi.CategoryRepository).update(data.women, { isActive: false });
    try {
      const hidden = await graphql(web, `{ category(id: ${data.tops}) { name } }`);
      expect(hidden.body.errors[0]).toMatchObject({ message: "Category doesn't exist" });
    } finally {
      await app.get(CatalogApi.CategoryRepository).update(data.women, { isActive: true });
    }
  });

  it('pages a category\'s products with CategoryTree.products', async () => {
    const { categories } = await query(
      `{ categories(filters: { category_uid: { eq: "${uid(data.women)}" } }) { items { products(pageSize: 2, currentPage: 1, sort: { name: ASC }) { total_count page_info { current_page total_pages } items { sku name } } } } }`,
    );
    expect(categories.items[0].products).toEqual({
      total_count: 3,
      page_info: { current_page: 1, total_pages: 2 },
      items: [{ sku: 'WT01', name: 'Breathe Tee' }, { sku: 'WH01', name: 'Hero Hoodie' }],
    });
  });

  it('adds product_url_suffix, category_url_suffix, root_category_uid and catalog_default_sort_by to storeConfig', async () => {
    const { storeConfig } = await query('{ storeConfig { product_url_suffix category_url_suffix root_category_uid root_category_id catalog_default_sort_by } }', 'fr');
    expect(storeConfig).toEqual({ product_url_suffix: '.html', category_url_suffix: '.html', root_category_uid: uid(2), root_category_id: 2, catalog_default_sort_by: 'position' });
  });
});
