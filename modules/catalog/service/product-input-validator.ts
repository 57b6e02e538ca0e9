import { MEDIA_ROLES, PRODUCT_TYPES, type MediaRole, type ProductInput, type ProductTypeId } from '../api/product';
import { DEFAULT_ATTRIBUTE_SET_ID, ROOT_CATEGORY_ID } from '../api/catalog-tables';
import type { AttributeSnapshot } from '../model/attribute-rows';
import type { CategoryTree } from '../model/category-tree';
import type { ConfigurableData, ProductCore } from '../model/product-core';
import type { EntityFields, PriceRow, StoredValue } from '../model/product-writer';
import { coerceAttributeValue, formatUrlKey, parseDate } from './attribute-value-coercer';
import { validateConfigurable, type ChildInfo } from './configurable-validator';

export interface ValidationIssue {
  field: string;
  message: string;
}

export interface ExistingProduct {
  core: ProductCore;
  configurable: ConfigurableData | null;
}

export interface ValidationContext {
  snapshot: AttributeSnapshot;
  /** The tree read for the default store (existence checks only). */
  tree: CategoryTree;
  /** Stored products by lower-cased sku (the inputs' and their children's). */
  existing: Map<string, ExistingProduct>;
  /** Products validated earlier in the same batch, by lower-cased sku: an import may create children before their parent. */
  pending: Map<string, ChildInfo>;
}

/** A validated input, ready to write. Fields left null/undefined are unchanged. */
export interface ProductChange {
  input: ProductInput;
  storeId: number;
  existing: ExistingProduct | null;
  sku: string;
  entity: EntityFields;
  values: StoredValue[];
  price: PriceRow | null;
  stock: { qty: number; isInStock: boolean } | null;
  media: Array<{ file: string; label: string | null; position: number; disabled: boolean; types: MediaRole[] }> | null;
  categoryLinks: Array<{ categoryId: number; position: number }> | null;
  configurable: { attributeIds: number[]; childSkus: string[]; labels: Record<number, string> } | null;
}

const STATIC_CODES = new Set(['sku', 'price', 'special_price', 'special_from_date', 'special_to_date', 'status', 'visibility']);
const MAX_MINOR = 2_000_000_000;
const SKU_PATTERN = /^[^\s\u0000-\u001f](?:[^\u0000-\u001f]{0,62}[^\s\u0000-\u001f])?$/;

