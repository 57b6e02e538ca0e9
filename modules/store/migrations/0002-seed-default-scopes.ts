import type { Knex } from 'knex';
import type { Migration } from '../../../app';
import { StoreTable } from '../api/store-entities';

/**
 * Magento's initial rows: the admin website/group/store view with id 0, then the `base` website, the `main_website_store`
 * group and the `default` store view with id 1.
 */
export const seedDefaultScopes: Migration = {
  name: '0002_seed_default_scopes',
  up: async (knex) => {
    await insertWithIdZero(knex, StoreTable.website, 'website_id', { code: 'admin', name: 'Admin', sort_order: 0, default_group_id: 0, is_default: false });
    await knex(StoreTable.website).insert({ website_id: 1, code: 'base', name: 'Main Website', sort_order: 0, default_group_id: 1, is_default: true });
    await insertWithIdZero(knex, StoreTable.group, 'group_id', { website_id: 0, code: 'default', name: 'Default', root_category_id: 0, default_store_id: 0 });
    await knex(StoreTable.group).insert({ group_id: 1, website_id: 1, code: 'main_website_store', name: 'Main Website Store', root_category_id: 2, default_store_id: 1 });
    await insertWithIdZero(knex, StoreTable.store, 'store_id', { code: 'admin', website_id: 0, group_id: 0, name: 'Admin', sort_order: 0, is_active: true });
    await knex(StoreTable.store).insert({ store_id: 1, code: 'default', website_id: 1, group_id: 1, name: 'Default Store View', sort_order: 0, is_active: true });
  },
  down: async (knex) => {
    for (const table of [StoreTable.store, StoreTable.group, StoreTable.website]) await knex(table).delete();
  },
};

/**
 * MariaDB/MySQL read an explicit 0 in an auto-increment column as "next id" unless the session runs with
 * NO_AUTO_VALUE_ON_ZERO; rather than switch the mode of a pooled connection, the row is inserted with a generated id and then
 * renumbered to 0, which works the same on SQLite.
 */
async function insertWithIdZero(knex: Knex, table: string, idColumn: string, row: Record<string, unknown>): Promise<void> {
  const [generated] = await knex(table).insert(row);
  await knex(table).where(idColumn, Number(generated)).update({ [idColumn]: 0 });
}
