import type { Migration } from '../../../app';
import { SalesTable as T } from '../api/sales-tables';
import { ORDER_STATUS_HISTORY } from '../order/order-comments';

/** Magento's sales_order_status_history: an order's comments (the reason given by a customer who canceled it). */
export const createOrderStatusHistory: Migration = {
  name: '0006_create_order_status_history',
  up: async (knex) => {
    await knex.schema.createTable(ORDER_STATUS_HISTORY, (t) => {
      t.increments('entity_id');
      t.integer('parent_id').unsigned().notNullable().references('entity_id').inTable(T.order).onDelete('CASCADE');
      t.text('comment').notNullable();
      t.string('status', 32).notNullable();
      t.boolean('is_customer_notified').notNullable().defaultTo(false);
      t.boolean('is_visible_on_front').notNullable().defaultTo(false);
      t.bigInteger('created_at').notNullable();
      t.index(['parent_id'], 'sales_order_status_history_parent_id');
    });
  },
  down: async (knex) => {
    await knex.schema.dropTableIfExists(ORDER_STATUS_HISTORY);
  },
};
