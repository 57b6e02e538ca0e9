import type { MediaInput, MediaRole, ProductInput, ProductTypeId } from '../api/product';
import { parseDate } from '../service/attribute-value-coercer';
import { EMPTY_VALUE, STORE_VIEW_COLUMNS, VISIBILITY_LABELS } from './import-columns';

export interface RowError {
  /** The row's line in the file (the header is line 1). */
  row: number;
  column: string;
  message: string;
}

export interface MappingContext {
  currencyDigits: number;
  storeIds: Map<string, number>;
  attributeSets: Set<string>;
  attributeCodes: Set<string>;
  /** Attributes whose values a row names with `|`-separated lists. */
  multiselectCodes: Set<string>;
}

export interface MappedRow {
  row: number;
  storeId: number;
  input: ProductInput;
  categoryPaths: string[];
  /** Columns the attributes came from (additional_attributes for most), to report service errors where they belong. */
  attributeColumns: Record<string, string>;
  /** The column each gallery entry came from (base_image, small_image, thumbnail_image, additional_images). */
  mediaColumns: string[];
  /** configurable_variations as written: child sku → attribute code → option label. */
  variations: Array<{ sku: string; values: Record<string, string> }>;
}

const SCOPED_TEXT = ['name', 'description', 'short_description', 'url_key', 'meta_title', 'meta_keyword', 'meta_description'] as const;
const TYPES: readonly ProductTypeId[] = ['simple', 'virtual', 'configurable'];

/** key=value pairs separated by commas (additional_attributes, configurable_variation_labels, one variation). */
function pairs(text: string): Array<[string, string]> | undefined {
  const out: Array<[string, string]> = [];
  for (const part of text.split(',')) {
    if (!part.trim()) continue;
    const at = part.indexOf('=');
    if (at <= 0) return undefined;
    out.push([part.slice(0, at).trim(), part.slice(at + 1).trim()]);
  }
  return out;
}