/** Checks a product input against the attributes, categories and existing products; collects every problem at once. */
export function validateProductInput(input: ProductInput, storeId: number, ctx: ValidationContext): { change?: ProductChange; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const issue = (field: string, message: string) => void issues.push({ field, message });
  const sku = typeof input.sku === 'string' ? input.sku.trim() : '';
  if (!SKU_PATTERN.test(sku)) issue('sku', 'the SKU is required: 1 to 64 characters, no control characters, no leading or trailing spaces');
  const existing = ctx.existing.get(sku.toLowerCase()) ?? null;
  const isNew = !existing;
  const typeId: ProductTypeId = input.typeId ?? existing?.core.typeId ?? 'simple';
  if (!PRODUCT_TYPES.includes(typeId)) issue('type_id', `"${String(input.typeId)}" is not a product type (${PRODUCT_TYPES.join(', ')})`);
  else if (existing && input.typeId && input.typeId !== existing.core.typeId && (input.typeId === 'configurable' || existing.core.typeId === 'configurable')) {
    issue('type_id', `the product type cannot be changed from ${existing.core.typeId} to ${input.typeId}`);
  }
  if (isNew && storeId !== 0) issue('store', 'a product is created with its default values: create it without a store view first');

  const entity: EntityFields = {};
  if (input.newSku !== undefined) {
    const newSku = String(input.newSku).trim();
    if (isNew) issue('sku', 'only an existing product can be renamed');
    else if (!SKU_PATTERN.test(newSku)) issue('sku', `"${input.newSku}" is not a valid SKU`);
    else if (newSku.toLowerCase() !== sku.toLowerCase() && (ctx.existing.has(newSku.toLowerCase()) || ctx.pending.has(newSku.toLowerCase()))) issue('sku', `a product with the SKU "${newSku}" already exists`);
    else entity.sku = newSku;
  }
  if (input.typeId !== undefined || isNew) entity.type_id = typeId;

  let attributeSetId = existing?.core.attributeSetId ?? DEFAULT_ATTRIBUTE_SET_ID;
  if (input.attributeSet !== undefined) {
    const set = ctx.snapshot.set(input.attributeSet);
    if (!set) issue('attribute_set_id', `attribute set "${input.attributeSet}" does not exist`);
    else attributeSetId = set.id;
  }
  if (input.attributeSet !== undefined || isNew) entity.attribute_set_id = attributeSetId;
  const set = ctx.snapshot.set(attributeSetId);
  if (input.status !== undefined) {
    if (input.status !== 1 && input.status !== 2) issue('status', 'status is 1 (enabled) or 2 (disabled)');
    else entity.status = input.status;
  } else if (isNew) entity.status = 1;
  if (input.visibility !== undefined) {
    if (![1, 2, 3, 4].includes(input.visibility)) issue('visibility', 'visibility is 1 (not visible individually), 2 (catalog), 3 (search) or 4 (catalog, search)');
    else entity.visibility = input.visibility;
  } else if (isNew) entity.visibility = 4;

  const values: StoredValue[] = [];
  const attributes = { ...(input.attributes ?? {}) };
  if (input.weight !== undefined) attributes.weight = input.weight;
  for (const [code, raw] of Object.entries(attributes)) {
    const attribute = ctx.snapshot.get(code);
    if (!attribute) {
      issue(code, `the product attribute "${code}" does not exist`);
      continue;
    }
    if (STATIC_CODES.has(code)) {
      issue(code, `"${code}" is a product field, not an attribute value`);
      continue;
    }
    if (attribute.isUserDefined && set && !set.attributeCodes.includes(code)) {
      issue(code, `the attribute "${code}" is not in the attribute set "${set.name}"`);
      continue;
    }
    let coerced = coerceAttributeValue(attribute, raw);
    if (coerced.ok && code === 'url_key' && coerced.value !== null) {
      const key = formatUrlKey(String(coerced.value));
      coerced = key ? { ok: true, value: key } : { ok: false, message: `"${raw}" is not a valid URL key` };
    }
    if (!coerced.ok) issue(code, coerced.message);
    else if (coerced.value === null && attribute.isRequired && storeId === 0) issue(code, `the "${code}" attribute value is empty: set it and try again`);
    else values.push({ attribute, storeId: attribute.scope === 'store' ? storeId : 0, value: coerced.value });
  }
  const nameGiven = values.find((v) => v.attribute.code === 'name');
  if (isNew && (!nameGiven || nameGiven.value === null)) issue('name', 'the "name" attribute value is empty: set it and try again');
  if (isNew && nameGiven?.value && !values.some((v) => v.attribute.code === 'url_key')) {
    const key = formatUrlKey(String(nameGiven.value));
    if (key) values.push({ attribute: ctx.snapshot.require('url_key'), storeId: 0, value: key });
  }

  const price = validatePrice(input, existing, typeId, isNew, issue);
  const stock = validateStock(input, existing, typeId, isNew, issue);
  const media = validateMedia(input, issue);
  const categoryLinks = validateCategories(input, ctx.tree, issue);
  let configurable: ProductChange['configurable'] = null;
  if (input.configurable) {
    if (typeId !== 'configurable') issue('configurable', 'only a configurable product has configurable options and children');
    else configurable = validateConfigurable(input.configurable, sku, set, ctx, issue);
  }
  if (issues.length) return { issues };
  return {
    issues,
    change: { input, storeId, existing, sku, entity, values, price, stock, media, categoryLinks, configurable },
  };
}

function minorAmount(value: unknown, field: string, issue: (field: string, message: string) => void): number | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    issue(field, `"${String(value)}" is not an amount in minor units`);
    return undefined;
  }
  if (value < 0) {
    issue(field, 'the price must not be negative');
    return undefined;
  }
  if (value > MAX_MINOR) {
    issue(field, 'the price is too large');
    return undefined;
  }
  return value;
}

