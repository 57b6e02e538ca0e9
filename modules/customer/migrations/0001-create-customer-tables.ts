import type { Migration } from '../../../app';
import { StoreTable } from '../../store/api';
import { CustomerTable } from '../api/customer-entities';

/**
 * Magento_Customer's tables, reshaped for encryption at rest: personal columns hold AES-256-GCM ciphertext (text), the email
 * is found through `email_hash`, a keyed HMAC (blind index) unique per website. City, postcode, country and region stay in
 * clear: they identify nobody on their own and tax, shipping and reporting group by them. Times are epoch milliseconds.
 */
export const createCustomerTables: Migration = {
  name: '0001_create_customer_tables',
  up: async (knex) => {
    await knex.schema.createTable(CustomerTable.group, (t) => {
      t.increments('customer_group_id');
      t.string('customer_group_code', 32).notNullable().unique({ indexName: 'customer_group_code' });
      t.integer('tax_class_id').unsigned().notNullable().defaultTo(3);
    });
    await knex.schema.createTable(CustomerTable.entity, (t) => {
      t.increments('entity_id');
      t.integer('website_id').unsigned().nullable();
      t.integer('store_id').unsigned().nullable();
      t.integer('group_id').unsigned().notNullable().defaultTo(1);
      t.string('email_hash', 64).notNullable();
      t.text('email').notNullable();
      t.text('prefix').nullable();
      t.text('firstname').notNullable();
      t.text('middlename').nullable();
      t.text('lastname').notNullable();
      t.text('suffix').nullable();
      t.text('dob').nullable();
      t.text('taxvat').nullable();
      t.smallint('gender').unsigned().nullable();
      t.string('password_hash', 255).nullable();
      t.boolean('is_active').notNullable().defaultTo(true);
      t.boolean('is_subscribed').notNullable().defaultTo(false);
      t.integer('default_billing').unsigned().nullable();
      t.integer('default_shipping').unsigned().nullable();
      t.integer('failures_num').unsigned().notNullable().defaultTo(0);
      t.bigInteger('first_failure').nullable();
      t.bigInteger('lock_expires').nullable();
      t.string('rp_token_hash', 64).nullable();
      t.bigInteger('rp_token_created_at').nullable();
      t.integer('token_version').unsigned().notNullable().defaultTo(0);
      t.bigInteger('created_at').notNullable();
      t.bigInteger('updated_at').notNullable();
      t.unique(['website_id', 'email_hash'], { indexName: 'customer_entity_website_id_email_hash' });
      t.foreign('website_id', 'customer_entity_website_id_store_website_website_id').references('website_id').inTable(StoreTable.website).onDelete('SET NULL');
      t.foreign('store_id', 'customer_entity_store_id_store_store_id').references('store_id').inTable(StoreTable.store).onDelete('SET NULL');
      t.foreign('group_id', 'customer_entity_group_id_customer_group_customer_group_id').references('customer_group_id').inTable(CustomerTable.group);
      t.index(['store_id'], 'customer_entity_store_id');
      t.index(['group_id'], 'customer_entity_group_id');
      t.index(['created_at'], 'customer_entity_created_at');
    });
    await knex.schema.createTable(CustomerTable.address, (t) => {
      t.increments('entity_id');
      t.integer('parent_id').unsigned().notNullable();
      t.text('firstname').notNullable();
      t.text('lastname').notNullable();
      t.text('middlename').nullable();
      t.text('prefix').nullable();
      t.text('suffix').nullable();
      t.text('company').nullable();
      t.text('street').notNullable();
      t.string('city', 255).notNullable();
      t.string('country_id', 2).notNullable();
      t.string('region', 255).nullable();
      t.string('region_code', 32).nullable();
      t.integer('region_id').unsigned().nullable();
      t.string('postcode', 255).nullable();
      t.text('telephone').nullable();
      t.text('fax').nullable();
      t.text('vat_id').nullable();
      t.bigInteger('created_at').notNullable();
      t.bigInteger('updated_at').notNullable();
      t.foreign('parent_id', 'customer_address_entity_parent_id_customer_entity_entity_id').references('entity_id').inTable(CustomerTable.entity).onDelete('CASCADE');
      t.index(['parent_id'], 'customer_address_entity_parent_id');
    });
    // Magento_Security's password_reset_request_event, keyed by HMACs instead of the email and IP themselves.
    await knex.schema.createTable(CustomerTable.resetRequest, (t) => {
      t.increments('id');
      t.string('account_reference', 64).notNullable();
      t.string('ip_reference', 64).notNullable();
      t.bigInteger('created_at').notNullable();
      t.index(['account_reference', 'created_at'], 'customer_password_reset_request_account');
      t.index(['ip_reference', 'created_at'], 'customer_password_reset_request_ip');
      t.index(['created_at'], 'customer_password_reset_request_created_at');
    });
  },
  down: async (knex) => {
    await knex.schema.dropTableIfExists(CustomerTable.resetRequest);
    await knex.schema.dropTableIfExists(CustomerTable.address);
    await knex.schema.dropTableIfExists(CustomerTable.entity);
    await knex.schema.dropTableIfExists(CustomerTable.group);
  },
};
