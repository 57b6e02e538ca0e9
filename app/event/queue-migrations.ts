import type { Migration } from '../module/manifest';
import { CONSUMER_LOCK_TABLE } from './consumer-lock';
import { QUEUE_MESSAGE_STATUS_TABLE, QUEUE_MESSAGE_TABLE } from './db-queue-transport';
import { OUTBOX_TABLE } from './event-bus';
import { PROCESSED_TABLE } from './idempotent-delivery';

/** Outbox and database-queue tables. Epoch-millisecond columns are compared in SQL, the same way on SQLite and MariaDB. */
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
  {
    // Which relay is publishing a row, until when: relays in several processes must not publish the same rows.
    name: '0003_event_outbox_claim',
    up: async (knex) => {
      await knex.schema.alterTable(OUTBOX_TABLE, (t) => {
        t.string('claimed_by', 64).nullable();
        t.bigInteger('claim_expires_at').nullable();
      });
    },
    down: async (knex) => {
      await knex.schema.alterTable(OUTBOX_TABLE, (t) => {
        t.dropColumn('claimed_by');
        t.dropColumn('claim_expires_at');
      });
    },
  },
  {
    name: '0004_queue_message',
    up: async (knex) => {
      await knex.schema.createTable(QUEUE_MESSAGE_TABLE, (t) => {
        t.string('id', 64).primary();
        t.string('event_name', 191).notNullable();
        t.text('payload', 'longtext').notNullable();
        t.string('created_at', 32).notNullable();
      });
      await knex.schema.createTable(QUEUE_MESSAGE_STATUS_TABLE, (t) => {
        t.increments('id').primary();
        t.string('message_id', 64).notNullable().references('id').inTable(QUEUE_MESSAGE_TABLE).onDelete('CASCADE');
        t.string('consumer', 191).notNullable();
        t.string('status', 16).notNullable().defaultTo('new');
        t.integer('attempts').notNullable().defaultTo(0);
        t.bigInteger('available_at').notNullable().defaultTo(0);
        t.string('locked_by', 64).nullable();
        t.bigInteger('locked_until').nullable();
        t.text('last_error').nullable();
        t.string('updated_at', 32).notNullable();
        t.unique(['message_id', 'consumer'], { indexName: 'queue_message_status_message_consumer' });
        t.index(['consumer', 'status', 'available_at'], 'queue_message_status_claimable');
        t.index(['locked_by'], 'queue_message_status_locked_by');
      });
    },
    down: async (knex) => {
      await knex.schema.dropTableIfExists(QUEUE_MESSAGE_STATUS_TABLE);
      await knex.schema.dropTableIfExists(QUEUE_MESSAGE_TABLE);
    },
  },
  {
    name: '0005_queue_consumer_processed',
    up: async (knex) => {
      await knex.schema.createTable(PROCESSED_TABLE, (t) => {
        t.string('consumer', 191).notNullable();
        t.string('message_id', 64).notNullable();
        t.string('processed_at', 32).notNullable();
        t.primary(['consumer', 'message_id']);
      });
    },
    down: async (knex) => {
      await knex.schema.dropTableIfExists(PROCESSED_TABLE);
    },
  },
  {
    name: '0006_queue_consumer_lock',
    up: async (knex) => {
      await knex.schema.createTable(CONSUMER_LOCK_TABLE, (t) => {
        t.string('consumer', 191).primary();
        t.string('owner', 128).notNullable();
        t.bigInteger('expires_at').notNullable();
      });
    },
    down: async (knex) => {
      await knex.schema.dropTableIfExists(CONSUMER_LOCK_TABLE);
    },
  },
];
