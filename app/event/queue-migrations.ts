import type { Migration } from '../module/manifest';
import { OUTBOX_TABLE } from './event-bus';

/** Outbox and database-queue tables. */
export const queueMigrations: Migration[] = [
  {
    name: '0002_event_outbox',
    up: async (knex) => {
      await knex.schema.createTable(OUTBOX_TABLE, (t) => {
        t.string('id', 36).primary();
        t.string('event_name', 191).notNullable();
        t.text('payload', 'longtext').notNullable();
        t.string('created_at', 32).notNullable();
        t.string('published_at', 32).nullable();
        t.index(['published_at'], 'event_outbox_published_at');
      });
    },
    down: async (knex) => {
      await knex.schema.dropTableIfExists(OUTBOX_TABLE);
    },
  },
];
