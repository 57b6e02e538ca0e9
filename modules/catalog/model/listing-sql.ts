import type { Knex } from 'knex';
import { CatalogTable as T } from '../api/catalog-tables';

/** The final price of price row `a` on a day: the special price when lower and within its dates. Two bindings: the day, twice. */
function finalPriceSql(a: string): string {
  return (
    `CASE WHEN ${a}.special_price IS NOT NULL AND ${a}.special_price < ${a}.price ` +
    `AND (${a}.special_from_date IS NULL OR ${a}.special_from_date <= ?) AND (${a}.special_to_date IS NULL OR ${a}.special_to_date >= ?) ` +
    `THEN ${a}.special_price ELSE ${a}.price END`
  );
}

/**
 * Joins what the listing price needs to `catalog_product_entity e` and returns its expression: a product's own final price,
 * or for a configurable the lowest final price among its salable enabled children (what price_range.minimum_price shows).
 */
export function joinListingPrice(knex: Knex, query: Knex.QueryBuilder, today: string): Knex.Raw {
  const children = knex({ l: T.superLink })
    .join({ cp: T.productPrice }, 'cp.entity_id', 'l.product_id')
    .join({ ce: T.product }, 'ce.entity_id', 'l.product_id')
    .join({ cs: T.stockItem }, 'cs.product_id', 'l.product_id')
    .where('ce.status', 1)
    .where('cs.is_in_stock', 1)
    .whereRaw('cs.qty - cs.reserved_qty > 0')
    .groupBy('l.parent_id')
    .select('l.parent_id', knex.raw(`MIN(${finalPriceSql('cp')}) AS min_price`, [today, today]));
  query.leftJoin({ lp: T.productPrice }, 'lp.entity_id', 'e.entity_id').leftJoin(children.as('cfg'), 'cfg.parent_id', 'e.entity_id');
  return knex.raw(`(CASE WHEN e.type_id = 'configurable' THEN cfg.min_price ELSE ${finalPriceSql('lp')} END)`, [today, today]);
}

/**
 * Keeps salable products only (Magento hides out-of-stock products unless cataloginventory/options/show_out_of_stock):
 * flagged in stock, and with something left to sell — for a configurable, in one of its enabled children.
 */
export function whereSalable(knex: Knex, query: Knex.QueryBuilder): void {
  const salableChild = knex({ l: T.superLink })
    .join({ ce: T.product }, 'ce.entity_id', 'l.product_id')
    .join({ cs: T.stockItem }, 'cs.product_id', 'l.product_id')
    .whereRaw('l.parent_id = e.entity_id')
    .where('ce.status', 1)
    .where('cs.is_in_stock', 1)
    .whereRaw('cs.qty - cs.reserved_qty > 0')
    .select(knex.raw('1'));
  query
    .join({ si: T.stockItem }, 'si.product_id', 'e.entity_id')
    .where('si.is_in_stock', 1)
    .where((q) => {
      q.where((own) => own.whereNot('e.type_id', 'configurable').whereRaw('si.qty - si.reserved_qty > 0')).orWhere((cfg) => cfg.where('e.type_id', 'configurable').whereExists(salableChild));
    });
}
