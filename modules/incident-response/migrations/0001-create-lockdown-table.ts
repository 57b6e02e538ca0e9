import type { Migration } from '../../../app';
import { LockdownTable } from '../model/lockdown-tables';

export const createLockdownTable: Migration = {
  name: '0001_create_lockdown_table',
  up: async (knex) => {
    await knex.schema.createTable(LockdownTable.state, (t) => {
      t.integer('id').unsigned().primary();
      t.boolean('active').notNullable().defaultTo(false);
      t.string('reason', 255).nullable();
      t.string('started_at', 32).nullable();
      t.string('ended_at', 32).nullable();
      t.string('started_by', 255).nullable();
    });
    await knex(LockdownTable.state).insert({ id: 1, active: false });
  },
  down: async (knex) => {
    await knex.schema.dropTableIfExists(LockdownTable.state);
  },
};

export const incidentResponseMigrations: Migration[] = [createLockdownTable];
