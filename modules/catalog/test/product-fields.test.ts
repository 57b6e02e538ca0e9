import fs from 'node:fs';
import type { Express } from 'express';
import { buildClientSchema, isInterfaceType, isObjectType, type GraphQLField } from 'graphql';
import { buildGraphQlSchema } from '../../../app';
import { createHttpApp } from '../../../app/http/http-app';
import type { TestApp } from '../../../app/testing/test-app';
import { recordQueries } from '../../../app/testing/query-recorder';
import { CatalogApi, CatalogConfigPath, type ProductInput } from '../api';
import { targetPathParameters } from '../graphql/product-extras.resolvers';
import { createCatalogTestApp, graphql, installSmallCatalog, uid, type SmallCatalog } from './catalog-test-app';

const REFERENCE = '/work/shared/reference/magento-2.4.7-schema.json';

const ADDED_FIELDS = [
  'url_rewrites',
  'only_x_left_in_stock',
  'new_from_date',
  'new_to_date',
  'manufacturer',
  'country_of_manufacture',
  'gift_message_available',
  'options_container',
  'swatch_image',
  'price_tiers',
  'rating_summary',
  'review_count',
  'related_products',
  'upsell_products',
  'crosssell_products',
  'product_links',
  'custom_attributesV2',
];

/** Every added field, on the product and on a configurable's variants. */
const FIELDS = `
  sku
  url_rewrites { url parameters { name value } }
  only_x_left_in_stock
  new_from_date new_to_date manufacturer country_of_manufacture gift_message_available options_container swatch_image
  price_tiers { quantity final_price { value } discount { amount_off } }
  rating_summary review_count
  related_products { sku } upsell_products { sku } crosssell_products { sku }
  product_links { sku link_type linked_product_sku }
  custom_attributesV2 {
    items { code ... on AttributeValue { value } ... on AttributeSelectedOptions { selected_options { label value } } }
    errors { type message }
  }`;

const QUERY = `{ products(filter: { sku: { in: ["WT01", "WH01", "WP01"] } }, sort: { name: ASC }) { items {
  ${FIELDS}
  ... on ConfigurableProduct { variants { product { sku only_x_left_in_stock url_rewrites { url } } } }
} } }`;

type Item = Record<string, any>;

