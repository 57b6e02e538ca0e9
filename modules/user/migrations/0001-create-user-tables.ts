import type { Migration } from '../../../app';
import { ACL_ALL, DEFAULT_ADMIN_ROLE } from '../api/acl';
import { ADMINISTRATORS_ROLE_ID, ROLE_TYPE_GROUP, UserTable } from '../model/user-tables';

/** Times are epoch milliseconds (bigint): the same on SQLite and MariaDB, no time zone conversions. */
export const createUserTables: Migration = {
  name: '0001_create_user_tables',
  up: async (knex) => {
    await knex.schema.createTable(UserTable.user, (t) => {
      t.increments('user_id');
      t.string('firstname', 32).notNullable();
      t.string('lastname', 32).notNullable();
      t.string('email', 128).notNullable().unique({ indexName: 'admin_user_email' });
      t.string('username', 40).notNullable().unique({ indexName: 'admin_user_username' });
      t.string('password', 255).notNullable();
      t.bigInteger('created_at').notNullable();
      t.bigInteger('updated_at').notNullable();
      t.bigInteger('last_login_at').nullable();
      t.integer('lognum').unsigned().notNullable().defaultTo(0);
      t.boolean('is_active').notNullable().defaultTo(true);
      t.integer('failures_num').unsigned().notNullable().defaultTo(0);
      t.bigInteger('first_failure_at').nullable();
      t.bigInteger('lock_expires_at').nullable();
    });
    await knex.schema.createTable(UserTable.passwords, (t) => {
      t.increments('password_id');
      t.integer('user_id').unsigned().notNullable();
      t.string('password_hash', 255).notNullable();
      t.bigInteger('last_updated').notNullable();
      t.foreign('user_id', 'admin_passwords_user_id_admin_user_user_id').references('user_id').inTable(UserTable.user).onDelete('CASCADE');
      t.index(['user_id'], 'admin_passwords_user_id');
    });
    await knex.schema.createTable(UserTable.role, (t) => {
      t.increments('role_id');
      t.integer('parent_id').unsigned().notNullable().defaultTo(0);
      t.integer('tree_level').unsigned().notNullable().defaultTo(0);
      t.integer('sort_order').unsigned().notNullable().defaultTo(0);
      t.string('role_type', 1).notNullable().defaultTo(ROLE_TYPE_GROUP);
      t.integer('user_id').unsigned().notNullable().defaultTo(0);
      t.string('user_type', 16).nullable();
      t.string('role_name', 50).nullable();
      t.index(['parent_id', 'sort_order'], 'authorization_role_parent_id_sort_order');
      t.index(['user_id', 'role_type'], 'authorization_role_user_id_role_type');
    });
    await knex.schema.createTable(UserTable.rule, (t) => {
      t.increments('rule_id');
      t.integer('role_id').unsigned().notNullable();
      t.string('resource_id', 255).notNullable();
      t.string('privileges', 20).nullable();
      t.string('permission', 10).notNullable().defaultTo('allow');
      t.foreign('role_id', 'authorization_rule_role_id_authorization_role_role_id').references('role_id').inTable(UserTable.role).onDelete('CASCADE');
      t.unique(['role_id', 'resource_id'], { indexName: 'authorization_rule_role_id_resource_id' });
    });
    await knex.schema.createTable(UserTable.token, (t) => {
      t.string('token_id', 36).primary();
      t.integer('user_id').unsigned().notNullable();
      t.bigInteger('issued_at').notNullable();
      t.bigInteger('expires_at').notNullable();
      t.bigInteger('last_used_at').notNullable();
      t.bigInteger('revoked_at').nullable();
      t.bigInteger('stepped_up_at').nullable();
      t.string('provider', 32).notNullable();
      t.string('ip', 64).nullable();
      t.foreign('user_id', 'admin_token_user_id_admin_user_user_id').references('user_id').inTable(UserTable.user).onDelete('CASCADE');
      t.index(['user_id', 'revoked_at'], 'admin_token_user_id_revoked_at');
    });
    await knex(UserTable.role).insert({ role_id: ADMINISTRATORS_ROLE_ID, parent_id: 0, tree_level: 1, sort_order: 1, role_type: ROLE_TYPE_GROUP, user_id: 0, user_type: null, role_name: DEFAULT_ADMIN_ROLE });
    await knex(UserTable.rule).insert({ role_id: ADMINISTRATORS_ROLE_ID, resource_id: ACL_ALL, privileges: null, permission: 'allow' });
  },
  down: async (knex) => {
    for (const table of [UserTable.token, UserTable.rule, UserTable.role, UserTable.passwords, UserTable.user]) await knex.schema.dropTableIfExists(table);
  },
};

export const userMigrations: Migration[] = [createUserTables];
