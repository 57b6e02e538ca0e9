import type { Migration } from '../../../app';
import { SalesTable as T } from '../api/sales-tables';

/**
 * Orders, their items, addresses and payment, invoices and shipments, the per-store order number sequence. `quote_id` is
 * unique: a cart can become one order only, whatever retries or races happen (idempotent placeOrder). The payment row keeps
 * the card's brand, last 4 and expiry only (PAY-02); there is no column a card number or a CVV could go to (PAY-01).
 */
export const createOrderTables: Migration = {
  name: '0002_create_order_tables',
  up: async (knex) => {
    await knex.schema.createTable(T.orderSequence, (t) => {
      t.integer('store_id').unsigned().primary();
      t.integer('last_value').unsigned().notNullable();
    });
    await knex.schema.createTable(T.order, (t) => {
      t.increments('entity_id');
      t.string('increment_id', 32).notNullable();
      t.integer('quote_id').unsigned().notNullable().unique({ indexName: 'sales_order_quote_id' });
      t.integer('store_id').unsigned().notNullable();
      t.integer('customer_id').unsigned().nullable().index('sales_order_customer_id');
      t.text('customer_email').notNullable();
      t.string('email_hash', 64).notNullable();
      t.string('state', 32).notNullable();
      t.string('status', 32).notNullable();
      t.string('currency', 3).notNullable();
      for (const c of ['subtotal', 'shipping_amount', 'discount_amount', 'tax_amount', 'grand_total', 'total_paid']) t.bigInteger(c).notNullable().defaultTo(0);
      t.integer('total_qty').unsigned().notNullable();
      t.string('coupon_code', 64).nullable();
      t.string('shipping_method', 128).nullable();
      t.string('shipping_description', 255).nullable();
      t.bigInteger('created_at').notNullable();
      t.bigInteger('updated_at').notNullable();
      t.unique(['store_id', 'increment_id'], { indexName: 'sales_order_store_increment' });
    });
    await knex.schema.createTable(T.orderItem, (t) => {
      t.increments('item_id');
      t.integer('order_id').unsigned().notNullable().references('entity_id').inTable(T.order).onDelete('CASCADE');
      t.integer('product_id').unsigned().notNullable();
      t.string('sku', 64).notNullable();
      t.string('stock_sku', 64).notNullable();
      t.string('name', 255).notNullable();
      t.string('product_type', 32).notNullable();
      t.text('options').nullable();
      for (const c of ['qty_ordered', 'qty_invoiced', 'qty_shipped', 'qty_canceled']) t.integer(c).unsigned().notNullable().defaultTo(0);
      for (const c of ['price', 'row_total', 'discount_amount', 'tax_amount']) t.bigInteger(c).notNullable().defaultTo(0);
      t.integer('tax_percent_bp').unsigned().notNullable().defaultTo(0);
      t.index(['order_id'], 'sales_order_item_order_id');
    });
    await knex.schema.createTable(T.orderAddress, (t) => {
      t.increments('entity_id');
      t.integer('order_id').unsigned().notNullable().references('entity_id').inTable(T.order).onDelete('CASCADE');
      t.string('address_type', 16).notNullable();
      t.text('data').notNullable();
      t.string('city', 255).notNullable();
      t.string('postcode', 32).nullable();
      t.string('country_id', 2).notNullable();
      t.string('region', 255).nullable();
      t.string('region_code', 32).nullable();
      t.integer('region_id').unsigned().nullable();
      t.index(['order_id'], 'sales_order_address_order_id');
    });
    await knex.schema.createTable(T.orderPayment, (t) => {
      t.increments('entity_id');
      t.integer('order_id').unsigned().notNullable().unique({ indexName: 'sales_order_payment_order_id' }).references('entity_id').inTable(T.order).onDelete('CASCADE');
      t.string('method', 64).notNullable();
      t.string('po_number', 64).nullable();
      t.string('cc_type', 32).nullable();
      t.string('cc_last_4', 4).nullable();
      t.smallint('cc_exp_month').unsigned().nullable();
      t.smallint('cc_exp_year').unsigned().nullable();
      t.string('last_trans_id', 64).nullable();
      t.bigInteger('amount_authorized').notNullable().defaultTo(0);
      t.bigInteger('amount_paid').notNullable().defaultTo(0);
    });
    await knex.schema.createTable(T.invoice, (t) => {
      t.increments('entity_id');
      t.integer('order_id').unsigned().notNullable().references('entity_id').inTable(T.order).onDelete('CASCADE');
      t.string('increment_id', 32).notNullable();
      t.bigInteger('grand_total').notNullable();
      t.string('transaction_id', 64).nullable();
      t.text('items').notNullable();
      t.bigInteger('created_at').notNullable();
      t.index(['order_id'], 'sales_invoice_order_id');
    });
    await knex.schema.createTable(T.shipment, (t) => {
      t.increments('entity_id');
      t.integer('order_id').unsigned().notNullable().references('entity_id').inTable(T.order).onDelete('CASCADE');
      t.string('increment_id', 32).notNullable();
      t.text('items').notNullable();
      t.text('tracks').nullable();
      t.bigInteger('created_at').notNullable();
      t.index(['order_id'], 'sales_shipment_order_id');
    });
  },
  down: async (knex) => {
    for (const table of [T.shipment, T.invoice, T.orderPayment, T.orderAddress, T.orderItem, T.order, T.orderSequence]) await knex.schema.dropTableIfExists(table);
  },
};
