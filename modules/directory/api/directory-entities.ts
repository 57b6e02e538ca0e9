/** A country of Magento's directory: its id is the ISO 3166-1 alpha-2 code. */
export interface Country {
  id: string;
  iso2: string;
  iso3: string;
  /** The English name (CLDR, through Intl.DisplayNames). */
  nameEnglish: string;
}

/** A predefined region (state, province) with Magento's id. */
export interface Region {
  id: number;
  countryId: string;
  code: string;
  name: string;
}

/** A region as an address carries it once validated: a predefined region (id, code and name), free text, or nothing. */
export interface ResolvedRegion {
  regionId: number | null;
  regionCode: string | null;
  region: string | null;
}

/** What a client may send to name a region: Magento's CustomerAddressRegionInput / CartAddressInput fields. */
export interface RegionInput {
  regionId?: number | null;
  regionCode?: string | null;
  region?: string | null;
}

export const DirectoryTable = {
  country: 'directory_country',
  region: 'directory_country_region',
} as const;
