import { inject, injectable } from 'inversify';
import { Kernel, type Database } from '../../../app';
import { SharedSnapshot } from '../../../app/db/shared-snapshot';
import type { AttributeOption, AttributeSet } from '../api/attribute';
import { CatalogTable as T } from '../api/catalog-tables';
import { AttributeSnapshot, toAttribute, type AttributeRow } from './attribute-rows';
import { perTransaction } from './transaction-memo';

/**
 * The process's copy of the attribute tables (attributes, labels, options, sets): read on every storefront request, changed
 * rarely. Re-read after TTL_MS so changes made by another process show up, and dropped at once after a change made here.
 */
@injectable()
export class AttributeSnapshotCache {
  static readonly TTL_MS = 5000;
  private readonly shared: SharedSnapshot<AttributeSnapshot>;

  constructor(@inject(Kernel.Database) private readonly db: Database) {
    this.shared = new SharedSnapshot(db, () => this.load(), AttributeSnapshotCache.TTL_MS, (load, generation) =>
      perTransaction(db, 'catalog.attributes', load, generation),
    );
  }

  current(): Promise<AttributeSnapshot> {
    return this.shared.current();
  }

  /** The copy when it is at hand without loading (see SharedSnapshot.peek), else undefined. */
  peek(): AttributeSnapshot | undefined {
    return this.shared.peek();
  }

  /** Called first by a transaction that writes these tables: it then reads them afresh, its own rows included. */
  changing(): void {
    this.shared.changing();
  }

  reset(): void {
    this.shared.reset();
  }

  private async load(): Promise<AttributeSnapshot> {
    const conn = this.db.conn();
    const rows = (await conn(T.attribute).select('*').orderBy(['position', 'attribute_id'])) as AttributeRow[];
    const labels = (await conn(T.attributeLabel).select('attribute_id', 'store_id', 'value')) as Array<{ attribute_id: number; store_id: number; value: string }>;
    const options = (await conn(T.attributeOption).select('option_id', 'attribute_id', 'sort_order').orderBy(['sort_order', 'option_id'])) as Array<{
      option_id: number;
      attribute_id: number;
      sort_order: number;
    }>;
    const values = (await conn(T.attributeOptionValue).select('option_id', 'store_id', 'value')) as Array<{ option_id: number; store_id: number; value: string }>;
    const sets = (await conn(T.attributeSet).select('*').orderBy('attribute_set_id')) as Array<{ attribute_set_id: number; attribute_set_name: string }>;
    const members = (await conn(T.entityAttribute).select('attribute_set_id', 'attribute_id').orderBy('sort_order')) as Array<{ attribute_set_id: number; attribute_id: number }>;

    const labelsByAttribute = new Map<number, Record<number, string>>();
    for (const l of labels) {
      const map = labelsByAttribute.get(Number(l.attribute_id)) ?? {};
      map[Number(l.store_id)] = l.value;
      labelsByAttribute.set(Number(l.attribute_id), map);
    }
    const optionLabels = new Map<number, { admin: string; stores: Record<number, string> }>();
    for (const v of values) {
      const entry = optionLabels.get(Number(v.option_id)) ?? { admin: '', stores: {} };
      if (Number(v.store_id) === 0) entry.admin = v.value;
      else entry.stores[Number(v.store_id)] = v.value;
      optionLabels.set(Number(v.option_id), entry);
    }
    const optionsByAttribute = new Map<number, AttributeOption[]>();
    for (const o of options) {
      const label = optionLabels.get(Number(o.option_id));
      const list = optionsByAttribute.get(Number(o.attribute_id)) ?? [];
      list.push({ id: Number(o.option_id), sortOrder: Number(o.sort_order), label: label?.admin ?? '', storeLabels: label?.stores ?? {} });
      optionsByAttribute.set(Number(o.attribute_id), list);
    }
    const attributes = rows.map((row) => toAttribute(row, labelsByAttribute.get(Number(row.attribute_id)) ?? {}, optionsByAttribute.get(Number(row.attribute_id)) ?? []));
    const codeById = new Map(attributes.map((a) => [a.id, a.code]));
    const attributeSets: AttributeSet[] = sets.map((s) => ({
      id: Number(s.attribute_set_id),
      name: s.attribute_set_name,
      attributeCodes: members.filter((m) => Number(m.attribute_set_id) === Number(s.attribute_set_id)).map((m) => codeById.get(Number(m.attribute_id))!).filter(Boolean),
    }));
    return new AttributeSnapshot(attributes, attributeSets);
  }
}
