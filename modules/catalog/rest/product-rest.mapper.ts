import { InputError } from '../../../app';
import type { AttributeRepository } from '../api/attribute';
import type { MediaRole, Product, ProductInput, ProductRepository, ProductStatusValue, ProductTypeId, VisibilityValue } from '../api/product';
import type { ProductBody } from './product-body.schema';
import { toMajor, toMinor } from './rest-helpers';

/** Top-level fields of Magento's product payload; every other value travels in custom_attributes. */
const TOP_LEVEL = new Set(['sku', 'name', 'price', 'status', 'visibility', 'weight']);
const PRICE_CODES = new Set(['special_price', 'special_from_date', 'special_to_date']);

/** A product as Magento's REST API shows it (prices in major units, option values as option ids). */
export function toRestProduct(product: Product, digits: number, websiteIds: number[]) {
  const custom: Array<{ attribute_code: string; value: unknown }> = [];
  for (const [code, value] of Object.entries(product.attributes)) {
    if (TOP_LEVEL.has(code) || value === null || value === undefined) continue;
    if (code === 'special_price') custom.push({ attribute_code: code, value: String(toMajor(value as number, digits)) });
    else if (code === 'special_from_date' || code === 'special_to_date') custom.push({ attribute_code: code, value: `${value} 00:00:00` });
    else if (Array.isArray(value)) custom.push({ attribute_code: code, value: value.join(',') });
    else custom.push({ attribute_code: code, value: typeof value === 'boolean' ? (value ? '1' : '0') : String(value) });
  }
  custom.push({ attribute_code: 'category_ids', value: product.categoryLinks.map((l) => String(l.categoryId)) });
  return {
    id: product.id,
    sku: product.sku,
    name: product.name,
    attribute_set_id: product.attributeSetId,
    price: toMajor(product.price, digits),
    status: product.status,
    visibility: product.visibility,
    type_id: product.typeId,
    created_at: product.createdAt,
    updated_at: product.updatedAt,
    ...(product.weight !== null ? { weight: product.weight } : {}),
    extension_attributes: {
      website_ids: websiteIds,
      category_links: product.categoryLinks.map((l) => ({ position: l.position, category_id: String(l.categoryId) })),
      stock_item: toRestStockItem(product),
      ...(product.configurable
        ? {
            configurable_product_options: product.configurable.options.map((o) => ({
              id: o.id,
              attribute_id: String(o.attributeId),
              label: o.label,
              position: o.position,
              values: o.values.map((v) => ({ value_index: v })),
              product_id: product.id,
            })),
            configurable_product_links: product.configurable.childIds,
          }
        : {}),
    },
    product_links: [],
    options: [],
    media_gallery_entries: product.media.map((m) => ({ id: m.id, media_type: 'image', label: m.label, position: m.position, disabled: m.disabled, types: m.types, file: m.file })),
    tier_prices: [],
    custom_attributes: custom,
  };
}

export function toRestStockItem(product: Pick<Product, 'stock'>) {
  const s = product.stock;
  return { item_id: s.itemId, product_id: s.productId, stock_id: 1, qty: s.qty, is_in_stock: s.isInStock, is_qty_decimal: false, manage_stock: true, backorders: 0 };
}

/** Magento's payload to a ProductInput: major units to minor, option/attribute ids to codes, child ids to skus. */
export async function fromRestProduct(
  body: ProductBody,
  sku: string,
  digits: number,
  deps: { attributes: AttributeRepository; products: ProductRepository },
  existing?: Product,
): Promise<ProductInput> {
  const input: ProductInput = { sku };
  if (body.sku !== undefined && body.sku.trim().toLowerCase() !== sku.toLowerCase()) input.newSku = body.sku;
  if (body.type_id !== undefined) input.typeId = body.type_id as ProductTypeId;
  if (body.attribute_set_id !== undefined) input.attributeSet = body.attribute_set_id;
  if (body.status !== undefined) input.status = body.status as ProductStatusValue;
  if (body.visibility !== undefined) input.visibility = body.visibility as VisibilityValue;
  if (body.price !== undefined) input.price = toMinor(body.price, digits, 'price');
  if (body.weight !== undefined) input.weight = body.weight;
  const attributes: NonNullable<ProductInput['attributes']> = {};
  if (body.name !== undefined) attributes.name = body.name;
  for (const { attribute_code: code, value } of body.custom_attributes ?? []) {
    if (code === 'category_ids') {
      if (!body.extension_attributes?.category_links) input.categoryLinks = (Array.isArray(value) ? value : String(value ?? '').split(',')).filter((v) => String(v).trim() !== '').map((v) => ({ categoryId: Number(v) }));
    } else if (code === 'special_price') input.specialPrice = value === '' ? null : toMinor(value, digits, 'special_price');
    else if (PRICE_CODES.has(code)) {
      const date = value === '' || value === null ? null : String(value);
      if (code === 'special_from_date') input.specialFromDate = date;
      else input.specialToDate = date;
    }
    else if (TOP_LEVEL.has(code)) throw new InputError(`custom_attributes: "${code}" is a top-level product field.`);
    else attributes[code] = value;
  }
  if (Object.keys(attributes).length) input.attributes = attributes;
  const ext = body.extension_attributes;
  if (ext?.category_links) input.categoryLinks = ext.category_links.map((l) => ({ categoryId: Number(l.category_id), position: l.position }));
  if (ext?.stock_item) {
    const { qty, is_in_stock: isInStock } = ext.stock_item;
    input.stock = { ...(qty !== undefined ? { qty } : {}), ...(isInStock !== undefined ? { isInStock } : {}) };
  }
  if (ext?.configurable_product_options || ext?.configurable_product_links) {
    const all = await deps.attributes.list();
    // Links alone keep the product's super attributes; options alone keep its children.
    const attributeIds = ext.configurable_product_options?.map((o) => o.attribute_id) ?? existing?.configurable?.options.map((o) => o.attributeId) ?? [];
    const codes = attributeIds.map((attributeId) => {
      const attribute = all.find((a) => String(a.id) === String(attributeId));
      if (!attribute) throw new InputError(`configurable_product_options: attribute ${attributeId} does not exist.`);
      return attribute.code;
    });
    const childIds = ext.configurable_product_links ?? existing?.configurable?.childIds ?? [];
    const children = await deps.products.getMany(childIds);
    const missing = childIds.filter((id) => !children.has(id));
    if (missing.length) throw new InputError(`configurable_product_links: product(s) ${missing.join(', ')} do not exist.`);
    const labels = Object.fromEntries(
      (ext.configurable_product_options ?? [])
        .filter((o) => o.label)
        .map((o) => [all.find((a) => String(a.id) === String(o.attribute_id))!.code, o.label!])
        .filter(([code, label]) => all.find((a) => a.code === code)?.label !== label),
    );
    input.configurable = { attributeCodes: codes, childSkus: childIds.map((id) => children.get(id)!.sku), labels };
  }
  if (body.media_gallery_entries) {
    input.media = body.media_gallery_entries.map((m) => ({ file: m.file, label: m.label ?? null, position: m.position, disabled: m.disabled, types: (m.types ?? []) as MediaRole[] }));
  }
  return input;
}
