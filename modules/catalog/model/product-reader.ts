import { inject, injectable } from 'inversify';
import { Kernel, type Database } from '../../../app';
import type { AttributeMetadata } from '../api/attribute';
import { CatalogTable as T } from '../api/catalog-tables';
import type { AttributeValue, CategoryLink, MediaEntry, MediaRole, ProductStatusValue, ProductTypeId, VisibilityValue } from '../api/product';
import type { AttributeSnapshot } from './attribute-rows';
import { CatalogInternal } from './catalog-internal-tokens';
import type { AttributeSnapshotCache } from './attribute-snapshot-cache';
import type { ConfigurableData, ProductCore } from './product-core';
import { chunks, placeholders, skuInCondition, toBool } from './sql-helpers';

interface CoreRow {
  entity_id: number;
  sku: string;
  type_id: string;
  attribute_set_id: number;
  status: number;
  visibility: number;
  created_at: string;
  updated_at: string;
  price: number | null;
  special_price: number | null;
  special_from_date: string | null;
  special_to_date: string | null;
  item_id: number | null;
  qty: number | null;
  reserved_qty: number | null;
  is_in_stock: unknown;
}

interface ValueRow {
  entity_id: number;
  attribute_id: number;
  store_id: number;
  value: unknown;
}

/**
 * Batch reads of products for one store view. Each method costs one or two queries whatever the number of ids: the entity
 * row joined to its price and stock item, then every typed value of the store view and the default store in one UNION.
 */
