import type { Migration } from '../../../app';
import { SalesTable as T } from '../api/sales-tables';

const CANCELED = ['subtotal_canceled', 'tax_canceled', 'shipping_canceled', 'discount_canceled', 'total_canceled'] as const;

/**
 * Magento's invoice `state` (1 open / pending, 2 paid, 3 canceled): a card invoice created with `capture: false` stays open
 * until it is captured or voided. Invoices written before this migration were all captured or offline: they are paid (2).
 * And Magento's cancelled totals on sales_order (subtotal_canceled, tax_canceled, shipping_canceled, discount_canceled,
 * total_canceled), in minor units like the other money columns, written by a cancel.
 */
export const openInvoicesCanceledTotals: Migration = {
  name: '0007_open_invoices_canceled_totals',
  up: async (knex) => {
    await knex.schema.alterTable(T.invoice, (t) => {
      t.smallint('state').unsigned().notNullable().defaultTo(2);
    });
    await knex.schema.alterTable(T.order, (t) => {
      for (const name of CANCELED) t.bigInteger(name).notNullable().defaultTo(0);
    });
  },
  down: async (knex) => {
    await knex.schema.alterTable(T.order, (t) => t.dropColumns(...CANCELED));
    await knex.schema.alterTable(T.invoice, (t) => t.dropColumns('state'));
  },
};
