import { inject, injectable } from 'inversify';
import type { Knex } from 'knex';
import { Kernel, type Database } from '../../../app';
import type { AttributeMetadata, BackendType } from '../api/attribute';
import { CatalogTable as T } from '../api/catalog-tables';
import type { MediaRole, ProductStatusValue, ProductTypeId, VisibilityValue } from '../api/product';
import type { AttributeSnapshotCache } from './attribute-snapshot-cache';
import { CatalogInternal } from './catalog-internal-tokens';
import { chunks } from './sql-helpers';

export const VALUE_TABLES: Record<Exclude<BackendType, 'static'>, string> = {
  varchar: T.productVarchar,
  text: T.productText,
  int: T.productInt,
  decimal: T.productDecimal,
};

export interface EntityFields {
  sku?: string;
  type_id?: ProductTypeId;
  attribute_set_id?: number;
  status?: ProductStatusValue;
  visibility?: VisibilityValue;
}

export interface PriceRow {
  price: number;
  special_price: number | null;
  special_from_date: string | null;
  special_to_date: string | null;
}

/** A value to store, already in its column's type; null removes the row (at a store view: back to the default value). */
export interface StoredValue {
  attribute: AttributeMetadata;
  storeId: number;
  value: string | number | null;
}

/** The product tables' writes, always on the caller's transaction (Database.conn()). Validation happens before, in the service. */
@injectable()
export class ProductWriter {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(CatalogInternal.AttributeCache) private readonly attributes: AttributeSnapshotCache,
  ) {}

  private get conn(): Knex {
    return this.db.conn();
  }

  async insertEntity(fields: Required<EntityFields>, now: string): Promise<number> {
    const [id] = await this.conn(T.product).insert({ ...fields, created_at: now, updated_at: now });
    return Number(id);
  }

  async updateEntity(id: number, fields: EntityFields, now: string): Promise<void> {
    await this.conn(T.product).where({ entity_id: id }).update({ ...fields, updated_at: now });
  }

  async writeValues(entityId: number, values: StoredValue[]): Promise<void> {
    for (const [backend, table] of Object.entries(VALUE_TABLES)) {
      const mine = values.filter((v) => v.attribute.backendType === backend);
      const removed = mine.filter((v) => v.value === null);
      const kept = mine.filter((v) => v.value !== null);
      for (const v of removed) await this.conn(table).where({ entity_id: entityId, attribute_id: v.attribute.id, store_id: v.storeId }).delete();
      if (kept.length) {
        await this.conn(table)
          .insert(kept.map((v) => ({ entity_id: entityId, attribute_id: v.attribute.id, store_id: v.storeId, value: v.value })))
          .onConflict(['entity_id', 'attribute_id', 'store_id'])
          .merge(['value']);
      }
    }
  }

  async writePrice(entityId: number, row: PriceRow): Promise<void> {
    await this.conn(T.productPrice).insert({ entity_id: entityId, ...row }).onConflict('entity_id').merge(['price', 'special_price', 'special_from_date', 'special_to_date']);
  }

  async writeStock(entityId: number, qty: number, isInStock: boolean): Promise<void> {
    await this.conn(T.stockItem).insert({ product_id: entityId, stock_id: 1, qty, reserved_qty: 0, is_in_stock: isInStock }).onConflict('product_id').merge(['qty', 'is_in_stock']);
  }

  async replaceMedia(entityId: number, entries: Array<{ file: string; label: string | null; position: number; disabled: boolean; types: MediaRole[] }>): Promise<void> {
    await this.conn(T.productMedia).where({ entity_id: entityId }).delete();
    if (!entries.length) return;
    await this.conn(T.productMedia).insert(
      entries.map((m) => ({ entity_id: entityId, file: m.file, label: m.label, position: m.position, disabled: m.disabled, types: m.types.join(',') })),
    );
  }

  async replaceCategoryLinks(entityId: number, links: Array<{ categoryId: number; position: number }>): Promise<void> {
    await this.conn(T.categoryProduct).where({ product_id: entityId }).delete();
    if (!links.length) return;
    await this.conn(T.categoryProduct).insert(links.map((l) => ({ category_id: l.categoryId, product_id: entityId, position: l.position })));
  }

  async replaceConfigurable(entityId: number, attributeIds: number[], childIds: number[], labels: Record<number, string> = {}): Promise<void> {
    await this.conn(T.superAttribute).where({ product_id: entityId }).delete();
    await this.conn(T.superLink).where({ parent_id: entityId }).delete();
    if (attributeIds.length) {
      await this.conn(T.superAttribute).insert(attributeIds.map((attributeId, position) => ({ product_id: entityId, attribute_id: attributeId, position, label: labels[attributeId] ?? null })));
    }
    if (childIds.length) await this.conn(T.superLink).insert(childIds.map((childId) => ({ product_id: childId, parent_id: entityId })));
  }

  async deleteProduct(entityId: number): Promise<void> {
    // Foreign keys cascade to values, price, stock, gallery, links and category positions; rewrites are removed by their service.
    await this.conn(T.product).where({ entity_id: entityId }).delete();
  }

  /**
   * Rebuilds the option index (what select/multiselect/boolean filters and facets read) for products. A configurable is
   * indexed with its enabled children's values too, so "color: Blue" finds the configurable that has a blue variant.
   */
  async rebuildOptionIndex(ids: number[]): Promise<void> {
    if (!ids.length) return;
    const snapshot = await this.attributes.current();
    const optionAttributes = snapshot.list('catalog_product').filter((a) => a.input === 'select' || a.input === 'multiselect' || a.input === 'boolean');
    const singleIds = optionAttributes.filter((a) => a.backendType === 'int').map((a) => a.id);
    const multiIds = optionAttributes.filter((a) => a.backendType === 'varchar').map((a) => a.id);
    for (const part of chunks([...new Set(ids)])) {
      const conn = this.conn;
      const links = (await conn({ l: T.superLink })
        .join({ c: T.product }, 'c.entity_id', 'l.product_id')
        .whereIn('l.parent_id', part)
        .where('c.status', 1)
        .select('l.parent_id', 'l.product_id')) as Array<{ parent_id: number; product_id: number }>;
      const sources = [...new Set([...part, ...links.map((l) => Number(l.product_id))])];
      const rows: Array<{ entity_id: number; attribute_id: number; value: unknown }> = [];
      if (singleIds.length) {
        rows.push(...(await conn(T.productInt).whereIn('entity_id', sources).whereIn('attribute_id', singleIds).where('store_id', 0).whereNotNull('value').select('entity_id', 'attribute_id', 'value')));
      }
      if (multiIds.length) {
        rows.push(...(await conn(T.productVarchar).whereIn('entity_id', sources).whereIn('attribute_id', multiIds).where('store_id', 0).whereNotNull('value').select('entity_id', 'attribute_id', 'value')));
      }
      const owners = new Map<number, number[]>();
      for (const id of part) owners.set(id, [id]);
      for (const link of links) owners.get(Number(link.parent_id))?.push(Number(link.product_id));
      const index = new Set<string>();
      for (const [owner, members] of owners) {
        for (const row of rows) {
          if (!members.includes(Number(row.entity_id))) continue;
          for (const value of String(row.value).split(',').filter((v) => v !== '')) index.add(`${owner}:${row.attribute_id}:${Number(value)}`);
        }
      }
      await conn(T.productOptionIndex).whereIn('entity_id', part).delete();
      const inserts = [...index].map((key) => {
        const [entity_id, attribute_id, value] = key.split(':').map(Number);
        return { entity_id, attribute_id, value };
      });
      for (const batch of chunks(inserts, 300)) await conn(T.productOptionIndex).insert(batch);
    }
  }
}
