import { Kernel, type ServiceLocator } from '../../../app';
import { StoreApi } from '../../store/api';
import { labelIn } from '../api/attribute';
import { ROOT_CATEGORY_ID } from '../api/catalog-tables';
import type { Category } from '../api/category';
import { CatalogApi } from '../api/tokens';
import { CatalogInternal } from '../model/catalog-internal-tokens';
import { findOption } from '../service/attribute-value-coercer';
import { ProductValidationError } from '../service/product-validation-error';
import { CatalogImportError } from './catalog-import-error';
import { COLUMN_OF_FIELD, IMPORT_COLUMNS } from './import-columns';
import { mapRow, type MappedRow, type RowError } from './import-row-mapper';
import { parseCsv } from './csv-parser';

export interface ImportReport {
  rows: number;
  created: number;
  updated: number;
  categoriesCreated: number;
}

type Progress = (label: string, done: number, total: number) => void;

/**
 * catalog:import's work, apart from the CLI: parse, check every row (reporting each problem by row and column), then write
 * everything in one transaction through the category and product services — the same validation, events, URL rewrites and
 * search indexing as any other write path. Any error leaves the catalog as it was.
 */
export async function importProducts(locator: ServiceLocator, text: string, progress: Progress = () => undefined): Promise<ImportReport> {
  const parsed = parseCsv(text);
  if ('error' in parsed) throw new CatalogImportError([{ row: parsed.error.line, column: '', message: `CSV syntax: ${parsed.error.message}` }]);
  const [header, ...body] = parsed.rows;
  if (!header) throw new CatalogImportError([{ row: 1, column: '', message: 'the file is empty: the first line names the columns' }]);
  const columns = header.cells.map((c) => c.trim());
  const errors: RowError[] = [];
  const unknown = columns.filter((c) => !(IMPORT_COLUMNS as readonly string[]).includes(c));
  if (unknown.length) errors.push({ row: 1, column: unknown.join(', '), message: `unknown column(s); the columns are ${IMPORT_COLUMNS.join(', ')}` });
  const duplicated = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (duplicated.length) errors.push({ row: 1, column: duplicated.join(', '), message: 'column named twice' });
  if (!columns.includes('sku')) errors.push({ row: 1, column: 'sku', message: 'the sku column is required' });
  if (!body.length) errors.push({ row: 2, column: '', message: 'the file has no product rows' });
  if (errors.length) throw new CatalogImportError(errors);

  progress('Validating rows', 0, body.length);
  const snapshot = await locator.get(CatalogInternal.AttributeCache).current();
  const views = await locator.get(StoreApi.StoreRepository).listStoreViews();
  const { currencyDigits } = await locator.get(CatalogApi.Context).forStore(0);
  const products = snapshot.list();
  const context = {
    currencyDigits,
    storeIds: new Map(views.map((v) => [v.code, v.id])),
    attributeSets: new Set(snapshot.sets.map((s) => s.name.toLowerCase())),
    attributeCodes: new Set(products.map((a) => a.code)),
    multiselectCodes: new Set(products.filter((a) => a.input === 'multiselect').map((a) => a.code)),
  };
  const mapped: MappedRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of body) {
    if (cells.length !== columns.length) {
      errors.push({ row: line, column: '', message: `${cells.length} cells for ${columns.length} columns` });
      continue;
    }
    const values = Object.fromEntries(columns.map((c, i) => [c, cells[i]]));
    const result = mapRow(line, values, context);
    errors.push(...result.errors);
    if (!result.mapped) continue;
    const key = `${result.mapped.input.sku.toLowerCase()}|${result.mapped.storeId}`;
    if (seen.has(key)) errors.push({ row: line, column: 'sku', message: `this SKU and store view are already on row ${seen.get(key)}` });
    else seen.set(key, line);
    mapped.push(result.mapped);
  }
  const tree = await locator.get(CatalogInternal.CategoryTree).forStore(0);
  const missingCategories = planCategories(mapped, tree.categories, errors);
  await checkVariations(locator, mapped, errors);
  if (errors.length) throw new CatalogImportError(errors);

  // Children before their configurables, default values before store view values.
  const ordered = [...mapped].sort((a, b) => rank(a) - rank(b) || a.row - b.row);
  const reader = locator.get(CatalogInternal.ProductReader);
  const existing = await reader.idsBySku(ordered.filter((m) => m.storeId === 0).map((m) => m.input.sku));
  const db = locator.get(Kernel.Database);
  try {
    await db.transaction(async () => {
      const categories = locator.get(CatalogApi.CategoryRepository);
      const created = new Map<string, number>();
      for (const path of missingCategories) {
        const names = path.split('/');
        const parentPath = names.slice(0, -1).join('/');
        const parent = created.get(parentPath) ?? (await categories.findByNamePath(parentPath))!.id;
        const category = await categories.create({ parentId: parent, name: names[names.length - 1] });
        created.set(path, category.id);
      }
      for (const row of ordered) {
        if (!row.categoryPaths.length) continue;
        const links = [];
        for (const path of row.categoryPaths) links.push({ categoryId: created.get(normalize(path)) ?? (await categories.findByNamePath(path))!.id });
        row.input.categoryLinks = links;
      }
      progress('Importing products', 0, ordered.length);
      await locator.get(CatalogApi.ProductRepository).saveMany(
        ordered.map((row) => ({ input: row.input, storeId: row.storeId })),
        (done, total) => progress('Importing products', done, total),
      );
    });
  } catch (err) {
    if (err instanceof ProductValidationError) {
      throw new CatalogImportError(
        err.problems.flatMap((p) => {
          const row = ordered[p.index];
          return p.issues.map((issue) => {
            const media = /^media_gallery_entries\[(\d+)\]/.exec(issue.field);
            const column = media ? row.mediaColumns[Number(media[1])] : (row.attributeColumns[issue.field] ?? COLUMN_OF_FIELD[issue.field] ?? issue.field);
            return { row: row.row, column, message: issue.message };
          });
        }),
      );
    }
    throw err;
  }
  const defaults = ordered.filter((m) => m.storeId === 0);
  const updated = defaults.filter((m) => existing.has(m.input.sku.toLowerCase())).length;
  return { rows: mapped.length, created: defaults.length - updated, updated, categoriesCreated: missingCategories.length };
}

