import type { Migration } from '../../../app';
import { SalesTable as T } from '../api/sales-tables';

/**
 * Magento's vault_payment_token: the gateway token is encrypted (PAY-03), clients see the random public_hash only; details
 * keep brand, last 4 and expiry (PAY-02). The sandbox gateway's own ledger stands in for the provider's records.
 */
export const createPaymentTables: Migration = {
  name: '0003_create_payment_tables',
  up: async (knex) => {
    await knex.schema.createTable(T.vaultToken, (t) => {
      t.increments('entity_id');
      t.integer('customer_id').unsigned().notNullable().index('vault_payment_token_customer_id');
      t.string('public_hash', 128).notNullable().unique({ indexName: 'vault_payment_token_public_hash' });
      t.string('payment_method_code', 128).notNullable();
      t.string('type', 16).notNullable();
      t.text('gateway_token').notNullable();
      t.string('gateway_token_hash', 64).notNullable();
      t.text('details').notNullable();
      t.string('expires_at', 10).nullable();
      t.boolean('is_active').notNullable().defaultTo(true);
      t.boolean('is_visible').notNullable().defaultTo(true);
      t.bigInteger('created_at').notNullable();
      t.unique(['payment_method_code', 'customer_id', 'gateway_token_hash'], { indexName: 'vault_payment_token_unique' });
    });
    await knex.schema.createTable(T.sandboxTransaction, (t) => {
      t.increments('entity_id');
      t.string('transaction_id', 64).notNullable().unique({ indexName: 'payment_sandbox_txn_id' });
      t.string('nonce_hash', 64).nullable().unique({ indexName: 'payment_sandbox_nonce' });
      t.string('kind', 16).notNullable();
      t.string('parent_id', 64).nullable();
      t.bigInteger('amount').notNullable();
      t.bigInteger('created_at').notNullable();
    });
  },
  down: async (knex) => {
    for (const table of [T.sandboxTransaction, T.vaultToken]) await knex.schema.dropTableIfExists(table);
  },
};