@injectable()
export class ProductReader {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(CatalogInternal.AttributeCache) private readonly attributes: AttributeSnapshotCache,
  ) {}

  /**
   * Cores of products; with `withChildren`, the cores of configurables' children come in the same two queries (a listing
   * needs them for prices, stock and variants).
   */
  async loadCores(ids: readonly number[], storeId: number, options: { withChildren?: boolean } = {}): Promise<Map<number, ProductCore>> {
    const out = new Map<number, ProductCore>();
    if (!ids.length) return out;
    const snapshot = await this.attributes.current();
    for (const part of chunks([...new Set(ids)])) {
      // Written out (Database.select): a cart reads its products on every call.
      const children = options.withChildren ? ` OR e.entity_id IN (SELECT product_id FROM ${T.superLink} WHERE parent_id IN (${placeholders(part.length)}))` : '';
      const rows = await this.db.select<CoreRow>(
        'SELECT e.entity_id, e.sku, e.type_id, e.attribute_set_id, e.status, e.visibility, e.created_at, e.updated_at, ' +
          'p.price, p.special_price, p.special_from_date, p.special_to_date, s.item_id, s.qty, s.reserved_qty, s.is_in_stock ' +
          `FROM ${T.product} e LEFT JOIN ${T.productPrice} p ON p.entity_id = e.entity_id LEFT JOIN ${T.stockItem} s ON s.product_id = e.entity_id ` +
          `WHERE e.entity_id IN (${placeholders(part.length)})${children}`,
        options.withChildren ? [...part, ...part] : part,
      );
      if (!rows.length) continue;
      const values = await this.loadValues(rows.map((r) => Number(r.entity_id)), storeId);
      for (const row of rows) out.set(Number(row.entity_id), toCore(row, values.get(Number(row.entity_id)) ?? [], storeId, snapshot));
    }
    return out;
  }

  async loadMedia(ids: readonly number[]): Promise<Map<number, MediaEntry[]>> {
    const out = new Map<number, MediaEntry[]>(ids.map((id) => [id, []]));
    for (const part of chunks([...new Set(ids)])) {
      const rows = (await this.db.conn()(T.productMedia).whereIn('entity_id', part).orderBy(['entity_id', 'position', 'value_id'])) as Array<{
        value_id: number;
        entity_id: number;
        file: string;
        label: string | null;
        position: number;
        disabled: unknown;
        types: string;
      }>;
      for (const r of rows) {
        out.get(Number(r.entity_id))!.push({
          id: Number(r.value_id),
          file: r.file,
          label: r.label,
          position: Number(r.position),
          disabled: toBool(r.disabled),
          types: r.types ? (r.types.split(',') as MediaRole[]) : [],
        });
      }
    }
    return out;
  }

  async loadCategoryLinks(ids: readonly number[]): Promise<Map<number, CategoryLink[]>> {
    const out = new Map<number, CategoryLink[]>(ids.map((id) => [id, []]));
    for (const part of chunks([...new Set(ids)])) {
      const rows = await this.db.select<{ category_id: number; product_id: number; position: number }>(
        `SELECT category_id, product_id, position FROM ${T.categoryProduct} WHERE product_id IN (${placeholders(part.length)}) ORDER BY product_id, category_id`,
        part,
      );
      for (const r of rows) out.get(Number(r.product_id))!.push({ categoryId: Number(r.category_id), position: Number(r.position) });
    }
    return out;
  }

  /**
   * Super attributes and children of configurable products (others map to null), in one query; with `withValues`, one more
   * gives the option values the children use (the storefront works them out from the children it loads anyway).
   */
  async loadConfigurable(ids: readonly number[], options: { withValues?: boolean } = { withValues: true }): Promise<Map<number, ConfigurableData | null>> {
    const out = new Map<number, ConfigurableData | null>(ids.map((id) => [id, null]));
    for (const part of chunks([...new Set(ids)])) {
      const conn = this.db.conn();
      // Super attributes (kind 1) and child links (kind 2) share the columns: owner, member, position, label, id.
      const rows = (await conn(T.superAttribute)
        .whereIn('product_id', part)
        .select(conn.raw('1 AS kind'), 'product_id AS owner', 'attribute_id AS member', 'position', 'label', 'product_super_attribute_id AS id')
        .unionAll([conn(T.superLink).whereIn('parent_id', part).select(conn.raw('2 AS kind'), 'parent_id AS owner', 'product_id AS member', conn.raw('0 AS position'), conn.raw('NULL AS label'), 'link_id AS id')])) as Array<{
        kind: number;
        owner: number;
        member: number;
        position: number;
        label: string | null;
        id: number;
      }>;
      const supers = rows
        .filter((r) => Number(r.kind) === 1)
        .map((r) => ({ product_super_attribute_id: Number(r.id), product_id: Number(r.owner), attribute_id: Number(r.member), position: Number(r.position), label: r.label }))
        .sort((a, b) => a.product_id - b.product_id || a.position - b.position || a.product_super_attribute_id - b.product_super_attribute_id);
      if (!supers.length) continue;
      const parents = [...new Set(supers.map((s) => Number(s.product_id)))];
      const links = rows
        .filter((r) => Number(r.kind) === 2)
        .sort((a, b) => Number(a.id) - Number(b.id))
        .map((r) => ({ product_id: Number(r.member), parent_id: Number(r.owner) }));
      const used = !options.withValues ? [] : ((await conn({ l: T.superLink })
        .join({ sa: T.superAttribute }, 'sa.product_id', 'l.parent_id')
        .join({ v: T.productInt }, function () {
          this.on('v.entity_id', '=', 'l.product_id').andOn('v.attribute_id', '=', 'sa.attribute_id').andOn('v.store_id', '=', conn.raw('0'));
        })
        .whereIn('l.parent_id', parents)
        .distinct('l.parent_id', 'sa.attribute_id', 'v.value')) as Array<{ parent_id: number; attribute_id: number; value: number }>);
      for (const parent of parents) {
        out.set(parent, {
          options: supers
            .filter((s) => Number(s.product_id) === parent)
            .map((s) => ({
              id: Number(s.product_super_attribute_id),
              attributeId: Number(s.attribute_id),
              position: Number(s.position),
              label: s.label ?? null,
              values: used.filter((u) => Number(u.parent_id) === parent && Number(u.attribute_id) === Number(s.attribute_id) && u.value !== null).map((u) => Number(u.value)),
            })),
          childIds: links.filter((l) => Number(l.parent_id) === parent).map((l) => Number(l.product_id)),
        });
      }
    }
    return out;
  }

  /** Configurable parents of products (a child may belong to several). */
  async loadParentIds(childIds: readonly number[]): Promise<number[]> {
    if (!childIds.length) return [];
    const rows = (await this.db.conn()(T.superLink).whereIn('product_id', [...childIds]).distinct('parent_id')) as Array<{ parent_id: number }>;
    return rows.map((r) => Number(r.parent_id));
  }

  async idsBySku(skus: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const part of chunks([...new Set(skus)])) {
      const rows = await this.db.select<{ entity_id: number; sku: string }>(`SELECT entity_id, sku FROM ${T.product} WHERE ${skuInCondition(this.db.client, 'sku', part.length)}`, part);
      for (const r of rows) out.set(r.sku.toLowerCase(), Number(r.entity_id));
    }
    return out;
  }

  private async loadValues(ids: number[], storeId: number): Promise<Map<number, ValueRow[]>> {
    const stores = storeId ? [0, storeId] : [0];
    const where = `WHERE entity_id IN (${placeholders(ids.length)}) AND store_id IN (${placeholders(stores.length)})`;
    const tables = [T.productVarchar, T.productText, T.productInt, T.productDecimal];
    const rows = await this.db.select<ValueRow>(
      tables.map((table) => `SELECT entity_id, attribute_id, store_id, value FROM ${table} ${where}`).join(' UNION ALL '),
      tables.flatMap(() => [...ids, ...stores]),
    );
    const out = new Map<number, ValueRow[]>();
    for (const row of rows) {
      const list = out.get(Number(row.entity_id)) ?? [];
      list.push(row);
      out.set(Number(row.entity_id), list);
    }
    return out;
  }
}

