/**
 * The regions Magento installs for the United States and Canada, in Magento's insertion order, so their ids (1-65 for the
 * US, 66-78 for Canada) match Magento's `directory_country_region.region_id`: storefronts and integrations send those ids.
 * Several armed-forces regions share the postal code AE, exactly as in Magento; a lookup by code picks the first.
 */
export interface PredefinedRegion {
  id: number;
  countryId: string;
  code: string;
  name: string;
}

const US = [
  'AL Alabama', 'AK Alaska', 'AS American Samoa', 'AZ Arizona', 'AR Arkansas', 'AE Armed Forces Africa', 'AA Armed Forces Americas',
  'AE Armed Forces Canada', 'AE Armed Forces Europe', 'AE Armed Forces Middle East', 'AP Armed Forces Pacific', 'CA California',
  'CO Colorado', 'CT Connecticut', 'DE Delaware', 'DC District of Columbia', 'FM Federated States Of Micronesia', 'FL Florida',
  'GA Georgia', 'GU Guam', 'HI Hawaii', 'ID Idaho', 'IL Illinois', 'IN Indiana', 'IA Iowa', 'KS Kansas', 'KY Kentucky',
  'LA Louisiana', 'ME Maine', 'MH Marshall Islands', 'MD Maryland', 'MA Massachusetts', 'MI Michigan', 'MN Minnesota',
  'MS Mississippi', 'MO Missouri', 'MT Montana', 'NE Nebraska', 'NV Nevada', 'NH New Hampshire', 'NJ New Jersey', 'NM New Mexico',
  'NY New York', 'NC North Carolina', 'ND North Dakota', 'MP Northern Mariana Islands', 'OH Ohio', 'OK Oklahoma', 'OR Oregon',
  'PW Palau', 'PA Pennsylvania', 'PR Puerto Rico', 'RI Rhode Island', 'SC South Carolina', 'SD South Dakota', 'TN Tennessee',
  'TX Texas', 'UT Utah', 'VT Vermont', 'VI Virgin Islands', 'VA Virginia', 'WA Washington', 'WV West Virginia', 'WI Wisconsin',
  'WY Wyoming',
];

const CA = [
  'AB Alberta', 'BC British Columbia', 'MB Manitoba', 'NL Newfoundland and Labrador', 'NB New Brunswick', 'NS Nova Scotia',
  'NT Northwest Territories', 'NU Nunavut', 'ON Ontario', 'PE Prince Edward Island', 'QC Quebec', 'SK Saskatchewan', 'YT Yukon Territory',
];

export const PREDEFINED_REGIONS: readonly PredefinedRegion[] = [
  ...US.map((entry) => ({ countryId: 'US', entry })),
  ...CA.map((entry) => ({ countryId: 'CA', entry })),
].map(({ countryId, entry }, index) => {
  const space = entry.indexOf(' ');
  return { id: index + 1, countryId, code: entry.slice(0, space), name: entry.slice(space + 1) };
});