function rank(row: MappedRow): number {
  if (row.storeId !== 0) return 2;
  return row.input.configurable || row.input.typeId === 'configurable' ? 1 : 0;
}

const normalize = (path: string) => path.split('/').map((n) => n.trim()).join('/');

/** Category paths start at a root ("Default Category/…"); the missing ones are created, parents first. */
function planCategories(rows: MappedRow[], categories: Map<number, Category>, errors: RowError[]): string[] {
  const byPath = new Map<string, Category>();
  const walk = (category: Category, prefix: string) => {
    const path = prefix ? `${prefix}/${category.name}` : category.name;
    byPath.set(path.toLowerCase(), category);
    for (const child of category.childrenIds) walk(categories.get(child)!, path);
  };
  for (const id of categories.get(ROOT_CATEGORY_ID)?.childrenIds ?? []) walk(categories.get(id)!, '');
  const missing: string[] = [];
  for (const row of rows) {
    for (const raw of row.categoryPaths) {
      const names = normalize(raw).split('/');
      if (!byPath.has(names[0].toLowerCase())) {
        errors.push({ row: row.row, column: 'categories', message: `"${raw}" does not start with a root category (such as "Default Category")` });
        continue;
      }
      for (let i = 2; i <= names.length; i++) {
        const path = names.slice(0, i).join('/');
        if (!byPath.has(path.toLowerCase()) && !missing.some((m) => m.toLowerCase() === path.toLowerCase())) missing.push(path);
      }
    }
  }
  return missing;
}

/** Each variation's values must be the child's own (from this file, or as stored). */
async function checkVariations(locator: ServiceLocator, rows: MappedRow[], errors: RowError[]): Promise<void> {
  const parents = rows.filter((r) => r.variations.length);
  if (!parents.length) return;
  const snapshot = await locator.get(CatalogInternal.AttributeCache).current();
  const inFile = new Map(rows.filter((r) => r.storeId === 0).map((r) => [r.input.sku.toLowerCase(), r.input.attributes ?? {}]));
  const stored = await locator.get(CatalogApi.ProductRepository).getMany([...(await locator.get(CatalogInternal.ProductReader).idsBySku(parents.flatMap((p) => p.variations.map((v) => v.sku)))).values()]);
  const storedBySku = new Map([...stored.values()].map((p) => [p.sku.toLowerCase(), p.attributes]));
  for (const parent of parents) {
    for (const variation of parent.variations) {
      const own = inFile.get(variation.sku.toLowerCase());
      const saved = storedBySku.get(variation.sku.toLowerCase());
      if (!own && !saved) continue; // the product service reports the unknown child
      for (const [code, label] of Object.entries(variation.values)) {
        const attribute = snapshot.get(code);
        if (!attribute) continue;
        const wanted = findOption(attribute, label);
        const given = own?.[code] ?? saved?.[code];
        const actual = typeof given === 'number' ? attribute.options.find((o) => o.id === given) : typeof given === 'string' ? findOption(attribute, given) : undefined;
        if (!wanted) errors.push({ row: parent.row, column: 'configurable_variations', message: `Option "${label}" does not exist for attribute "${code}"` });
        else if (!actual || actual.id !== wanted.id) {
          errors.push({ row: parent.row, column: 'configurable_variations', message: `"${variation.sku}" has ${code} "${actual ? labelIn(actual, 0) : 'empty'}", not "${label}"` });
        }
      }
    }
  }
}