function toCore(row: CoreRow, values: ValueRow[], storeId: number, snapshot: AttributeSnapshot): ProductCore {
  const attributes: Record<string, AttributeValue> = {};
  const fromStore = new Set<number>();
  for (const v of values) {
    const attribute = snapshot.getById(Number(v.attribute_id));
    if (!attribute) continue;
    const isStoreRow = Number(v.store_id) !== 0;
    // A store view row wins over the default row, whichever comes first.
    if (!isStoreRow && fromStore.has(attribute.id)) continue;
    if (isStoreRow) fromStore.add(attribute.id);
    attributes[attribute.code] = decodeValue(attribute, v.value);
  }
  const qty = Number(row.qty ?? 0);
  const reserved = Number(row.reserved_qty ?? 0);
  const price = Number(row.price ?? 0);
  const specialPrice = row.special_price === null || row.special_price === undefined ? null : Number(row.special_price);
  return {
    id: Number(row.entity_id),
    sku: row.sku,
    typeId: row.type_id as ProductTypeId,
    attributeSetId: Number(row.attribute_set_id),
    status: Number(row.status) as ProductStatusValue,
    visibility: Number(row.visibility) as VisibilityValue,
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    storeId,
    name: typeof attributes.name === 'string' ? attributes.name : '',
    urlKey: typeof attributes.url_key === 'string' ? attributes.url_key : null,
    attributes: { ...attributes, price, special_price: specialPrice, special_from_date: row.special_from_date ?? null, special_to_date: row.special_to_date ?? null },
    price,
    specialPrice,
    specialFromDate: row.special_from_date ?? null,
    specialToDate: row.special_to_date ?? null,
    weight: typeof attributes.weight === 'number' ? attributes.weight : null,
    stock: { itemId: Number(row.item_id ?? 0), productId: Number(row.entity_id), qty, reservedQty: reserved, salableQty: Math.max(0, qty - reserved), isInStock: toBool(row.is_in_stock) },
  };
}

/** Typed values out of the storage column (mysql2 gives strings for DECIMAL and for anything that went through the UNION). */
export function decodeValue(attribute: AttributeMetadata, raw: unknown): AttributeValue {
  if (raw === null || raw === undefined) return null;
  switch (attribute.input) {
    case 'multiselect':
      return String(raw) === '' ? [] : String(raw).split(',').map(Number);
    case 'select':
      return Number(raw);
    case 'boolean':
      return Number(raw) === 1;
    case 'price':
    case 'weight':
      return Number(raw);
    default:
      return attribute.backendType === 'decimal' || attribute.backendType === 'int' ? Number(raw) : String(raw);
  }
}
