import type { Knex } from 'knex';
import type { Migration } from '../../../app';
import { SalesTable as T } from '../api/sales-tables';

const money = (t: Knex.TableBuilder, ...names: string[]) => {
  for (const name of names) t.bigInteger(name).notNullable().defaultTo(0);
};

/**
 * Partial invoices and shipments, credit memos and their own numbers (Magento's sales_creditmemo and sequence_invoice_N,
 * sequence_shipment_N, sequence_creditmemo_N in one table keyed by entity type and store). Order items keep what was
 * invoiced and refunded of their row, discount and tax (Magento's row_invoiced, discount_invoiced, tax_invoiced,
 * amount_refunded…), so every partial document takes its share of what is left and the documents add up to the order exactly.
 */
export const createDocumentTables: Migration = {
  name: '0004_create_document_tables',
  up: async (knex) => {
    await knex.schema.createTable(T.documentSequence, (t) => {
      t.string('entity_type', 16).notNullable();
      t.integer('store_id').unsigned().notNullable();
      t.integer('last_value').unsigned().notNullable();
      t.primary(['entity_type', 'store_id']);
    });
    await knex.schema.alterTable(T.order, (t) => {
      money(t, 'total_refunded', 'shipping_refunded', 'shipping_tax_refunded');
    });
    await knex.schema.alterTable(T.orderItem, (t) => {
      t.integer('qty_refunded').unsigned().notNullable().defaultTo(0);
      money(t, 'row_invoiced', 'discount_invoiced', 'tax_invoiced', 'row_refunded', 'discount_refunded', 'tax_refunded');
    });
    await knex.schema.alterTable(T.orderPayment, (t) => {
      money(t, 'amount_refunded');
    });
    await knex.schema.alterTable(T.invoice, (t) => {
      money(t, 'subtotal', 'discount_amount', 'tax_amount', 'shipping_amount', 'shipping_tax_amount', 'total_refunded');
      t.text('comment').nullable();
      t.boolean('comment_visible').notNullable().defaultTo(false);
    });
    await knex.schema.alterTable(T.shipment, (t) => {
      t.text('comment').nullable();
      t.boolean('comment_visible').notNullable().defaultTo(false);
    });
    await knex.schema.createTable(T.creditmemo, (t) => {
      t.increments('entity_id');
      t.integer('order_id').unsigned().notNullable().references('entity_id').inTable(T.order).onDelete('CASCADE');
      t.string('increment_id', 32).notNullable();
      money(t, 'subtotal', 'discount_amount', 'tax_amount', 'shipping_amount', 'shipping_tax_amount', 'adjustment_positive', 'adjustment_negative', 'grand_total');
      t.string('transaction_id', 64).nullable();
      t.boolean('online').notNullable().defaultTo(false);
      t.text('items').notNullable();
      t.text('comment').nullable();
      t.boolean('comment_visible').notNullable().defaultTo(false);
      t.bigInteger('created_at').notNullable();
      t.index(['order_id'], 'sales_creditmemo_order_id');
    });
  },
  down: async (knex) => {
    await knex.schema.dropTableIfExists(T.creditmemo);
    await knex.schema.dropTableIfExists(T.documentSequence);
    await knex.schema.alterTable(T.shipment, (t) => t.dropColumns('comment', 'comment_visible'));
    await knex.schema.alterTable(T.invoice, (t) => t.dropColumns('subtotal', 'discount_amount', 'tax_amount', 'shipping_amount', 'shipping_tax_amount', 'total_refunded', 'comment', 'comment_visible'));
    await knex.schema.alterTable(T.orderPayment, (t) => t.dropColumns('amount_refunded'));
    await knex.schema.alterTable(T.orderItem, (t) => t.dropColumns('qty_refunded', 'row_invoiced', 'discount_invoiced', 'tax_invoiced', 'row_refunded', 'discount_refunded', 'tax_refunded'));
    await knex.schema.alterTable(T.order, (t) => t.dropColumns('total_refunded', 'shipping_refunded', 'shipping_tax_refunded'));
  },
};
