import { AlreadyExistsError, InputError, NoSuchEntityError } from '../../../app';
import type { TestApp } from '../../../app/testing/test-app';
import { CatalogApi, type ProductRepository } from '../api';
import { ProductValidationError } from '../service/product-validation-error';
import { createCatalogTestApp, installSmallCatalog, type SmallCatalog } from './catalog-test-app';

describe('Products: EAV values with store view fallback, prices, stock, gallery, configurables', () => {
  let app: TestApp;
  let products: ProductRepository;
  let data: SmallCatalog;
  const FR = 2;

  beforeAll(async () => {
    app = await createCatalogTestApp();
    data = await installSmallCatalog(app);
    products = app.get(CatalogApi.ProductRepository);
  });
  afterAll(() => app?.close());

  it('reads store view values over the default ones, and the default where the view has none', async () => {
    const fr = await products.get('WT01', { storeId: FR });
    expect(fr).toMatchObject({ name: 'T-shirt Respire', urlKey: 't-shirt-respire', storeId: FR });
    expect(fr.attributes.description).toBe('<p>A light cotton tee.</p>');
    const base = await products.get('WT01');
    expect(base).toMatchObject({ name: 'Breathe Tee', urlKey: 'breathe-tee', typeId: 'simple', attributeSetId: 4, status: 1, visibility: 4 });
    expect(base.attributes).toMatchObject({ color: data.color.Blue, size: data.size.M });
    await products.save({ sku: 'WT01', attributes: { name: null } }, { storeId: FR });
    expect((await products.get('WT01', { storeId: FR })).name).toBe('Breathe Tee');
    await products.save({ sku: 'WT01', attributes: { name: 'T-shirt Respire' } }, { storeId: FR });
  });

  it('keeps prices in minor units with a special price between dates, weight, stock and the gallery', async () => {
    const saved = await products.save({
      sku: 'HM01',
      price: 2499,
      specialPrice: 1999,
      specialFromDate: '2026-01-01 00:00:00',
      specialToDate: '2026-01-31',
      weight: 0.45,
      attributes: { name: 'Stoneware Mug', material: [], eco_collection: 'yes' },
      stock: { qty: 7 },
      media: [
        { file: 'h/m/hm01.jpg', label: 'Front', types: ['image', 'small_image'] },
        { file: 'https://cdn.example.com/hm01-side.jpg', position: 5, types: ['thumbnail'], disabled: true },
      ],
      categoryLinks: [{ categoryId: data.gear, position: 4 }],
    });
    expect(saved).toMatchObject({
      price: 2499,
      specialPrice: 1999,
      specialFromDate: '2026-01-01',
      specialToDate: '2026-01-31',
      weight: 0.45,
      stock: { qty: 7, reservedQty: 0, salableQty: 7, isInStock: true },
      categoryLinks: [{ categoryId: data.gear, position: 4 }],
    });
    expect(saved.attributes.eco_collection).toBe(true);
    expect(saved.media).toEqual([
      { id: expect.any(Number), file: '/h/m/hm01.jpg', label: 'Front', position: 1, disabled: false, types: ['image', 'small_image'] },
      { id: expect.any(Number), file: 'https://cdn.example.com/hm01-side.jpg', label: null, position: 5, disabled: true, types: ['thumbnail'] },
    ]);
    const updated = await products.save({ sku: 'hm01', price: 2599 });
    expect(updated).toMatchObject({ sku: 'HM01', price: 2599, specialPrice: 1999, stock: { qty: 7 } });
  });

  it('accepts options by id or label (any store view label), multiselect lists and booleans', async () => {
    await app.get(CatalogApi.AttributeRepository).addOptions('material', [{ label: 'Cotton', storeLabels: { fr: 'Coton' } }, { label: 'Wool' }]);
    const material = (await app.get(CatalogApi.AttributeRepository).get('material'))!;
    const ids = Object.fromEntries(material.options.map((o) => [o.label, o.id]));
    const saved = await products.save({ sku: 'HM01', attributes: { color: String(data.color.Red), material: 'coton,Wool', eco_collection: 0 } });
    expect(saved.attributes).toMatchObject({ color: data.color.Red, material: [ids.Cotton, ids.Wool], eco_collection: false });
    const cleared = await products.save({ sku: 'HM01', attributes: { color: 'Noir', material: [] } });
    expect(cleared.attributes.color).toBe(data.color.Black);
    expect(cleared.attributes.material).toBeUndefined();
  });

  it('refuses bad input with every problem listed and nothing written', async () => {
    const attempt = products.save({
      sku: 'BAD1',
      price: -100,
      attributes: { name: 'Bad', color: 'Purple', unknown_thing: 'x', size: 'XXL', eco_collection: 'maybe' },
      media: [{ file: 'http://insecure.example.com/a.jpg' }, { file: '../../etc/passwd' }],
      categoryLinks: [{ categoryId: 999 }],
      specialFromDate: '2026-02-30',
    });
    await expect(attempt).rejects.toBeInstanceOf(ProductValidationError);
    await expect(attempt).rejects.toThrow(
      'Invalid product "BAD1": color: Option "Purple" does not exist for attribute "color"; unknown_thing: the product attribute "unknown_thing" does not exist; ' +
        'size: Option "XXL" does not exist for attribute "size"; eco_collection: "maybe" is not a boolean (use 0 or 1); price: the price must not be negative; ' +
        'special_from_date: "2026-02-30" is not a date (YYYY-MM-DD); media_gallery_entries[0].file: "http://insecure.example.com/a.jpg" is not an https URL; ' +
        'media_gallery_entries[1].file: "../../etc/passwd" is not a media path such as /m/b/mb01-blue.jpg; category_links: category 999 does not exist.',
    );
    await expect(products.get('BAD1')).rejects.toBeInstanceOf(NoSuchEntityError);
    await expect(products.save({ sku: 'BAD2', attributes: { name: 'No price' } })).rejects.toThrow('price: the "price" attribute value is empty: set it and try again');
    await expect(products.save({ sku: 'BAD3', price: 100, attributes: {} })).rejects.toThrow('name: the "name" attribute value is empty: set it and try again');
    await expect(products.save({ sku: ' ', price: 100 })).rejects.toThrow(/sku: the SKU is required/);
    await expect(products.save({ sku: 'BAD4', price: 12.5, attributes: { name: 'x' } })).rejects.toThrow('price: "12.5" is not an amount in minor units');
    await expect(products.save({ sku: 'WT01', specialFromDate: '2026-03-01', specialToDate: '2026-02-01' })).rejects.toThrow('special_to_date: the special price ends before it starts');
    await expect(products.save({ sku: 'NEWFR', price: 1, attributes: { name: 'x' } }, { storeId: FR })).rejects.toThrow('store: a product is created with its default values');
    await expect(products.get('NOPE')).rejects.toThrow("The product that was requested doesn't exist. Verify the product and try again.");
    await expect(products.delete('NOPE')).rejects.toBeInstanceOf(NoSuchEntityError);
  });

  it('refuses an attribute outside the product\'s attribute set, and accepts it once a set holds it', async () => {
    await app.get(CatalogApi.AttributeRepository).create({ code: 'fabric_care', label: 'Fabric care', input: 'text', attributeSets: [] });
    await expect(products.save({ sku: 'WT01', attributes: { fabric_care: 'Cold wash' } })).rejects.toThrow('fabric_care: the attribute "fabric_care" is not in the attribute set "Default"');
    const set = await app.get(CatalogApi.AttributeRepository).createSet('Apparel', ['color', 'size', 'fabric_care']);
    const saved = await products.save({ sku: 'WT01', attributeSet: 'Apparel', attributes: { fabric_care: 'Cold wash' } });
    expect(saved).toMatchObject({ attributeSetId: set.id, attributes: { fabric_care: 'Cold wash', name: 'Breathe Tee' } });
    await expect(products.save({ sku: 'WT01', attributeSet: 'Nope' })).rejects.toThrow('attribute_set_id: attribute set "Nope" does not exist');
    await expect(app.get(CatalogApi.AttributeRepository).create({ code: 'fabric_care', label: 'Again', input: 'text' })).rejects.toBeInstanceOf(AlreadyExistsError);
  });

  it('validates configurables: select super attributes, simple children with values, distinct combinations', async () => {
    const hoodie = await products.get('WH01');
    expect(hoodie.configurable).toEqual({
      childIds: expect.any(Array),
      options: [
        { id: expect.any(Number), attributeId: expect.any(Number), attributeCode: 'color', label: 'Color', position: 0, values: [data.color.Black, data.color.Red] },
        { id: expect.any(Number), attributeId: expect.any(Number), attributeCode: 'size', label: 'Size', position: 1, values: [data.size.S, data.size.M] },
      ],
    });
    expect(hoodie.configurable!.childIds).toHaveLength(4);
    await expect(products.save({ sku: 'CFG', typeId: 'configurable', attributes: { name: 'C' }, configurable: { attributeCodes: ['name'], childSkus: [] } })).rejects.toThrow(
      'configurable_attributes: "name" cannot be a super attribute: it must be a global dropdown (select) attribute',
    );
    await expect(
      products.save({ sku: 'CFG', typeId: 'configurable', attributes: { name: 'C' }, configurable: { attributeCodes: ['color', 'size'], childSkus: ['WT01', 'GIFT', 'NOPE', 'WP01', 'CFG'] } }),
    ).rejects.toThrow(
      'Invalid product "CFG": configurable_variations: the child product "GIFT" is virtual: children are simple products; configurable_variations: the child product "NOPE" does not exist; ' +
        'configurable_variations: the child product "WP01" has no value for "color", "size"; configurable_variations: a configurable product cannot be its own child.',
    );
    await expect(products.save({ sku: 'CFG', typeId: 'configurable', attributes: { name: 'C' }, configurable: { attributeCodes: ['color'], childSkus: ['WH01-S-Black', 'WH01-M-Black'] } })).rejects.toThrow(
      'the child products "WH01-S-Black" and "WH01-M-Black" have the same color values',
    );
    await expect(products.save({ sku: 'WT01', configurable: { attributeCodes: ['color'], childSkus: [] } })).rejects.toThrow('only a configurable product has configurable options and children');
    await expect(products.save({ sku: 'WH01', typeId: 'simple' })).rejects.toThrow('the product type cannot be changed from configurable to simple');
  });

  it('saves a batch all or nothing, reporting problems by position', async () => {
    const attempt = products.saveMany([
      { input: { sku: 'B1', price: 100, attributes: { name: 'B1' } } },
      { input: { sku: 'B2', price: -1, attributes: { name: 'B2' } } },
      { input: { sku: 'B3', price: 100, attributes: { name: 'B3', color: 'Mauve' } } },
    ]);
    await expect(attempt).rejects.toMatchObject({
      problems: [
        { index: 1, sku: 'B2', issues: [{ field: 'price', message: 'the price must not be negative' }] },
        { index: 2, sku: 'B3', issues: [{ field: 'color', message: 'Option "Mauve" does not exist for attribute "color"' }] },
      ],
    });
    await expect(products.get('B1')).rejects.toBeInstanceOf(NoSuchEntityError);
    const late = products.saveMany([
      { input: { sku: 'B1', price: 100, attributes: { name: 'B1', url_key: 'unique-b1' } } },
      { input: { sku: 'B4', price: 100, attributes: { name: 'B4', url_key: 'unique-b1' } } },
    ]);
    await expect(late).rejects.toBeInstanceOf(InputError);
    await expect(late).rejects.toThrow('URL key for specified store already exists. ("unique-b1.html" in store view "default")');
    await expect(products.get('B1')).rejects.toBeInstanceOf(NoSuchEntityError);
  });

  it('treats SKUs without regard to case, and renames a product', async () => {
    await expect(products.save({ sku: 'wt01', attributes: { meta_title: 'Tee' } })).resolves.toMatchObject({ sku: 'WT01' });
    await products.save({ sku: 'B5', price: 100, attributes: { name: 'B5' } });
    await expect(products.save({ sku: 'B5', newSku: 'wt01' })).rejects.toThrow('a product with the SKU "wt01" already exists');
    const renamed = await products.save({ sku: 'B5', newSku: 'B5-NEW' });
    expect(renamed.sku).toBe('B5-NEW');
    await expect(products.get('B5')).rejects.toBeInstanceOf(NoSuchEntityError);
  });

  it('lists products with Magento search criteria, store view values included', async () => {
    const list = await products.getList(
      { filterGroups: [{ filters: [{ field: 'name', value: '%Respire%', conditionType: 'like' }] }], sortOrders: [{ field: 'name', direction: 'ASC' }] },
      { storeId: FR },
    );
    expect(list.items.map((p) => p.sku)).toEqual(['WT01']);
    const nulls = await products.getList({ filterGroups: [{ filters: [{ field: 'special_price', value: '', conditionType: 'notnull' }] }] });
    expect(nulls.items.map((p) => p.sku).sort()).toEqual(['HM01', 'WP01']);
    const finset = await products.getList({ filterGroups: [{ filters: [{ field: 'material', value: '999', conditionType: 'finset' }] }] });
    expect(finset.totalCount).toBe(0);
    await expect(products.getList({ filterGroups: [], pageSize: 501 })).rejects.toThrow('searchCriteria[pageSize] must be between 1 and 500.');
  });
});
