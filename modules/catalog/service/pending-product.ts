import type { ProductCore } from '../model/product-core';
import type { ChildInfo } from './configurable-validator';
import type { ExistingProduct, ProductChange } from './product-input-validator';

/**
 * The state a validated change leaves a product in, as later inputs of the same batch see it (an import row for the fr
 * view after the row creating the product; a configurable after its children). Its id is -1 until it is written.
 */
export function productAfter(change: ProductChange): ExistingProduct {
  const before = change.existing?.core;
  const attributes: ProductCore['attributes'] = { ...(before?.attributes ?? {}) };
  for (const value of change.values) {
    if (value.storeId !== 0) continue;
    const input = value.attribute.input;
    attributes[value.attribute.code] =
      value.value === null ? null : input === 'select' ? Number(value.value) : input === 'multiselect' ? String(value.value).split(',').map(Number) : value.value;
  }
  const stock = change.stock ?? before?.stock ?? { qty: 0, isInStock: false };
  const core: ProductCore = {
    id: before?.id ?? -1,
    sku: change.entity.sku ?? change.sku,
    typeId: change.entity.type_id ?? before?.typeId ?? 'simple',
    attributeSetId: change.entity.attribute_set_id ?? before?.attributeSetId ?? 0,
    status: change.entity.status ?? before?.status ?? 1,
    visibility: change.entity.visibility ?? before?.visibility ?? 4,
    createdAt: before?.createdAt ?? '',
    updatedAt: before?.updatedAt ?? '',
    storeId: 0,
    name: typeof attributes.name === 'string' ? attributes.name : '',
    urlKey: typeof attributes.url_key === 'string' ? attributes.url_key : null,
    attributes,
    price: change.price?.price ?? before?.price ?? 0,
    specialPrice: change.price ? change.price.special_price : (before?.specialPrice ?? null),
    specialFromDate: change.price ? change.price.special_from_date : (before?.specialFromDate ?? null),
    specialToDate: change.price ? change.price.special_to_date : (before?.specialToDate ?? null),
    weight: typeof attributes.weight === 'number' ? attributes.weight : null,
    stock: {
      itemId: before?.stock.itemId ?? 0,
      productId: before?.id ?? -1,
      qty: stock.qty,
      reservedQty: before?.stock.reservedQty ?? 0,
      salableQty: Math.max(0, stock.qty - (before?.stock.reservedQty ?? 0)),
      isInStock: stock.isInStock,
    },
  };
  return { core, configurable: change.existing?.configurable ?? null };
}

export function childInfoOf(product: ExistingProduct): ChildInfo {
  const options: Record<string, number | null> = {};
  for (const [code, value] of Object.entries(product.core.attributes)) options[code] = typeof value === 'number' ? value : null;
  return { typeId: product.core.typeId, options };
}
