import type { Migration } from '../../../app';
import { DirectoryTable } from '../api/directory-entities';
import { ISO_COUNTRIES } from '../data/iso-countries';
import { PREDEFINED_REGIONS } from '../data/predefined-regions';

/**
 * Magento's directory_country and directory_country_region, filled with Magento's countries and its US and Canadian regions
 * (ids included, since clients send them). Country names are not stored: they come from CLDR in any locale.
 */
export const createDirectoryTables: Migration = {
  name: '0001_create_directory_tables',
  up: async (knex) => {
    await knex.schema.createTable(DirectoryTable.country, (t) => {
      t.string('country_id', 2).primary();
      t.string('iso2_code', 2).notNullable();
      t.string('iso3_code', 3).notNullable();
    });
    await knex.schema.createTable(DirectoryTable.region, (t) => {
      t.increments('region_id');
      t.string('country_id', 2).notNullable();
      t.string('code', 32).notNullable();
      t.string('default_name', 255).notNullable();
      t.foreign('country_id', 'directory_country_region_country_id').references('country_id').inTable(DirectoryTable.country).onDelete('CASCADE');
      t.index(['country_id'], 'directory_country_region_country_id_idx');
    });
    await knex(DirectoryTable.country).insert(ISO_COUNTRIES.map((c) => ({ country_id: c.iso2, iso2_code: c.iso2, iso3_code: c.iso3 })));
    await knex(DirectoryTable.region).insert(
      PREDEFINED_REGIONS.map((r) => ({ region_id: r.id, country_id: r.countryId, code: r.code, default_name: r.name })),
    );
  },
  down: async (knex) => {
    await knex.schema.dropTableIfExists(DirectoryTable.region);
    await knex.schema.dropTableIfExists(DirectoryTable.country);
  },
};
