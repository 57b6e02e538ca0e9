import type { Knex } from 'knex';
import type { Migration } from '../../../app';
import { CatalogTable as T } from '../api/catalog-tables';

export function isSqlite(knex: Knex): boolean {
  const client = String(knex.client.config.client);
  return client === 'better-sqlite3' || client === 'sqlite3';
}

/**
 * The default search index. SQLite: an FTS5 table (porter stemming, accents folded) whose rowid encodes product and store
 * view, so a product's rows are found without a scan. MariaDB/MySQL: an InnoDB table with FULLTEXT indexes (all columns,
 * and name and sku alone so matches there can weigh more).
 */
export const createSearchTable: Migration = {
  name: '0006_create_search_table',
  up: async (knex) => {
    if (isSqlite(knex)) {
      await knex.raw(
        `CREATE VIRTUAL TABLE ${T.searchFulltext} USING fts5(sku, name, description, short_description, extra, store_id UNINDEXED, ` +
          `tokenize = 'porter unicode61 remove_diacritics 2')`,
      );
      return;
    }
    await knex.raw(
      `CREATE TABLE ${T.searchFulltext} (
        product_id INT UNSIGNED NOT NULL,
        store_id INT UNSIGNED NOT NULL,
        sku VARCHAR(64) NOT NULL,
        name VARCHAR(255) NOT NULL,
        description TEXT NOT NULL,
        short_description TEXT NOT NULL,
        extra TEXT NOT NULL,
        PRIMARY KEY (product_id, store_id),
        KEY catalog_search_fulltext_store (store_id),
        FULLTEXT KEY catalog_search_fulltext_all (sku, name, description, short_description, extra),
        FULLTEXT KEY catalog_search_fulltext_name (name),
        FULLTEXT KEY catalog_search_fulltext_sku (sku)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
  },
  down: async (knex) => {
    await knex.schema.dropTableIfExists(T.searchFulltext);
  },
};
