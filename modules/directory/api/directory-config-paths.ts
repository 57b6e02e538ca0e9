/** The config paths this module declares, under Magento's names (Magento_Directory's config.xml). */
export const DirectoryConfigPath = {
  /** Countries whose addresses must name a region ("State is Required for"). */
  StateRequired: 'general/region/state_required',
  /** Countries whose addresses may omit the postcode ("Zip/Postal Code is Optional for"). */
  OptionalZipCountries: 'general/country/optional_zip_countries',
  /** The country an address form starts with ("Default Country"). */
  DefaultCountry: 'general/country/default',
  /** Whether a form offers a region even where none is required ("Allow to Choose State if It is Optional for Country"). */
  DisplayAllRegions: 'general/region/display_all',
} as const;
