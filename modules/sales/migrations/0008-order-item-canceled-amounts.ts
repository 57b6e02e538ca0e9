import type { Migration } from '../../../app';
import { SalesTable as T } from '../api/sales-tables';

const COLUMNS = ['row_canceled', 'discount_canceled', 'tax_canceled'] as const;

/**
 * What a cancel took off each order line (row total, discount, tax; minor units), beside its row_invoiced/… twins: units
 * shipped before the cancel and invoiced after it then take exactly what is left of the line, so invoiced + cancelled add up
 * to the order to the minor unit (half-up shares of the units still counted as cancelled drifted by one). Magento keeps
 * tax_canceled per item too. Lines cancelled before this migration get the share their later invoices left: the whole rest
 * when nothing is left to invoice, else the cancelled units' share of the rest.
 */
export const orderItemCanceledAmounts: Migration = {
  name: '0008_order_item_canceled_amounts',
  up: async (knex) => {
    await knex.schema.alterTable(T.orderItem, (t) => {
      for (const name of COLUMNS) t.bigInteger(name).notNullable().defaultTo(0);
    });
    const rows = (await knex(T.orderItem)
      .where('qty_canceled', '>', 0)
      .select('item_id', 'qty_ordered', 'qty_invoiced', 'qty_canceled', 'row_total', 'discount_amount', 'tax_amount', 'row_invoiced', 'discount_invoiced', 'tax_invoiced')) as Array<Record<string, number | string>>;
    for (const row of rows) await knex(T.orderItem).where('item_id', row.item_id).update(backfill(row));
  },
  down: async (knex) => {
    await knex.schema.alterTable(T.orderItem, (t) => t.dropColumns(...COLUMNS));
  },
};

function backfill(row: Record<string, number | string>): Record<(typeof COLUMNS)[number], number> {
  const n = (key: string) => Number(row[key]);
  const notInvoiced = Math.max(n('qty_ordered') - n('qty_invoiced'), 0);
  const share = (amount: number) => (n('qty_canceled') >= notInvoiced ? amount : Math.floor((amount * n('qty_canceled') * 2 + notInvoiced) / (notInvoiced * 2)));
  return {
    row_canceled: share(n('row_total') - n('row_invoiced')),
    discount_canceled: share(n('discount_amount') - n('discount_invoiced')),
    tax_canceled: share(n('tax_amount') - n('tax_invoiced')),
  };
}
