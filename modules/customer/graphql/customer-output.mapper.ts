import type { Customer, CustomerAddress } from '../api/customer-entities';

/**
 * Customer as the storefront sees it. `customerId` is not a schema field: it lets this type's field resolvers (addresses,
 * and other modules' extensions such as sales' `orders`) know whose data to load without re-reading the token.
 */
export interface CustomerOutput {
  customerId: number;
  websiteId: number;
  created_at: string;
  prefix: string | null;
  firstname: string;
  middlename: string | null;
  lastname: string;
  suffix: string | null;
  email: string;
  default_billing: string | null;
  default_shipping: string | null;
  dob: string | null;
  date_of_birth: string | null;
  taxvat: string | null;
  id: null;
  is_subscribed: boolean;
  gender: number | null;
  confirmation_status: 'ACCOUNT_CONFIRMATION_NOT_REQUIRED';
}

export function toCustomerOutput(c: Customer): CustomerOutput {
  return {
    customerId: c.id,
    websiteId: c.websiteId,
    created_at: c.createdAt,
    prefix: c.prefix,
    firstname: c.firstname,
    middlename: c.middlename,
    lastname: c.lastname,
    suffix: c.suffix,
    email: c.email,
    default_billing: c.defaultBillingId === null ? null : String(c.defaultBillingId),
    default_shipping: c.defaultShippingId === null ? null : String(c.defaultShippingId),
    dob: c.dob,
    date_of_birth: c.dob,
    taxvat: c.taxvat,
    // As Magento 2.4.7: the token identifies the customer; the id is not handed to clients.
    id: null,
    is_subscribed: c.isSubscribed,
    gender: c.gender,
    confirmation_status: 'ACCOUNT_CONFIRMATION_NOT_REQUIRED',
  };
}

export function addressUid(id: number): string {
  return Buffer.from(String(id)).toString('base64');
}

export function toAddressOutput(a: CustomerAddress) {
  return {
    id: a.id,
    uid: addressUid(a.id),
    customer_id: null,
    region: { region: a.region, region_code: a.regionCode, region_id: a.regionId },
    region_id: a.regionId,
    country_id: a.countryId,
    country_code: a.countryId,
    street: a.street,
    company: a.company,
    telephone: a.telephone,
    fax: a.fax,
    postcode: a.postcode,
    city: a.city,
    firstname: a.firstname,
    lastname: a.lastname,
    middlename: a.middlename,
    prefix: a.prefix,
    suffix: a.suffix,
    vat_id: a.vatId,
    default_shipping: a.isDefaultShipping,
    default_billing: a.isDefaultBilling,
  };
}
