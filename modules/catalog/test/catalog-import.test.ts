import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import type { CliContext } from '../../../app';
import type { TestApp } from '../../../app/testing/test-app';
import { StoreApi } from '../../store/api';
import { CatalogApi } from '../api';
import { registerCatalogImport } from '../cli/catalog-import.command';
import { CatalogImportError } from '../import/catalog-import-error';
import { parseCsv } from '../import/csv-parser';
import { importProducts } from '../import/product-importer';
import { createCatalogTestApp } from './catalog-test-app';
import { seenCatalogEvents } from './fixtures/catalog-events/module';

const csv = (rows: string[][]) => rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n') + '\n';

const HEADER = ['sku', 'store_view_code', 'attribute_set_code', 'product_type', 'categories', 'name', 'description', 'price', 'special_price', 'qty', 'is_in_stock', 'url_key', 'visibility', 'base_image', 'additional_attributes', 'configurable_variations', 'configurable_variation_labels'];

const GOOD = csv([
  HEADER,
  ['MH01', '', 'Default', 'configurable', 'Default Category/Men/Tops', 'Chaz Hoodie', '<p>Warm, with a "kangaroo" pocket.</p>', '', '', '', '1', 'chaz-hoodie', 'Catalog, Search', '/m/h/mh01-black.jpg', 'material=Cotton|Wool', 'sku=MH01-S-Black,color=Black,size=S|sku=MH01-M-Black,color=Black,size=M', 'color=Colour'],
  ['MH01-S-Black', '', 'Default', 'simple', '', 'Chaz Hoodie-S-Black', '', '52.00', '', '4', '1', '', 'Not Visible Individually', '', 'color=Black,size=S', '', ''],
  ['MH01-M-Black', '', 'Default', 'simple', '', 'Chaz Hoodie-M-Black', '', '52.00', '45.50', '0', '0', '', 'Not Visible Individually', '', 'color=Black,size=M', '', ''],
  ['MH01', 'fr', '', '', '', 'Sweat Chaz', '<p>Chaud, avec une poche kangourou.</p>', '', '', '', '', 'sweat-chaz', '', '', '', '', ''],
  ['MG01', '', '', 'simple', 'Default Category/Gear,Default Category/Men', 'Sprite Bottle', 'Keeps water cool,\nall day.', '12.5', '', '20', '', '', '', '', 'eco_collection=1', '', ''],
]);