/** One CSV row to a product input, or the reasons it cannot be one (every problem of the row). */
export function mapRow(row: number, values: Record<string, string>, ctx: MappingContext): { mapped?: MappedRow; errors: RowError[] } {
  const errors: RowError[] = [];
  const fail = (column: string, message: string) => void errors.push({ row, column, message });
  const cell = (column: string) => (values[column] ?? '').trim();
  const given = (column: string) => cell(column) !== '';
  const sku = cell('sku');
  if (!sku) fail('sku', 'the SKU is required');
  const storeCode = cell('store_view_code');
  let storeId = 0;
  if (storeCode) {
    const id = ctx.storeIds.get(storeCode);
    if (id === undefined) fail('store_view_code', `store view "${storeCode}" does not exist`);
    else storeId = id;
    for (const column of Object.keys(values)) if (given(column) && !STORE_VIEW_COLUMNS.has(column)) fail(column, 'applies to every store view: set it on the row without store_view_code');
  }
  const input: ProductInput = { sku };
  const attributeColumns: Record<string, string> = {};
  const attributes: NonNullable<ProductInput['attributes']> = {};
  for (const code of SCOPED_TEXT) {
    if (!given(code)) continue;
    attributes[code] = cell(code) === EMPTY_VALUE ? null : values[code];
    attributeColumns[code] = code;
  }
  if (given('product_type')) {
    const type = cell('product_type') as ProductTypeId;
    if (!TYPES.includes(type)) fail('product_type', `"${type}" is not a product type (${TYPES.join(', ')})`);
    else input.typeId = type;
  }
  if (given('attribute_set_code')) {
    if (!ctx.attributeSets.has(cell('attribute_set_code').toLowerCase())) fail('attribute_set_code', `attribute set "${cell('attribute_set_code')}" does not exist`);
    else input.attributeSet = cell('attribute_set_code');
  }
  if (given('product_online')) {
    const online = cell('product_online');
    if (!['0', '1', '2'].includes(online)) fail('product_online', 'product_online is 1 (enabled) or 0 (disabled)');
    else input.status = online === '1' ? 1 : 2;
  }
  if (given('visibility')) {
    const raw = cell('visibility');
    const value = /^[1-4]$/.test(raw) ? (Number(raw) as 1 | 2 | 3 | 4) : VISIBILITY_LABELS[raw.toLowerCase()];
    if (!value) fail('visibility', `"${raw}" is not a visibility (Not Visible Individually, Catalog, Search, Catalog, Search)`);
    else input.visibility = value;
  }
  const amount = (column: string): number | null | undefined => {
    if (!given(column)) return undefined;
    if (cell(column) === EMPTY_VALUE) return null;
    const number = Number(cell(column));
    if (!Number.isFinite(number)) {
      fail(column, `"${cell(column)}" is not a number`);
      return undefined;
    }
    const scaled = number * 10 ** ctx.currencyDigits;
    if (Math.abs(scaled - Math.round(scaled)) > 1e-6) {
      fail(column, `${number} has more than ${ctx.currencyDigits} decimals`);
      return undefined;
    }
    return Math.round(scaled);
  };
  const price = amount('price');
  if (price !== undefined) input.price = price;
  const special = amount('special_price');
  if (special !== undefined) input.specialPrice = special;
  for (const [column, key] of [['special_price_from_date', 'specialFromDate'], ['special_price_to_date', 'specialToDate']] as const) {
    if (!given(column)) continue;
    if (cell(column) === EMPTY_VALUE) input[key] = null;
    else if (!parseDate(cell(column))) fail(column, `"${cell(column)}" is not a date (YYYY-MM-DD)`);
    else input[key] = cell(column);
  }
  if (given('weight')) {
    const weight = Number(cell('weight'));
    if (!Number.isFinite(weight)) fail('weight', `"${cell('weight')}" is not a number`);
    else input.weight = weight;
  }
  if (given('qty') || given('is_in_stock')) {
    input.stock = {};
    if (given('qty')) {
      const qty = Number(cell('qty'));
      if (!Number.isInteger(qty)) fail('qty', `"${cell('qty')}" is not a whole quantity`);
      else input.stock.qty = qty;
    }
    if (given('is_in_stock')) {
      if (!['0', '1'].includes(cell('is_in_stock'))) fail('is_in_stock', 'is_in_stock is 1 or 0');
      else input.stock.isInStock = cell('is_in_stock') === '1';
    }
  }
  const categoryPaths = given('categories') ? cell('categories').split(',').map((p) => p.trim()).filter(Boolean) : [];
  for (const path of categoryPaths) if (path.split('/').some((name) => !name.trim())) fail('categories', `"${path}" has an empty category name`);

  if (given('additional_attributes')) {
    const list = pairs(cell('additional_attributes'));
    if (!list) fail('additional_attributes', 'write code=value pairs separated by commas (multiselect values separated by |)');
    for (const [code, value] of list ?? []) {
      if (!ctx.attributeCodes.has(code)) fail('additional_attributes', `the product attribute "${code}" does not exist`);
      else {
        attributes[code] = value === EMPTY_VALUE ? null : ctx.multiselectCodes.has(code) ? value.split('|').map((v) => v.trim()) : value;
        attributeColumns[code] = 'additional_attributes';
      }
    }
  }
  if (Object.keys(attributes).length) input.attributes = attributes;
  const media = mediaOf(cell);
  if (media) input.media = media.entries;

  const variations: MappedRow['variations'] = [];
  if (given('configurable_variations')) {
    for (const text of cell('configurable_variations').split('|')) {
      const list = pairs(text);
      const childSku = list?.find(([k]) => k === 'sku')?.[1];
      if (!list || !childSku) {
        fail('configurable_variations', 'write each variation as sku=…,code=value and separate variations with |');
        continue;
      }
      variations.push({ sku: childSku, values: Object.fromEntries(list.filter(([k]) => k !== 'sku')) });
    }
    const codes = [...new Set(variations.flatMap((v) => Object.keys(v.values)))];
    input.configurable = { attributeCodes: codes, childSkus: variations.map((v) => v.sku) };
  }
  if (given('configurable_variation_labels')) {
    const list = pairs(cell('configurable_variation_labels'));
    if (!list) fail('configurable_variation_labels', 'write code=label pairs separated by commas');
    else if (!input.configurable) fail('configurable_variation_labels', 'only a row with configurable_variations has variation labels');
    else input.configurable.labels = Object.fromEntries(list);
  }
  if (errors.length) return { errors };
  return { errors, mapped: { row, storeId, input, categoryPaths, attributeColumns, mediaColumns: media?.columns ?? [], variations } };
}

/** base/small/thumbnail images and additional_images to one gallery; a file used for several roles is one entry. */
function mediaOf(cell: (column: string) => string): { entries: MediaInput[]; columns: string[] } | undefined {
  const entries = new Map<string, MediaInput>();
  const columns = new Map<string, string>();
  const add = (file: string, label: string, role?: MediaRole) => {
    if (!columns.has(file)) columns.set(file, role ? (role === 'image' ? 'base_image' : role === 'thumbnail' ? 'thumbnail_image' : 'small_image') : 'additional_images');
    const entry = entries.get(file) ?? { file, label: label || null, types: [] };
    if (role) entry.types = [...(entry.types ?? []), role];
    if (label && !entry.label) entry.label = label;
    entries.set(file, entry);
  };
  for (const [column, role] of [['base_image', 'image'], ['small_image', 'small_image'], ['thumbnail_image', 'thumbnail']] as const) {
    if (cell(column)) add(cell(column), cell(`${column}_label`), role);
  }
  const labels = cell('additional_image_labels').split(',');
  cell('additional_images')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean)
    .forEach((file, i) => add(file, (labels[i] ?? '').trim()));
  if (!entries.size) return undefined;
  return { entries: [...entries.values()].map((entry, i) => ({ ...entry, position: i + 1 })), columns: [...columns.values()] };
}
