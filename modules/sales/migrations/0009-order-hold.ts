import type { Migration } from '../../../app';
import { SalesTable as T } from '../api/sales-tables';

/** Magento's hold_before_state and hold_before_status: where an order on hold (state `holded`) goes back to when released. */
export const orderHold: Migration = {
  name: '0009_order_hold',
  up: async (knex) => {
    await knex.schema.alterTable(T.order, (t) => {
      t.string('hold_before_state', 32).nullable();
      t.string('hold_before_status', 32).nullable();
    });
  },
  down: async (knex) => {
    await knex.schema.alterTable(T.order, (t) => t.dropColumns('hold_before_state', 'hold_before_status'));
  },
};
