import type { CustomerAddress } from './customer-entities';

/** Magento's CustomerAddressInput, in our naming. */
export interface CustomerAddressInput {
  firstname?: string | null;
  lastname?: string | null;
  middlename?: string | null;
  prefix?: string | null;
  suffix?: string | null;
  company?: string | null;
  street?: Array<string | null> | null;
  city?: string | null;
  countryId?: string | null;
  region?: { region?: string | null; regionCode?: string | null; regionId?: number | null } | null;
  postcode?: string | null;
  telephone?: string | null;
  fax?: string | null;
  vatId?: string | null;
  defaultBilling?: boolean | null;
  defaultShipping?: boolean | null;
}

/**
 * Address book writes. Each checks ownership first (another customer's address is "not found", API-01), validates the whole
 * address (required fields, ISO 3166 country, region where the country requires one, street lines), then writes it, the
 * default billing/shipping flags and customer_address_save_after in one transaction.
 */
export interface CustomerAddressManagement {
  create(customerId: number, input: CustomerAddressInput, storeCode?: string): Promise<CustomerAddress>;
  update(customerId: number, addressId: number, input: CustomerAddressInput, storeCode?: string): Promise<CustomerAddress>;
  /** `keepDefaults`: refuse to delete the default billing/shipping address, as Magento's storefront does. */
  delete(customerId: number, addressId: number, options?: { keepDefaults?: boolean }): Promise<void>;
}
