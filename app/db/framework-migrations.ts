import type { Migration } from '../module/manifest';
import { CONFIG_TABLE } from '../config/config-service';
import { queueMigrations } from '../event/queue-migrations';
import { mailHoldMigrations } from '../mail/mail-hold';

export const frameworkMigrations: Migration[] = [
  {
    name: '0001_core_config_data',
    up: async (knex) => {
      await knex.schema.createTable(CONFIG_TABLE, (t) => {
        t.increments('config_id').primary();
        t.string('scope', 8).notNullable().defaultTo('default');
        t.integer('scope_id').notNullable().defaultTo(0);
        t.string('path', 255).notNullable();
        t.text('value').nullable();
        t.timestamp('updated_at').notNullable().defaultTo(knex.fn.now());
        t.unique(['scope', 'scope_id', 'path'], { indexName: 'core_config_data_scope_scope_id_path' });
      });
    },
    down: async (knex) => {
      await knex.schema.dropTableIfExists(CONFIG_TABLE);
    },
  },
  ...queueMigrations,
  ...mailHoldMigrations,
];