describe('ProductInterface fields Magento storefront clients ask for', () => {
  let app: TestApp;
  let web: Express;
  let data: SmallCatalog;
  let ids: Record<string, number>;
  let acme: number;
  let globex: number;

  const products = async (store?: string, query = QUERY): Promise<Record<string, Item>> => {
    const res = await graphql(web, query, { store });
    expect(res.body.errors).toBeUndefined();
    return Object.fromEntries(res.body.data.products.items.map((item: Item) => [item.sku, item]));
  };

  beforeAll(async () => {
    app = await createCatalogTestApp();
    data = await installSmallCatalog(app);
    const attributes = app.get(CatalogApi.AttributeRepository);
    const manufacturer = await attributes.create({ code: 'manufacturer', label: 'Manufacturer', input: 'select', options: [{ label: 'Acme', storeLabels: { fr: 'Acmé' } }, { label: 'Globex' }] });
    acme = manufacturer.options.find((o) => o.label === 'Acme')!.id;
    globex = manufacturer.options.find((o) => o.label === 'Globex')!.id;
    await attributes.create({ code: 'country_of_manufacture', label: 'Country of Manufacture', input: 'text' });
    const repository = app.get(CatalogApi.ProductRepository);
    await repository.saveMany([
      { input: { sku: 'WT01', attributes: { manufacturer: 'Acme', country_of_manufacture: 'Portugal' } } },
      { input: { sku: 'WT01', attributes: { country_of_manufacture: 'le Portugal' } }, storeId: 2 },
      { input: { sku: 'WH01', attributes: { manufacturer: 'Globex' } } },
    ]);
    ids = {};
    for (const sku of ['WT01', 'WH01', 'WP01', 'WH01-S-Black']) ids[sku] = (await repository.get(sku)).id;
    web = createHttpApp(app);
  });
  afterAll(() => app?.close());

  it('answers url_rewrites with the current URL of the store view and its target path parameters (default and fr)', async () => {
    const en = await products();
    expect(en.WT01.url_rewrites).toEqual([{ url: 'breathe-tee.html', parameters: [{ name: 'id', value: String(ids.WT01) }] }]);
    expect(en.WH01.url_rewrites).toEqual([{ url: 'hero-hoodie.html', parameters: [{ name: 'id', value: String(ids.WH01) }] }]);
    // A variant not visible on its own has no URL.
    expect(en.WH01.variants[0].product.url_rewrites).toEqual([]);
    const fr = await products('fr');
    expect(fr.WT01.url_rewrites).toEqual([{ url: 't-shirt-respire.html', parameters: [{ name: 'id', value: String(ids.WT01) }] }]);
    expect(fr.WP01.url_rewrites).toEqual([{ url: 'yoga-pants.html', parameters: [{ name: 'id', value: String(ids.WP01) }] }]);
    // An old URL kept as a redirect is not listed: only the current one.
    await app.get(CatalogApi.ProductRepository).save({ sku: 'WP01', attributes: { url_key: 'yoga-leggings' } });
    expect((await products()).WP01.url_rewrites).toEqual([{ url: 'yoga-leggings.html', parameters: [{ name: 'id', value: String(ids.WP01) }] }]);
    expect(targetPathParameters('catalog/product/view/id/5/category/3')).toEqual([
      { name: 'id', value: '5' },
      { name: 'category', value: '3' },
    ]);
  });

  it('answers only_x_left_in_stock below cataloginventory/options/stock_threshold_qty, per store view, and null when off or above', async () => {
    const off = await products();
    expect([off.WT01.only_x_left_in_stock, off.WP01.only_x_left_in_stock, off.WH01.only_x_left_in_stock]).toEqual([null, null, null]);
    await app.config.set(CatalogConfigPath.StockThresholdQty, 5);
    await app.config.set(CatalogConfigPath.StockThresholdQty, 12, { scope: 'stores', code: 'fr' });
    try {
      const en = await products();
      expect(en.WP01.only_x_left_in_stock).toBe(3); // qty 3 <= 5
      expect(en.WT01.only_x_left_in_stock).toBeNull(); // qty 10 > 5
      expect(en.WH01.only_x_left_in_stock).toBeNull(); // a configurable has no quantity of its own
      const variants = Object.fromEntries(en.WH01.variants.map((v: Item) => [v.product.sku, v.product.only_x_left_in_stock]));
      expect(variants).toEqual({ 'WH01-S-Black': 5, 'WH01-M-Black': 5, 'WH01-S-Red': null, 'WH01-M-Red': 5 }); // S-Red: none left
      const fr = await products('fr');
      expect(fr.WT01.only_x_left_in_stock).toBe(10); // 10 <= 12 in the French view
      // Reserved units are not salable: 3 on hand, 1 reserved → 2 left.
      await app.get(CatalogApi.StockReservations).reserve([{ sku: 'WP01', qty: 1 }], '000000001');
      expect((await products()).WP01.only_x_left_in_stock).toBe(2);
      await expect(app.config.set(CatalogConfigPath.StockThresholdQty, -1)).rejects.toThrow(/threshold is 0 \(off\) or a positive quantity/);
    } finally {
      await app.config.set(CatalogConfigPath.StockThresholdQty, 0);
    }
  });

  it('answers plain attributes when the product has them, null when not, and empty lists / zeros for tier prices, reviews and links', async () => {
    for (const store of [undefined, 'fr']) {
      const items = await products(store);
      expect(items.WT01).toMatchObject({ manufacturer: acme, country_of_manufacture: store ? 'le Portugal' : 'Portugal' });
      expect(items.WH01.manufacturer).toBe(globex);
      expect(items.WP01).toMatchObject({ manufacturer: null, country_of_manufacture: null });
      for (const item of Object.values(items)) {
        expect(item).toMatchObject({
          new_from_date: null,
          new_to_date: null,
          gift_message_available: null,
          options_container: null,
          swatch_image: null,
          price_tiers: [],
          rating_summary: 0,
          review_count: 0,
          related_products: [],
          upsell_products: [],
          crosssell_products: [],
          product_links: [],
        });
      }
    }
  });

  it('answers custom_attributesV2 with user-defined values: selected options labelled in the store view, text as value', async () => {
    const byCode = (item: Item) => Object.fromEntries(item.custom_attributesV2.items.map((a: Item) => [a.code, a.selected_options ?? a.value]));
    const en = await products();
    expect(en.WT01.custom_attributesV2.errors).toEqual([]);
    expect(byCode(en.WT01)).toEqual({
      color: [{ label: 'Blue', value: String(data.color.Blue) }],
      size: [{ label: 'M', value: String(data.size.M) }],
      manufacturer: [{ label: 'Acme', value: String(acme) }],
      country_of_manufacture: 'Portugal',
    });
    // System attributes (name, description, price…) are not custom attributes.
    expect(en.WT01.custom_attributesV2.items.map((a: Item) => a.code)).not.toContain('name');
    expect(byCode(en.WH01)).toEqual({ manufacturer: [{ label: 'Globex', value: String(globex) }] });
    expect(byCode(en.WP01)).toEqual({});
    const fr = await products('fr');
    expect(byCode(fr.WT01)).toMatchObject({ color: [{ label: 'Bleu', value: String(data.color.Blue) }], manufacturer: [{ label: 'Acmé', value: String(acme) }], country_of_manufacture: 'le Portugal' });
    // A multiselect lists every selected option; a boolean answers 1/0.
    await app.get(CatalogApi.AttributeRepository).addOptions('material', [{ label: 'Cotton' }, { label: 'Wool' }]);
    await app.get(CatalogApi.ProductRepository).save({ sku: 'WP01', attributes: { material: 'Cotton,Wool', eco_collection: true } });
    const material = (await app.get(CatalogApi.AttributeRepository).get('material'))!.options;
    expect(byCode((await products()).WP01)).toEqual({
      material: material.map((o) => ({ label: o.label, value: String(o.id) })),
      eco_collection: '1',
    });
  });

  it('filters custom_attributesV2 on the flags Comptoir keeps and reports the others as FILTER_NOT_FOUND', async () => {
    const query = (filters: string) =>
      `{ products(filter: { sku: { eq: "WT01" } }) { items { sku custom_attributesV2(filters: ${filters}) { items { code } errors { type message } } } } }`;
    const filterable = (await products(undefined, query('{ is_filterable: true }'))).WT01.custom_attributesV2;
    expect(filterable).toEqual({ items: [{ code: 'color' }, { code: 'size' }], errors: [] });
    const notFilterable = (await products(undefined, query('{ is_filterable: false }'))).WT01.custom_attributesV2;
    expect(notFilterable.items.map((a: Item) => a.code).sort()).toEqual(['country_of_manufacture', 'manufacturer']);
    const searchable = (await products(undefined, query('{ is_searchable: true, is_filterable: true }'))).WT01.custom_attributesV2;
    expect(searchable.items).toEqual([{ code: 'color' }]);
    const unknown = (await products(undefined, query('{ is_visible_on_front: true }'))).WT01.custom_attributesV2;
    expect(unknown.errors).toEqual([{ type: 'FILTER_NOT_FOUND', message: 'Cannot filter by "is_visible_on_front" as that field does not belong to "catalog_product".' }]);
    expect(unknown.items).toHaveLength(4);
    // Keys outside Magento's AttributeFilterInput fail validation like any unknown input field.
    const res = await graphql(web, query('{ is_visible: true }'));
    expect(res.body.errors[0]).toMatchObject({ message: 'Field "is_visible" is not defined by type "AttributeFilterInput".', extensions: { category: 'graphql' } });
  });

  (fs.existsSync(REFERENCE) ? it : it.skip)('declares each added field with the name, type, arguments and deprecation of Magento 2.4.7 on every product type', () => {
    const json = JSON.parse(fs.readFileSync(REFERENCE, 'utf8'));
    const reference = buildClientSchema(json.data ?? json);
    const ours = buildGraphQlSchema(app.modules, app);
    const describeField = (field: GraphQLField<unknown, unknown> | undefined) =>
      field && {
        type: String(field.type),
        args: field.args.map((a) => `${a.name}: ${String(a.type)}`),
        deprecated: field.deprecationReason ?? null,
      };
    for (const typeName of ['ProductInterface', 'SimpleProduct', 'VirtualProduct', 'ConfigurableProduct']) {
      const mine = ours.getType(typeName);
      const theirs = reference.getType(typeName);
      if (!(isObjectType(mine) || isInterfaceType(mine)) || !(isObjectType(theirs) || isInterfaceType(theirs))) throw new Error(`${typeName} is not an object type`);
      for (const field of ADDED_FIELDS) {
        expect({ field: `${typeName}.${field}`, ...describeField(mine.getFields()[field]) }).toEqual({ field: `${typeName}.${field}`, ...describeField(theirs.getFields()[field]) });
      }
    }
    for (const typeName of ['UrlRewrite', 'HttpQueryParameter', 'TierPrice', 'ProductCustomAttributes', 'AttributeValue', 'AttributeSelectedOptions', 'AttributeSelectedOption', 'ProductLinks', 'AttributeMetadataError']) {
      const mine = ours.getType(typeName);
      const theirs = reference.getType(typeName);
      if (!isObjectType(mine) || !isObjectType(theirs)) throw new Error(`${typeName} is not an object type`);
      const shape = (type: typeof mine) => Object.values(type.getFields()).map((f) => `${f.name}: ${String(f.type)}`).sort();
      expect({ type: typeName, fields: shape(mine) }).toEqual({ type: typeName, fields: shape(theirs) });
      expect(mine.getInterfaces().map((i) => i.name)).toEqual(theirs.getInterfaces().map((i) => i.name));
    }
  });
});

