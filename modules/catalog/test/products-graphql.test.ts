import type { Express } from 'express';
import { createHttpApp } from '../../../app/http/http-app';
import { FakeClock } from '../../../app/kernel/clock';
import { Kernel } from '../../../app/kernel/tokens';
import type { TestApp } from '../../../app/testing/test-app';
import { CatalogApi, CatalogConfigPath } from '../api';
import { CatalogInternal } from '../model/catalog-internal-tokens';
import { createCatalogTestApp, graphql, installSmallCatalog, uid, type SmallCatalog } from './catalog-test-app';

/** The tee's gallery: a front image in every role, a back image, a hidden one. */
const TEE_MEDIA = [
  { file: '/w/t/wt01-blue.jpg', label: 'Front', position: 2, types: ['image' as const, 'small_image' as const, 'thumbnail' as const] },
  { file: '/w/t/wt01-back.jpg', label: 'Back', position: 1 },
  { file: '/w/t/wt01-hidden.jpg', position: 3, disabled: true },
];

describe('products(search, filter, pageSize, currentPage, sort) over HTTP', () => {
  let app: TestApp;
  let web: Express;
  let data: SmallCatalog;
  const clock = new FakeClock(new Date('2026-01-01T12:00:00Z'));
  const skus = async (args: string, store?: string) => {
    const res = await graphql(web, `{ products(${args}) { total_count items { sku } } }`, { store });
    expect(res.body.errors).toBeUndefined();
    return res.body.data.products.items.map((p: { sku: string }) => p.sku);
  };
  const error = async (args: string) => {
    const res = await graphql(web, `{ products(${args}) { total_count items { sku } } }`);
    expect(res.body.data?.products ?? null).toBeNull();
    return { message: res.body.errors[0].message, category: res.body.errors[0].extensions.category };
  };

  beforeAll(async () => {
    app = await createCatalogTestApp({ overrides: (bind) => void bind(Kernel.Clock).toConstantValue(clock) });
    data = await installSmallCatalog(app);
    await app.get(CatalogApi.AttributeRepository).addOptions('material', [{ label: 'Cotton', storeLabels: { fr: 'Coton' } }, { label: 'Wool' }]);
    await app.get(CatalogApi.ProductRepository).saveMany([
      { input: { sku: 'WT01', attributes: { material: 'Cotton,Wool', eco_collection: true } } },
      { input: { sku: 'WS01', price: 3100, attributes: { name: 'Sold Out Shirt' }, stock: { qty: 0 }, categoryLinks: [{ categoryId: data.tops, position: 3 }] } },
      { input: { sku: 'WC01', price: 1500, visibility: 2, attributes: { name: 'Catalog Cap' }, stock: { qty: 1 }, categoryLinks: [{ categoryId: data.gear }] } },
      { input: { sku: 'WSO', price: 1500, visibility: 3, attributes: { name: 'Search Only Cap' }, stock: { qty: 1 }, categoryLinks: [{ categoryId: data.gear }] } },
      { input: { sku: 'WD01', price: 1500, status: 2, attributes: { name: 'Disabled Cap' }, stock: { qty: 1 }, categoryLinks: [{ categoryId: data.gear }] } },
    ]);
    web = createHttpApp(app);
  });
  afterAll(() => app?.close());

  it('refuses missing arguments and out-of-range pages with Magento\'s graphql-input errors', async () => {
    expect(await error('pageSize: 5')).toEqual({ message: "'search' or 'filter' input argument is required.", category: 'graphql-input' });
    expect(await error('filter: {}, pageSize: 301')).toEqual({ message: 'pageSize value must be less than or equal to 300.', category: 'graphql-input' });
    expect(await error('filter: {}, pageSize: 0')).toEqual({ message: 'pageSize value must be greater than 0.', category: 'graphql-input' });
    expect(await error('filter: {}, currentPage: 0')).toEqual({ message: 'currentPage value must be greater than 0.', category: 'graphql-input' });
    expect(await error(`filter: { category_uid: { eq: "${uid(data.women)}" } }, pageSize: 2, currentPage: 3`)).toEqual({
      message: 'currentPage value 3 specified is greater than the 2 page(s) available.',
      category: 'graphql-input',
    });
    expect(await error('filter: { category_uid: { eq: "not a uid" } }')).toEqual({ message: 'Value of uid "not a uid" is incorrect.', category: 'graphql-input' });
    expect(await error('filter: { price: { from: "cheap" } }')).toEqual({ message: 'Invalid value "cheap" for filter price.from: expected a number, 0 or more.', category: 'graphql-input' });
    expect(await error('filter: { price: { from: "50", to: "10" } }')).toEqual({ message: 'Invalid price filter: "from" is greater than "to".', category: 'graphql-input' });
    expect(await error('filter: { name: { match: "te" } }')).toEqual({ message: 'Invalid match filter. Minimum length is 3.', category: 'graphql-input' });
    expect(await error('filter: { color: { eq: "Blue" } }')).toEqual({ message: 'Invalid value "Blue" for filter color: expected an option id.', category: 'graphql-input' });
    expect(await error('filter: { price: {} }')).toEqual({ message: 'Filter "price" needs from or to.', category: 'graphql-input' });
    expect(await error('filter: { sku: {} }')).toEqual({ message: 'Filter "sku" needs eq or in.', category: 'graphql-input' });
    // Operators the schema does not have (Magento dropped `like`) fail validation before anything runs.
    const like = await graphql(web, '{ products(filter: { sku: { like: "W%" } }) { total_count } }');
    expect(like.body.errors[0]).toMatchObject({ message: 'Field "like" is not defined by type "FilterEqualTypeInput".', extensions: { category: 'graphql' } });
    const store = await app.get(CatalogApi.Context).forStore(1);
    await expect(app.get(CatalogInternal.ProductSearch).search({ filter: { meta_title: { eq: 'x' } } }, store)).rejects.toThrow('The attribute "meta_title" is not filterable.');
    // An empty result has no pages to be past.
    expect(await skus('filter: { sku: { eq: "NONE" } }, currentPage: 4')).toEqual([]);
  });

  it('filters by category (anchors include subcategories), url path, sku, url key, name, description, price and options', async () => {
    expect(await skus(`filter: { category_uid: { eq: "${uid(data.women)}" } }`)).toEqual(['WP01', 'WH01', 'WT01']);
    expect(await skus(`filter: { category_uid: { in: ["${uid(data.tops)}", "${uid(data.gear)}"] } }`)).toEqual(['GIFT', 'WC01', 'WH01', 'WT01']);
    expect(await skus(`filter: { category_id: { eq: "${data.bottoms}" } }`)).toEqual(['WP01']);
    expect(await skus('filter: { category_url_path: { eq: "women/tops" } }')).toEqual(['WH01', 'WT01']);
    expect(await skus('filter: { category_url_path: { eq: "femmes/hauts" } }', 'fr')).toEqual(['WH01', 'WT01']);
    expect(await skus('filter: { category_url_path: { eq: "femmes/hauts" } }')).toEqual([]);
    expect(await skus('filter: { sku: { in: ["wt01", "WP01", "WH01-S-Black"] } }')).toEqual(['WT01', 'WP01']);
    expect(await skus('filter: { url_key: { eq: "t-shirt-respire" } }', 'fr')).toEqual(['WT01']);
    expect(await skus('filter: { url_key: { eq: "breathe-tee" } }', 'fr')).toEqual([]);
    expect(await skus('filter: { name: { match: "hoodie hero" } }')).toEqual(['WH01']);
    expect(await skus('filter: { name: { match: "hoodie hero", match_type: FULL } }')).toEqual([]);
    expect(await skus('filter: { name: { match: "respire" } }', 'fr')).toEqual(['WT01']);
    expect(await skus('filter: { description: { match: "cotton" } }')).toEqual(['WT01']);
    expect(await skus('filter: { short_description: { match: "stretchy" } }')).toEqual(['WP01']);
    expect(await skus('filter: { price: { from: "40", to: "52" } }, sort: { price: ASC }')).toEqual(['WP01', 'WH01']);
    expect(await skus(`filter: { color: { eq: "${data.color.Black}" } }`)).toEqual(['WH01']);
    expect(await skus(`filter: { color: { in: ["${data.color.Black}", "${data.color.Blue}"] }, size: { eq: "${data.size.M}" } }, sort: { name: ASC }`)).toEqual(['WT01', 'WH01']);
    const cotton = (await app.get(CatalogApi.AttributeRepository).get('material'))!.options.find((o) => o.label === 'Cotton')!.id;
    expect(await skus(`filter: { material: { eq: "${cotton}" } }`)).toEqual(['WT01']);
    expect(await skus('filter: { eco_collection: { eq: "1" } }')).toEqual(['WT01']);
  });

  it('shows only enabled, salable products listed in the catalog (or in search, with a search term)', async () => {
    expect(await skus(`filter: { category_uid: { eq: "${uid(data.gear)}" } }`)).toEqual(['GIFT', 'WC01']);
    expect(await skus('search: "cap"')).toEqual(['WSO']);
    expect(await skus(`filter: { category_uid: { eq: "${uid(data.tops)}" } }`)).not.toContain('WS01');
    await app.config.set(CatalogConfigPath.ShowOutOfStock, true);
    const res = await graphql(web, `{ products(filter: { category_uid: { eq: "${uid(data.tops)}" } }) { items { sku stock_status } } categories(filters: { category_uid: { eq: "${uid(data.tops)}" } }) { items { product_count } } }`);
    expect(res.body.data.products.items).toEqual([
      { sku: 'WH01', stock_status: 'IN_STOCK' },
      { sku: 'WT01', stock_status: 'IN_STOCK' },
      { sku: 'WS01', stock_status: 'OUT_OF_STOCK' },
    ]);
    expect(res.body.data.categories.items[0].product_count).toBe(3);
    await app.config.set(CatalogConfigPath.ShowOutOfStock, false);
  });

  it('sorts by position (the default), name, price, and by relevance with a search term; pages the result', async () => {
    const women = `filter: { category_uid: { eq: "${uid(data.women)}" } }`;
    expect(await skus(`${women}, sort: { name: ASC }`)).toEqual(['WT01', 'WH01', 'WP01']);
    expect(await skus(`${women}, sort: { name: DESC }`, 'fr')).toEqual(['WP01', 'WT01', 'WH01']);
    expect(await skus(`${women}, sort: { price: DESC }`)).toEqual(['WH01', 'WP01', 'WT01']);
    expect(await skus(`${women}, sort: { position: DESC }`)).toEqual(['WT01', 'WH01', 'WP01']);
    const page = await graphql(web, `{ products(${women}, pageSize: 2, currentPage: 2) { total_count page_info { page_size current_page total_pages } items { sku } } }`);
    expect(page.body.data.products).toEqual({ total_count: 3, page_info: { page_size: 2, current_page: 2, total_pages: 2 }, items: [{ sku: 'WT01' }] });
    expect(await skus('search: "tee hoodie"')).toEqual(expect.arrayContaining(['WT01', 'WH01']));
    expect(await skus('search: "hoodie", sort: { price: ASC }')).toEqual(['WH01']);
  });

  it('answers ProductInterface fields: uid, prices in major units with discounts, images, gallery, categories, stock', async () => {
    await app.get(CatalogApi.ProductRepository).save({ sku: 'WT01', media: TEE_MEDIA });
    const res = await graphql(
      web,
      `{ products(filter: { sku: { in: ["WT01", "WP01", "GIFT"] } }, sort: { name: ASC }) { items {
        __typename uid id sku name url_key url_suffix canonical_url type_id description { html } short_description { html } special_price
        stock_status categories { uid name url_path breadcrumbs { category_name category_url_path } }
        image { url label } thumbnail { url } media_gallery { __typename url label position disabled }
        price_range { minimum_price { regular_price { value currency } final_price { value currency } discount { amount_off percent_off } } maximum_price { final_price { value } } }
        ... on SimpleProduct { weight relative_url redirect_code type }
      } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const [tee, gift, pants] = res.body.data.products.items;
    const teeId = (await app.get(CatalogApi.ProductRepository).get('WT01')).id;
    expect(tee).toEqual({
      __typename: 'SimpleProduct',
      uid: Buffer.from(String(teeId)).toString('base64'),
      id: teeId,
      sku: 'WT01',
      name: 'Breathe Tee',
      url_key: 'breathe-tee',
      url_suffix: '.html',
      canonical_url: 'breathe-tee.html',
      type_id: 'simple',
      description: { html: '<p>A light cotton tee.</p>' },
      short_description: null,
      special_price: null,
      stock_status: 'IN_STOCK',
      categories: [{ uid: uid(data.tops), name: 'Tops', url_path: 'women/tops', breadcrumbs: [{ category_name: 'Women', category_url_path: 'women' }] }],
      image: { url: 'https://shop.example.com/media/catalog/product/w/t/wt01-blue.jpg', label: 'Front' },
      thumbnail: { url: 'https://shop.example.com/media/catalog/product/w/t/wt01-blue.jpg' },
      media_gallery: [
        { __typename: 'ProductImage', url: 'https://shop.example.com/media/catalog/product/w/t/wt01-back.jpg', label: 'Back', position: 1, disabled: false },
        { __typename: 'ProductImage', url: 'https://shop.example.com/media/catalog/product/w/t/wt01-blue.jpg', label: 'Front', position: 2, disabled: false },
      ],
      price_range: {
        minimum_price: { regular_price: { value: 29, currency: 'USD' }, final_price: { value: 29, currency: 'USD' }, discount: { amount_off: 0, percent_off: 0 } },
        maximum_price: { final_price: { value: 29 } },
      },
      weight: null,
      relative_url: 'breathe-tee.html',
      redirect_code: 0,
      type: 'PRODUCT',
    });
    expect(gift).toMatchObject({ __typename: 'VirtualProduct', sku: 'GIFT', image: { url: 'https://shop.example.com/media/catalog/product/placeholder/image.jpg', label: 'Gift Wrap' } });
    expect(pants).toMatchObject({
      sku: 'WP01',
      special_price: 45,
      short_description: { html: 'Stretchy pants' },
      price_range: { minimum_price: { regular_price: { value: 60 }, final_price: { value: 45 }, discount: { amount_off: 15, percent_off: 25 } } },
    });
  });

  it('answers configurable_options and variants with Magento uids, store view labels, and a price range over salable variants', async () => {
    const res = await graphql(
      web,
      `{ products(filter: { sku: { eq: "WH01" } }) { items { __typename stock_status
        price_range { minimum_price { final_price { value } } maximum_price { final_price { value } } }
        ... on ConfigurableProduct {
          configurable_options { uid attribute_uid attribute_code label position values { uid label default_label store_label value_index } }
          variants { attributes { code label uid value_index } product { sku stock_status } }
        } } } }`,
      { store: 'fr' },
    );
    const hoodie = await app.get(CatalogApi.ProductRepository).get('WH01');
    const [colorOption, sizeOption] = hoodie.configurable!.options;
    const item = res.body.data.products.items[0];
    expect(item.__typename).toBe('ConfigurableProduct');
    expect(item.stock_status).toBe('IN_STOCK');
    expect(item.price_range).toEqual({ minimum_price: { final_price: { value: 52 } }, maximum_price: { final_price: { value: 55 } } });
    expect(item.configurable_options[0]).toEqual({
      uid: Buffer.from(`configurable/${hoodie.id}/${colorOption.attributeId}`).toString('base64'),
      attribute_uid: Buffer.from(String(colorOption.attributeId)).toString('base64'),
      attribute_code: 'color',
      label: 'Color',
      position: 0,
      values: [
        { uid: Buffer.from(`configurable/${colorOption.attributeId}/${data.color.Black}`).toString('base64'), label: 'Noir', default_label: 'Black', store_label: 'Noir', value_index: data.color.Black },
        { uid: Buffer.from(`configurable/${colorOption.attributeId}/${data.color.Red}`).toString('base64'), label: 'Rouge', default_label: 'Red', store_label: 'Rouge', value_index: data.color.Red },
      ],
    });
    expect(item.configurable_options[1].values.map((v: { label: string }) => v.label)).toEqual(['S', 'M']);
    expect(item.variants).toHaveLength(4);
    expect(item.variants[2]).toEqual({
      attributes: [
        { code: 'color', label: 'Rouge', uid: Buffer.from(`configurable/${colorOption.attributeId}/${data.color.Red}`).toString('base64'), value_index: data.color.Red },
        { code: 'size', label: 'S', uid: Buffer.from(`configurable/${sizeOption.attributeId}/${data.size.S}`).toString('base64'), value_index: data.size.S },
      ],
      product: { sku: 'WH01-S-Red', stock_status: 'OUT_OF_STOCK' },
    });
    // With the red medium sold out too, the range covers the black variants only.
    await app.get(CatalogApi.StockRegistry).updateStockItem('WH01-M-Red', { qty: 0 });
    const after = await graphql(web, '{ products(filter: { sku: { eq: "WH01" } }) { items { price_range { maximum_price { final_price { value } } } } } }');
    expect(after.body.data.products.items[0].price_range.maximum_price.final_price.value).toBe(52);
    await app.get(CatalogApi.StockRegistry).updateStockItem('WH01-M-Red', { qty: 5 });
  });

  it('answers the deprecated media_gallery_entries (Magento 2.3\'s gallery): every entry in position order, hidden ones flagged, the stored path', async () => {
    await app.get(CatalogApi.ProductRepository).save({ sku: 'WT01', media: TEE_MEDIA });
    const res = await graphql(web, '{ products(filter: { sku: { eq: "WT01" } }) { items { media_gallery_entries { uid id media_type label position disabled types file } } } }');
    expect(res.body.errors).toBeUndefined();
    const entries = res.body.data.products.items[0].media_gallery_entries;
    expect(entries.map(({ uid: _uid, id: _id, ...rest }: Record<string, unknown>) => rest)).toEqual([
      { media_type: 'image', label: 'Back', position: 1, disabled: false, types: [], file: '/w/t/wt01-back.jpg' },
      { media_type: 'image', label: 'Front', position: 2, disabled: false, types: ['image', 'small_image', 'thumbnail'], file: '/w/t/wt01-blue.jpg' },
      { media_type: 'image', label: null, position: 3, disabled: true, types: [], file: '/w/t/wt01-hidden.jpg' },
    ]);
    for (const entry of entries) expect(entry.uid).toBe(Buffer.from(String(entry.id)).toString('base64'));
  });

  it('answers the deprecated ProductInterface.price (Magento 2.3\'s lowest and highest final price and regular price) from the same range', async () => {
    const res = await graphql(
      web,
      '{ products(filter: { sku: { in: ["WH01", "WP01"] } }, sort: { name: ASC }) { items { sku price { minimalPrice { amount { value currency } } maximalPrice { amount { value } } regularPrice { amount { value } } } } } }',
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.products.items).toEqual([
      { sku: 'WH01', price: { minimalPrice: { amount: { value: 52, currency: 'USD' } }, maximalPrice: { amount: { value: 55 } }, regularPrice: { amount: { value: 52 } } } },
      { sku: 'WP01', price: { minimalPrice: { amount: { value: 45, currency: 'USD' } }, maximalPrice: { amount: { value: 45 } }, regularPrice: { amount: { value: 60 } } } },
    ]);
  });

  it('starts and ends special prices by the date in each store view\'s time zone', async () => {
    await app.get(CatalogApi.ProductRepository).save({ sku: 'WT01', specialPrice: 1900, specialFromDate: '2026-01-02', specialToDate: '2026-01-02' });
    const price = async (store: string) => {
      const res = await graphql(web, '{ products(filter: { sku: { eq: "WT01" } }) { items { price_range { minimum_price { final_price { value } } } } } }', { store });
      return res.body.data.products.items[0].price_range.minimum_price.final_price.value;
    };
    clock.set(new Date('2026-01-01T23:30:00Z')); // Paris: Jan 2, 00:30; Los Angeles: Jan 1, 15:30
    expect(await price('fr')).toBe(19);
    expect(await price('default')).toBe(29);
    clock.set(new Date('2026-01-02T12:00:00Z'));
    expect(await price('default')).toBe(19);
    clock.set(new Date('2026-01-03T09:00:00Z')); // Los Angeles: Jan 3, 01:00, the day after the sale
    expect(await price('default')).toBe(29);
    expect(await skus('filter: { price: { to: "20" } }, sort: { price: ASC }')).toEqual(['GIFT', 'WC01']);
    clock.set(new Date('2026-01-02T12:00:00Z'));
    expect(await skus('filter: { price: { to: "20" } }, sort: { price: ASC }')).toEqual(['GIFT', 'WC01', 'WT01']);
    await app.get(CatalogApi.ProductRepository).save({ sku: 'WT01', specialPrice: null, specialFromDate: null, specialToDate: null });
  });

  it('answers aggregations over the whole result with counts, and the sort fields', async () => {
    const res = await graphql(
      web,
      `{ products(filter: { category_uid: { eq: "${uid(data.women)}" } }, pageSize: 1) {
        aggregations(filter: { category: { includeDirectChildrenOnly: true } }) { attribute_code label count position options { label value count } }
        sort_fields { default options { value label } } } }`,
      { store: 'fr' },
    );
    const byCode = Object.fromEntries(res.body.data.products.aggregations.map((a: { attribute_code: string }) => [a.attribute_code, a]));
    expect(byCode.price.options).toEqual([
      { label: '20-30', value: '20_30', count: 1 },
      { label: '40-50', value: '40_50', count: 1 },
      { label: '50-60', value: '50_60', count: 1 },
    ]);
    expect(byCode.category_uid).toMatchObject({ label: 'Category', count: 2, options: [{ label: 'Hauts', value: uid(data.tops), count: 2 }, { label: 'Bottoms', value: uid(data.bottoms), count: 1 }] });
    expect(byCode.color).toMatchObject({ label: 'Color', options: [{ label: 'Noir', value: String(data.color.Black), count: 1 }, { label: 'Bleu', value: String(data.color.Blue), count: 1 }, { label: 'Rouge', value: String(data.color.Red), count: 1 }] });
    expect(byCode.eco_collection.options).toEqual([{ label: 'Yes', value: '1', count: 1 }]);
    expect(res.body.data.products.sort_fields).toEqual({
      default: 'position',
      options: [{ value: 'position', label: 'Position' }, { value: 'name', label: 'Product Name' }, { value: 'price', label: 'Price' }],
    });
    const everywhere = await graphql(web, `{ products(filter: { category_uid: { eq: "${uid(data.women)}" } }) { aggregations { attribute_code options { value } } } }`);
    const categories = everywhere.body.data.products.aggregations.find((a: { attribute_code: string }) => a.attribute_code === 'category_uid');
    expect(categories.options.map((o: { value: string }) => o.value)).toEqual([uid(data.tops), uid(data.bottoms)]);
    const search = await graphql(web, '{ products(search: "hoodie") { sort_fields { default options { value } } } }');
    expect(search.body.data.products.sort_fields).toEqual({ default: 'relevance', options: [{ value: 'relevance' }, { value: 'position' }, { value: 'name' }, { value: 'price' }] });
  });

  it('runs the SQL it compiled for a listing again on every request: changes to products, stock, categories and settings show at once', async () => {
    const gear = `filter: { category_uid: { eq: "${uid(data.gear)}" } }`;
    const before = await skus(gear);
    expect(await skus(gear)).toEqual(before);
    // A new product in the category (last: same position, newer id).
    await app.get(CatalogApi.ProductRepository).save({ sku: 'WB01', price: 900, attributes: { name: 'Water Bottle' }, stock: { qty: 4 }, categoryLinks: [{ categoryId: data.gear, position: 0 }] });
    expect(await skus(gear)).toEqual([...before, 'WB01']);
    // Sold out: gone; the setting to show it: back (another key).
    await app.get(CatalogApi.StockRegistry).updateStockItem('WB01', { qty: 0 });
    expect(await skus(gear)).toEqual(before);
    await app.config.set(CatalogConfigPath.ShowOutOfStock, true);
    expect(await skus(gear)).toEqual([...before, 'WB01']);
    await app.config.set(CatalogConfigPath.ShowOutOfStock, false);
    expect(await skus(gear)).toEqual(before);
    // A subcategory (anchors list their subcategories' products): another category tree, another key.
    const sub = await app.get(CatalogApi.CategoryRepository).create({ parentId: data.gear, name: 'Bottles', urlKey: 'bottles' });
    await app.get(CatalogApi.ProductRepository).save({ sku: 'WB02', price: 1100, attributes: { name: 'Steel Bottle' }, stock: { qty: 2 }, categoryLinks: [{ categoryId: sub.id }] });
    expect(await skus(gear)).toEqual([...before, 'WB02']);
    // Bad input is refused every time, never remembered.
    for (let i = 0; i < 2; i++) expect(await error('filter: { category_uid: { eq: "not a uid" } }')).toEqual({ message: 'Value of uid "not a uid" is incorrect.', category: 'graphql-input' });
    expect((await error(`${gear}, pageSize: 1, currentPage: 9`)).message).toBe('currentPage value 9 specified is greater than the 3 page(s) available.');
    expect((await error(`${gear}, pageSize: 1, currentPage: 9`)).message).toBe('currentPage value 9 specified is greater than the 3 page(s) available.');
  });
});
