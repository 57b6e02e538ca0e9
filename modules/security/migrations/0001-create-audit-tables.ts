import type { Migration } from '../../../app';
import { AuditTable, GENESIS_HASH } from '../model/audit-tables';

/**
 * The audit trail. Ids are assigned by the writer under the head row's lock (not auto-increment), so they are contiguous and a
 * gap means a deleted entry. The head row starts with the genesis hash and a MAC the first writer fills in.
 */
export const createAuditTables: Migration = {
  name: '0001_create_audit_tables',
  up: async (knex) => {
    await knex.schema.createTable(AuditTable.entry, (t) => {
      t.bigInteger('id').unsigned().primary();
      t.string('created_at', 32).notNullable();
      t.string('actor_type', 16).notNullable();
      t.string('actor_id', 64).nullable();
      t.string('actor_name', 255).nullable();
      t.string('event', 64).notNullable();
      t.string('outcome', 8).notNullable();
      t.string('ip', 64).nullable();
      t.string('channel', 16).notNullable();
      t.string('resource_type', 64).nullable();
      t.string('resource_id', 64).nullable();
      t.text('details').notNullable();
      t.string('prev_hash', 64).notNullable();
      t.string('hash', 64).notNullable();
      t.string('mac', 64).notNullable();
      t.index(['created_at'], 'security_audit_log_created_at');
      t.index(['event', 'created_at'], 'security_audit_log_event_created_at');
      t.index(['actor_type', 'actor_id'], 'security_audit_log_actor');
      t.index(['resource_type', 'resource_id'], 'security_audit_log_resource');
    });
    await knex.schema.createTable(AuditTable.head, (t) => {
      t.integer('id').unsigned().primary();
      t.bigInteger('last_id').unsigned().notNullable();
      t.string('last_hash', 64).notNullable();
      /** Entries up to anchor_id were removed by retention; the first kept entry chains from anchor_hash. */
      t.bigInteger('anchor_id').unsigned().notNullable();
      t.string('anchor_hash', 64).notNullable();
      /** Empty until the first entry: the installer has no key-bound service to compute it with. */
      t.string('mac', 64).notNullable();
    });
    await knex(AuditTable.head).insert({ id: 1, last_id: 0, last_hash: GENESIS_HASH, anchor_id: 0, anchor_hash: GENESIS_HASH, mac: '' });
  },
  down: async (knex) => {
    await knex.schema.dropTableIfExists(AuditTable.head);
    await knex.schema.dropTableIfExists(AuditTable.entry);
  },
};

export const securityMigrations: Migration[] = [createAuditTables];