describe('url_rewrites and the other added fields keep a products page at a constant number of queries', () => {
  let app: TestApp;
  let web: Express;
  let categoryUid: string;

  beforeAll(async () => {
    app = await createCatalogTestApp();
    await app.get(CatalogApi.AttributeRepository).addOptions('size', ['S', 'M'].map((label) => ({ label })));
    const category = await app.get(CatalogApi.CategoryRepository).create({ parentId: 2, name: 'Everything' });
    categoryUid = uid(category.id);
    const inputs: ProductInput[] = [];
    for (let i = 1; i <= 30; i++) {
      if (i % 3) {
        inputs.push({ sku: `S${i}`, price: 1000 + i, attributes: { name: `Simple ${i}`, size: 'S' }, stock: { qty: i }, categoryLinks: [{ categoryId: category.id, position: i }] });
        continue;
      }
      const children = ['S', 'M'].map((size) => `C${i}-${size}`);
      children.forEach((sku, k) => inputs.push({ sku, price: 2000 + k, visibility: 1, attributes: { name: sku, size: ['S', 'M'][k] }, stock: { qty: 2 } }));
      inputs.push({ sku: `C${i}`, typeId: 'configurable', attributes: { name: `Configurable ${i}` }, configurable: { attributeCodes: ['size'], childSkus: children }, categoryLinks: [{ categoryId: category.id, position: i }] });
    }
    await app.get(CatalogApi.ProductRepository).saveMany(inputs.map((input) => ({ input })));
    await app.config.set(CatalogConfigPath.StockThresholdQty, 4);
    web = createHttpApp(app);
  });
  afterAll(() => app?.close());

  async function countQueries(pageSize: number): Promise<{ queries: number; items: Item[] }> {
    const query = `{ products(filter: { category_uid: { eq: "${categoryUid}" } }, pageSize: ${pageSize}) { items {
      ${FIELDS}
      ... on ConfigurableProduct { variants { product { sku only_x_left_in_stock url_rewrites { url } custom_attributesV2 { items { code } } } } }
    } } }`;
    await graphql(web, query); // warm the shared snapshots (attributes, categories, config, stores)
    const { sql, result: res } = await recordQueries(app.db, () => graphql(web, query));
    expect(res.body.errors).toBeUndefined();
    return { queries: sql.length, items: res.body.data.products.items };
  }

  it('asks as many queries for 5 products as for 25, url_rewrites included (one batch for the page and one for the variants)', async () => {
    const small = await countQueries(5);
    const large = await countQueries(25);
    expect(small.items).toHaveLength(5);
    expect(large.items).toHaveLength(25);
    expect(large.items.every((item) => item.url_rewrites.length === 1)).toBe(true);
    expect(large.items.find((item) => item.sku === 'S1')!.only_x_left_in_stock).toBe(1);
    expect(large.queries).toBe(small.queries);
    // The page, the flat documents of the products and of their variants, and the url_rewrite batch (at most one more for
    // variants resolved in a later tick).
    expect(large.queries).toBeLessThanOrEqual(5);
  });
});
