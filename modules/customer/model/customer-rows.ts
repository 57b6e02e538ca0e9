/** customer_entity as stored: personal columns are ciphertext, times epoch ms. */
export interface CustomerRow {
  entity_id: number;
  website_id: number | null;
  store_id: number | null;
  group_id: number;
  email_hash: string;
  email: string;
  prefix: string | null;
  firstname: string;
  middlename: string | null;
  lastname: string;
  suffix: string | null;
  dob: string | null;
  taxvat: string | null;
  gender: number | null;
  password_hash: string | null;
  is_active: boolean | number;
  is_subscribed: boolean | number;
  default_billing: number | null;
  default_shipping: number | null;
  failures_num: number;
  first_failure: number | string | null;
  lock_expires: number | string | null;
  rp_token_hash: string | null;
  rp_token_created_at: number | string | null;
  token_version: number;
  created_at: number | string;
  updated_at: number | string;
}

export interface AddressRow {
  entity_id: number;
  parent_id: number;
  firstname: string;
  lastname: string;
  middlename: string | null;
  prefix: string | null;
  suffix: string | null;
  company: string | null;
  street: string;
  city: string;
  country_id: string;
  region: string | null;
  region_code: string | null;
  region_id: number | null;
  postcode: string | null;
  telephone: string | null;
  fax: string | null;
  vat_id: string | null;
  created_at: number | string;
  updated_at: number | string;
}

/** The customer_entity columns holding ciphertext. */
export const ENCRYPTED_CUSTOMER_COLUMNS = ['email', 'prefix', 'firstname', 'middlename', 'lastname', 'suffix', 'dob', 'taxvat'] as const;
/** The customer_address_entity columns holding ciphertext. */
export const ENCRYPTED_ADDRESS_COLUMNS = ['firstname', 'lastname', 'middlename', 'prefix', 'suffix', 'company', 'street', 'telephone', 'fax', 'vat_id'] as const;

/** Drivers hand back bigint columns as numbers or strings, booleans as 0/1 on SQLite: normalize once here. */
export function toMillis(value: number | string | null): number | null {
  return value === null || value === undefined ? null : Number(value);
}

export function toBool(value: boolean | number | null | undefined): boolean {
  return value === true || value === 1;
}

/** Magento prints times as `YYYY-MM-DD HH:MM:SS` (UTC). */
export function magentoTime(ms: number | string): string {
  return new Date(Number(ms)).toISOString().slice(0, 19).replace('T', ' ');
}
