import type { Knex } from 'knex';
import type { AttributeMetadata } from '../api/attribute';
import { VALUE_TABLES } from './product-writer';

/** Columns of `catalog_product_entity e` and `catalog_product_price p` that hold the static attributes. */
export const STATIC_COLUMNS: Record<string, string> = {
  entity_id: 'e.entity_id',
  id: 'e.entity_id',
  sku: 'e.sku',
  type_id: 'e.type_id',
  attribute_set_id: 'e.attribute_set_id',
  status: 'e.status',
  visibility: 'e.visibility',
  created_at: 'e.created_at',
  updated_at: 'e.updated_at',
  price: 'p.price',
  special_price: 'p.special_price',
  special_from_date: 'p.special_from_date',
  special_to_date: 'p.special_to_date',
};

/**
 * Joins an attribute's value to `catalog_product_entity e` and returns the SQL expression of the value in a store view:
 * the store view's row when there is one, else the default row. Joins are reused by alias, so filtering and sorting on the
 * same attribute cost one join.
 */
export class AttributeJoiner {
  private readonly joined = new Map<string, string>();

  constructor(
    private readonly knex: Knex,
    private readonly query: Knex.QueryBuilder,
    private readonly storeId: number,
  ) {}

  valueOf(attribute: AttributeMetadata): string {
    const known = this.joined.get(attribute.code);
    if (known) return known;
    if (attribute.backendType === 'static') {
      const column = STATIC_COLUMNS[attribute.code];
      if (!column) throw new Error(`No column for the static attribute ${attribute.code}`);
      return column;
    }
    const table = VALUE_TABLES[attribute.backendType];
    const alias = `a${this.joined.size}`;
    this.query.leftJoin({ [`${alias}d`]: table }, (on) => {
      on.on(`${alias}d.entity_id`, '=', 'e.entity_id').andOnVal(`${alias}d.attribute_id`, '=', attribute.id).andOnVal(`${alias}d.store_id`, '=', 0);
    });
    let expression = `${alias}d.value`;
    if (this.storeId && attribute.scope === 'store') {
      this.query.leftJoin({ [`${alias}s`]: table }, (on) => {
        on.on(`${alias}s.entity_id`, '=', 'e.entity_id').andOnVal(`${alias}s.attribute_id`, '=', attribute.id).andOnVal(`${alias}s.store_id`, '=', this.storeId);
      });
      expression = `COALESCE(${alias}s.value, ${alias}d.value)`;
    }
    this.joined.set(attribute.code, expression);
    return expression;
  }

  /**
   * Narrows `e` to products having a row of `attribute` equal to one of `values` in the default scope or the store view: a
   * superset of those whose value (valueOf) is one of them, found through the (attribute_id, store_id, value) index. Added
   * beside the exact condition, it lets the database start from those few products instead of checking every one (a url_key
   * lookup went from scanning the catalog to an index probe). No-op for static attributes, whose columns are indexed already.
   */
  narrowToValues(attribute: AttributeMetadata, values: readonly unknown[]): void {
    if (attribute.backendType === 'static') return;
    const table = VALUE_TABLES[attribute.backendType];
    const stores = this.storeId && attribute.scope === 'store' ? [0, this.storeId] : [0];
    this.query.whereIn('e.entity_id', this.knex(table).select('entity_id').where('attribute_id', attribute.id).whereIn('store_id', stores).whereIn('value', values as string[]));
  }

  raw(expression: string): Knex.Raw {
    return this.knex.raw(expression);
  }
}