function validatePrice(input: ProductInput, existing: ExistingProduct | null, typeId: ProductTypeId, isNew: boolean, issue: (f: string, m: string) => void): PriceRow | null {
  const touched = ['price', 'specialPrice', 'specialFromDate', 'specialToDate'].some((k) => (input as unknown as Record<string, unknown>)[k] !== undefined);
  if (!touched && !isNew) return null;
  const row: PriceRow = {
    price: existing?.core.price ?? 0,
    special_price: existing?.core.specialPrice ?? null,
    special_from_date: existing?.core.specialFromDate ?? null,
    special_to_date: existing?.core.specialToDate ?? null,
  };
  if (input.price !== undefined) {
    const price = minorAmount(input.price, 'price', issue);
    if (price !== undefined) row.price = price ?? 0;
  } else if (isNew && typeId !== 'configurable') {
    issue('price', 'the "price" attribute value is empty: set it and try again');
  }
  if (input.specialPrice !== undefined) {
    const special = minorAmount(input.specialPrice, 'special_price', issue);
    if (special !== undefined) row.special_price = special;
  }
  for (const [key, column] of [['specialFromDate', 'special_from_date'], ['specialToDate', 'special_to_date']] as const) {
    const raw = input[key];
    if (raw === undefined) continue;
    if (raw === null || raw === '') row[column] = null;
    else {
      const date = typeof raw === 'string' ? parseDate(raw) : undefined;
      if (!date) issue(column, `"${String(raw)}" is not a date (YYYY-MM-DD)`);
      else row[column] = date;
    }
  }
  if (row.special_from_date && row.special_to_date && row.special_from_date > row.special_to_date) {
    issue('special_to_date', 'the special price ends before it starts');
  }
  return row;
}

function validateStock(input: ProductInput, existing: ExistingProduct | null, typeId: ProductTypeId, isNew: boolean, issue: (f: string, m: string) => void) {
  if (!input.stock && !isNew) return null;
  const qty = input.stock?.qty ?? existing?.core.stock.qty ?? 0;
  if (!Number.isInteger(qty) || qty < 0) {
    issue('qty', `"${qty}" is not a quantity: a whole number, 0 or more`);
    return null;
  }
  const reserved = existing?.core.stock.reservedQty ?? 0;
  if (qty < reserved) issue('qty', `the quantity cannot go below the ${reserved} held by open orders`);
  const given = input.stock?.isInStock;
  if (given !== undefined && typeof given !== 'boolean') issue('is_in_stock', 'is_in_stock is true or false');
  const isInStock = given ?? (existing ? existing.core.stock.isInStock : typeId === 'configurable' || qty > 0);
  return { qty, isInStock };
}

function validateMedia(input: ProductInput, issue: (f: string, m: string) => void): ProductChange['media'] {
  if (!input.media) return null;
  const roles = new Set<MediaRole>();
  return input.media.map((entry, index) => {
    const field = `media_gallery_entries[${index}]`;
    const file = typeof entry.file === 'string' ? entry.file.trim() : '';
    if (/^[a-z][a-z0-9+.-]*:/i.test(file)) {
      // TLS-05: every URL the API emits is https, so an image hosted elsewhere must be too.
      if (!/^https:\/\/[^\s/]+\/\S*$/i.test(file) || file.length > 255) issue(`${field}.file`, `"${file}" is not an https URL`);
    } else if (!/^\/?[A-Za-z0-9_\-./]{1,250}$/.test(file) || file.split('/').includes('..')) {
      issue(`${field}.file`, `"${file}" is not a media path such as /m/b/mb01-blue.jpg`);
    }
    for (const type of entry.types ?? []) {
      if (!MEDIA_ROLES.includes(type)) issue(`${field}.types`, `"${type}" is not an image role (${MEDIA_ROLES.join(', ')})`);
      else if (roles.has(type)) issue(`${field}.types`, `only one image can be the ${type}`);
      else roles.add(type);
    }
    if (entry.label != null && (typeof entry.label !== 'string' || entry.label.length > 255)) issue(`${field}.label`, 'the label is text of at most 255 characters');
    const position = entry.position ?? index + 1;
    if (!Number.isInteger(position) || position < 0) issue(`${field}.position`, 'the position is a whole number, 0 or more');
    const normalized = /^https:/i.test(file) || file.startsWith('/') ? file : `/${file}`;
    return { file: normalized, label: entry.label ?? null, position, disabled: !!entry.disabled, types: entry.types ?? [] };
  });
}

function validateCategories(input: ProductInput, tree: CategoryTree, issue: (f: string, m: string) => void): ProductChange['categoryLinks'] {
  if (!input.categoryLinks) return null;
  const seen = new Set<number>();
  const links: Array<{ categoryId: number; position: number }> = [];
  for (const link of input.categoryLinks) {
    const id = Number(link.categoryId);
    if (!Number.isInteger(id) || !tree.get(id) || id === ROOT_CATEGORY_ID) issue('category_links', `category ${String(link.categoryId)} does not exist`);
    else if (!seen.has(id)) {
      seen.add(id);
      const position = link.position ?? 0;
      if (!Number.isInteger(position) || position < 0) issue('category_links', 'a position is a whole number, 0 or more');
      links.push({ categoryId: id, position });
    }
  }
  return links;
}
