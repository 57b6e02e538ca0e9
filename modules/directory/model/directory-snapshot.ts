import type { Database } from '../../../app';
import { DirectoryTable, type Country, type Region } from '../api/directory-entities';

/** The two directory tables, read once: they change only with migrations, and every address validation reads them. */
export class DirectorySnapshot {
  private readonly countriesById: Map<string, Country>;
  private readonly regionsById: Map<number, Region>;
  private readonly regionsByCountry: Map<string, Region[]>;

  constructor(
    readonly countries: Country[],
    regions: Region[],
  ) {
    this.countriesById = new Map(countries.map((c) => [c.id, c]));
    this.regionsById = new Map(regions.map((r) => [r.id, r]));
    this.regionsByCountry = new Map();
    for (const region of regions) {
      const list = this.regionsByCountry.get(region.countryId) ?? [];
      list.push(region);
      this.regionsByCountry.set(region.countryId, list);
    }
  }

  country(id: string): Country | undefined {
    return this.countriesById.get(id.toUpperCase());
  }

  region(id: number): Region | undefined {
    return this.regionsById.get(id);
  }

  regionsOf(countryId: string): Region[] {
    return this.regionsByCountry.get(countryId.toUpperCase()) ?? [];
  }

  static async load(db: Database, englishName: (id: string) => string): Promise<DirectorySnapshot> {
    const knex = db.knex;
    const countryRows = (await knex(DirectoryTable.country).select('country_id', 'iso2_code', 'iso3_code').orderBy('country_id')) as Array<{
      country_id: string;
      iso2_code: string;
      iso3_code: string;
    }>;
    const regionRows = (await knex(DirectoryTable.region).select('region_id', 'country_id', 'code', 'default_name').orderBy('region_id')) as Array<{
      region_id: number;
      country_id: string;
      code: string;
      default_name: string;
    }>;
    return new DirectorySnapshot(
      countryRows.map((r) => ({ id: r.country_id, iso2: r.iso2_code, iso3: r.iso3_code, nameEnglish: englishName(r.country_id) })),
      regionRows.map((r) => ({ id: Number(r.region_id), countryId: r.country_id, code: r.code, name: r.default_name })),
    );
  }
}
