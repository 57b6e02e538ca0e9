import type { Migration } from '../../../app';
import { AdminUserTable } from '../../user/api';
import { TfaTable } from '../model/tfa-tables';

const ADMIN_USER = AdminUserTable.user;

/** Times are epoch milliseconds. The TOTP secret is stored encrypted (OTP-03); recovery codes as keyed hashes (OTP-06). */
export const createTfaTables: Migration = {
  name: '0001_create_tfa_tables',
  up: async (knex) => {
    await knex.schema.createTable(TfaTable.userConfig, (t) => {
      t.integer('user_id').unsigned().primary();
      t.text('google_secret').nullable();
      t.boolean('google_active').notNullable().defaultTo(false);
      /** OTP-04: the last accepted time step; a code of that step or older is refused. */
      t.bigInteger('google_last_step').nullable();
      t.boolean('u2fkey_active').notNullable().defaultTo(false);
      /** OTP-05 throttle. */
      t.integer('otp_failures').unsigned().notNullable().defaultTo(0);
      t.bigInteger('otp_lock_expires_at').nullable();
      t.bigInteger('tfat_sent_at').nullable();
      t.bigInteger('updated_at').notNullable();
      t.foreign('user_id', 'tfa_user_config_user_id_admin_user_user_id').references('user_id').inTable(ADMIN_USER).onDelete('CASCADE');
    });
    await knex.schema.createTable(TfaTable.recoveryCode, (t) => {
      t.increments('code_id');
      t.integer('user_id').unsigned().notNullable();
      t.string('code_hash', 64).notNullable();
      t.bigInteger('created_at').notNullable();
      t.bigInteger('used_at').nullable();
      t.foreign('user_id', 'tfa_recovery_code_user_id_admin_user_user_id').references('user_id').inTable(ADMIN_USER).onDelete('CASCADE');
      t.unique(['user_id', 'code_hash'], { indexName: 'tfa_recovery_code_user_id_code_hash' });
    });
    await knex.schema.createTable(TfaTable.webauthnCredential, (t) => {
      t.increments('id');
      t.integer('user_id').unsigned().notNullable();
      t.string('credential_id', 512).notNullable().unique({ indexName: 'tfa_webauthn_credential_credential_id' });
      t.text('public_key').notNullable();
      t.bigInteger('counter').unsigned().notNullable().defaultTo(0);
      t.string('transports', 255).nullable();
      t.bigInteger('created_at').notNullable();
      t.bigInteger('last_used_at').nullable();
      t.foreign('user_id', 'tfa_webauthn_credential_user_id_admin_user_user_id').references('user_id').inTable(ADMIN_USER).onDelete('CASCADE');
      t.index(['user_id'], 'tfa_webauthn_credential_user_id');
    });
    await knex.schema.createTable(TfaTable.webauthnChallenge, (t) => {
      t.integer('user_id').unsigned().notNullable();
      t.string('purpose', 16).notNullable();
      t.string('challenge', 128).notNullable();
      t.bigInteger('expires_at').notNullable();
      t.primary(['user_id', 'purpose']);
      t.foreign('user_id', 'tfa_webauthn_challenge_user_id_admin_user_user_id').references('user_id').inTable(ADMIN_USER).onDelete('CASCADE');
    });
  },
  down: async (knex) => {
    for (const table of [TfaTable.webauthnChallenge, TfaTable.webauthnCredential, TfaTable.recoveryCode, TfaTable.userConfig]) await knex.schema.dropTableIfExists(table);
  },
};

export const tfaMigrations: Migration[] = [createTfaTables];
