import type { Country, Region, RegionInput, ResolvedRegion } from './directory-entities';

/**
 * Countries and regions (Magento's Directory). Answers come from a snapshot of the two small directory tables loaded once per
 * process, so lookups cost no query on the hot path.
 */
export interface CountryDirectory {
  /** Every country, ordered by id. */
  listCountries(): Promise<Country[]>;
  /** The country for an ISO 3166-1 alpha-2 code (case-insensitive), or undefined. */
  getCountry(id: string): Promise<Country | undefined>;
  /** The country's name in a locale such as fr_FR (English when the locale is unknown). */
  countryName(id: string, locale: string): string;
  /** The predefined regions of a country, in Magento's order (empty for most countries). */
  listRegions(countryId: string): Promise<Region[]>;
  getRegion(id: number): Promise<Region | undefined>;
  /** The first region of the country with that code (case-insensitive). */
  findRegionByCode(countryId: string, code: string): Promise<Region | undefined>;
  /** general/region/state_required at the store view's scope (default scope without one). */
  isRegionRequired(countryId: string, storeCode?: string): Promise<boolean>;
  /** general/country/optional_zip_countries at the store view's scope. */
  isPostcodeOptional(countryId: string, storeCode?: string): Promise<boolean>;
  /**
   * Validates the region an address names for its country and completes it: a predefined region found by id or code (both
   * must agree), or free text for countries without predefined regions. Throws InputError with Magento's messages.
   */
  resolveRegion(countryId: string, input: RegionInput, storeCode?: string): Promise<ResolvedRegion>;
}