describe('catalog:import', () => {
  let app: TestApp;
  let lines: string[];
  const out = (line: string) => void lines.push(line);

  beforeAll(async () => {
    app = await createCatalogTestApp({ modules: ['Test_CatalogEvents'] });
    await app.get(StoreApi.StoreManager).createStoreView({ code: 'fr', name: 'French' });
    const attributes = app.get(CatalogApi.AttributeRepository);
    await attributes.addOptions('color', [{ label: 'Black', storeLabels: { fr: 'Noir' } }]);
    await attributes.addOptions('size', [{ label: 'S' }, { label: 'M' }]);
    await attributes.addOptions('material', [{ label: 'Cotton' }, { label: 'Wool' }]);
  });
  afterAll(() => app?.close());
  beforeEach(() => {
    lines = [];
    seenCatalogEvents.splice(0);
  });

  function program(): Command {
    const ctx: CliContext = { paths: { root: app.root, etc: '', var: '' }, boot: async () => app, out, progress: (label, done, total) => out(`[${done}/${total}] ${label}`) };
    const root = new Command('comptoir').exitOverride();
    registerCatalogImport(root, ctx);
    root.commands.forEach((c) => c.exitOverride().configureOutput({ writeOut: out, writeErr: out }));
    return root;
  }

  const productCount = async () => (await app.get(CatalogApi.ProductRepository).getList({ filterGroups: [] })).totalCount;

  it('parses RFC 4180 CSV: quotes, doubled quotes, line breaks inside quotes, CRLF, BOM', () => {
    expect(parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\r\n"multi\nline",\n')).toEqual({
      rows: [
        { line: 1, cells: ['a', 'b'] },
        { line: 2, cells: ['x, y', 'say "hi"'] },
        { line: 3, cells: ['multi\nline', ''] },
      ],
    });
    expect(parseCsv('a\n"open')).toEqual({ error: { line: 2, message: 'a quoted field is not closed' } });
    expect(parseCsv('a\n"x"y')).toEqual({ error: { line: 2, message: 'a quoted field must be followed by a comma or the end of the line' } });
  });

  it('reports every problem by row and column, exits non-zero and imports nothing', async () => {
    const bad = csv([
      [...HEADER, 'color_code'],
      ['', '', '', 'simple', '', 'No Sku', '', '10', '', '1', '', '', '', '', '', '', '', ''],
      ['B1', 'xx', '', '', '', 'Bad Store', '', '10', '', '', '', '', '', '', '', '', '', ''],
      ['B2', '', 'Nope', 'bundle', '', 'Bad Type', '', '-3', '', 'lots', '', '', 'Everywhere', '', 'color=Purple', '', '', ''],
      ['B3', '', '', '', 'Women/Tops', 'Bad Category', '', '10.001', '', '', '', '', '', 'http://insecure.example.com/b3.jpg', 'nope', '', '', ''],
      ['B4', 'fr', '', '', '', 'Prix', '', '10', '', '', '', '', '', '', '', '', '', ''],
    ]);
    const file = path.join(app.root, 'bad.csv');
    fs.writeFileSync(file, bad);
    await expect(program().parseAsync(['catalog:import', file], { from: 'user' })).rejects.toBeInstanceOf(CatalogImportError);
    await expect(importProducts(app, bad)).rejects.toThrow(/^Import failed, nothing was imported: \d+ error\(s\)\.\n {2}row 1, column color_code: unknown column/);
    const noUnknown = bad.replace(',color_code', '').replace(/,\n/g, '\n');
    const error = await importProducts(app, noUnknown).catch((e: CatalogImportError) => e);
    expect(error).toBeInstanceOf(CatalogImportError);
    expect((error as CatalogImportError).errors).toEqual([
      { row: 2, column: 'sku', message: 'the SKU is required' },
      { row: 3, column: 'price', message: 'applies to every store view: set it on the row without store_view_code' },
      { row: 3, column: 'store_view_code', message: 'store view "xx" does not exist' },
      { row: 4, column: 'attribute_set_code', message: 'attribute set "Nope" does not exist' },
      { row: 4, column: 'product_type', message: '"bundle" is not a product type (simple, virtual, configurable)' },
      { row: 4, column: 'qty', message: '"lots" is not a whole quantity' },
      { row: 4, column: 'visibility', message: '"Everywhere" is not a visibility (Not Visible Individually, Catalog, Search, Catalog, Search)' },
      { row: 5, column: 'additional_attributes', message: 'write code=value pairs separated by commas (multiselect values separated by |)' },
      { row: 5, column: 'price', message: '10.001 has more than 2 decimals' },
      { row: 6, column: 'price', message: 'applies to every store view: set it on the row without store_view_code' },
    ]);
    // Row-level checks pass; the product service's own checks are reported by row and column too.
    const second = csv([
      ['sku', 'name', 'price', 'additional_attributes', 'base_image', 'categories'],
      ['C1', 'Fine', '10', '', '', 'Default Category/Women/Tops'],
      ['C2', 'Negative', '-3', 'color=Purple', '', ''],
      ['C3', 'Insecure', '10', '', 'http://insecure.example.com/c3.jpg', 'Women/Tops'],
    ]);
    const serviceErrors = await importProducts(app, second).catch((e: CatalogImportError) => e);
    expect((serviceErrors as CatalogImportError).errors).toEqual([{ row: 4, column: 'categories', message: '"Women/Tops" does not start with a root category (such as "Default Category")' }]);
    const third = second.replace(',Women/Tops', ',');
    expect(((await importProducts(app, third).catch((e) => e)) as CatalogImportError).errors).toEqual([
      { row: 3, column: 'additional_attributes', message: 'Option "Purple" does not exist for attribute "color"' },
      { row: 3, column: 'price', message: 'the price must not be negative' },
      { row: 4, column: 'base_image', message: '"http://insecure.example.com/c3.jpg" is not an https URL' },
    ]);
    expect(await productCount()).toBe(0);
    expect(await app.get(CatalogApi.CategoryRepository).findByNamePath('Default Category/Women')).toBeUndefined();
  });

  it('imports products, store view values, configurable variations, categories and images in one go, with progress', async () => {
    const file = path.join(app.root, 'good.csv');
    fs.writeFileSync(file, GOOD);
    await program().parseAsync(['catalog:import', file], { from: 'user' });
    expect(lines[0]).toBe('[0/5] Validating rows');
    expect(lines).toContain('[5/5] Importing products');
    expect(lines[lines.length - 1]).toBe('Imported 5 row(s): 4 product(s) created, 0 updated, 3 categories created.');
    const products = app.get(CatalogApi.ProductRepository);
    const hoodie = await products.get('MH01');
    expect(hoodie).toMatchObject({ typeId: 'configurable', visibility: 4, name: 'Chaz Hoodie', urlKey: 'chaz-hoodie', media: [{ file: '/m/h/mh01-black.jpg', types: ['image'] }] });
    expect(hoodie.attributes.description).toBe('<p>Warm, with a "kangaroo" pocket.</p>');
    expect(hoodie.configurable!.options.map((o) => [o.attributeCode, o.label])).toEqual([['color', 'Colour'], ['size', 'Size']]);
    expect(hoodie.configurable!.childIds).toHaveLength(2);
    expect(await products.get('MH01', { storeId: 2 })).toMatchObject({ name: 'Sweat Chaz', urlKey: 'sweat-chaz' });
    expect(await products.get('MH01-M-Black')).toMatchObject({ price: 5200, specialPrice: 4550, visibility: 1, stock: { qty: 0, isInStock: false } });
    const bottle = await products.get('MG01');
    expect(bottle).toMatchObject({ price: 1250, stock: { qty: 20, isInStock: true }, attributes: { description: 'Keeps water cool,\nall day.', eco_collection: true } });
    const gear = await app.get(CatalogApi.CategoryRepository).findByNamePath('Default Category/Gear');
    const men = await app.get(CatalogApi.CategoryRepository).findByNamePath('Default Category/Men');
    expect(bottle.categoryLinks.map((l) => l.categoryId)).toEqual([men!.id, gear!.id].sort((a, b) => a - b));
    expect(seenCatalogEvents.filter((e) => e.event === 'catalog_product_save_after')).toHaveLength(5);
    expect(seenCatalogEvents.filter((e) => e.event === 'catalog_category_save_after')).toHaveLength(3);
    expect(seenCatalogEvents.filter((e) => e.event === 'cataloginventory_stock_item_save_after')).toHaveLength(4);
  });

  it('updates on a second run, and checks configurable_variations against the children\'s own values', async () => {
    const update = csv([
      ['sku', 'price', 'qty', 'configurable_variations'],
      ['MH01-S-Black', '49.99', '8', ''],
    ]);
    expect(await importProducts(app, update)).toEqual({ rows: 1, created: 0, updated: 1, categoriesCreated: 0 });
    expect(await app.get(CatalogApi.ProductRepository).get('MH01-S-Black')).toMatchObject({ price: 4999, stock: { qty: 8 } });
    const mismatch = csv([
      ['sku', 'configurable_variations'],
      ['MH01', 'sku=MH01-S-Black,color=Black,size=M|sku=MH01-M-Black,color=Black,size=M'],
    ]);
    expect(((await importProducts(app, mismatch).catch((e) => e)) as CatalogImportError).errors).toEqual([
      { row: 2, column: 'configurable_variations', message: '"MH01-S-Black" has size "S", not "M"' },
    ]);
    const duplicates = csv([['sku', 'name'], ['MG01', 'A'], ['mg01', 'B']]);
    expect(((await importProducts(app, duplicates).catch((e) => e)) as CatalogImportError).errors).toEqual([{ row: 3, column: 'sku', message: 'this SKU and store view are already on row 2' }]);
    await expect(program().parseAsync(['catalog:import', path.join(app.root, 'missing.csv')], { from: 'user' })).rejects.toThrow(/^Cannot read .*missing\.csv/);
  });
});
