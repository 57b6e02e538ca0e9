/**
 * A customer account, decrypted. Accounts belong to a website (Magento's customer/account_share/scope = 1): the same email
 * may hold one account per website.
 */
export interface Customer {
  id: number;
  websiteId: number;
  /** The store view the account was created in. */
  storeId: number | null;
  groupId: number;
  email: string;
  prefix: string | null;
  firstname: string;
  middlename: string | null;
  lastname: string;
  suffix: string | null;
  /** YYYY-MM-DD */
  dob: string | null;
  taxvat: string | null;
  /** Magento's values: 1 Male, 2 Female, 3 Not Specified. */
  gender: number | null;
  isSubscribed: boolean;
  isActive: boolean;
  defaultBillingId: number | null;
  defaultShippingId: number | null;
  /** UTC, `YYYY-MM-DD HH:MM:SS` as Magento prints it. */
  createdAt: string;
  updatedAt: string;
}

export interface CustomerAddress {
  id: number;
  customerId: number;
  firstname: string;
  lastname: string;
  middlename: string | null;
  prefix: string | null;
  suffix: string | null;
  company: string | null;
  street: string[];
  city: string;
  /** ISO 3166-1 alpha-2. */
  countryId: string;
  region: string | null;
  regionCode: string | null;
  regionId: number | null;
  postcode: string | null;
  telephone: string | null;
  fax: string | null;
  vatId: string | null;
  isDefaultBilling: boolean;
  isDefaultShipping: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CustomerGroup {
  id: number;
  code: string;
  taxClassId: number;
}

/** Magento's four customer groups. NOT LOGGED IN is the group of guests; new accounts join customer/create_account/default_group. */
export const CustomerGroupId = {
  NotLoggedIn: 0,
  General: 1,
  Wholesale: 2,
  Retailer: 3,
} as const;

/** Magento's gender option ids. */
export const CUSTOMER_GENDERS = [1, 2, 3] as const;

/** Table names, for modules whose rows point at a customer (`customer_id` columns reference customer_entity.entity_id). */
export const CustomerTable = {
  entity: 'customer_entity',
  address: 'customer_address_entity',
  group: 'customer_group',
  resetRequest: 'customer_password_reset_request',
} as const;
