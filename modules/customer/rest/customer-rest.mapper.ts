import type { Customer, CustomerAddress } from '../api/customer-entities';

/** Magento's AddressInterface JSON. */
export function toRestAddress(a: CustomerAddress) {
  return {
    id: a.id,
    customer_id: a.customerId,
    region: { region_code: a.regionCode, region: a.region, region_id: a.regionId ?? 0 },
    region_id: a.regionId ?? 0,
    country_id: a.countryId,
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

/** Magento's CustomerInterface JSON; `is_active` in extension_attributes is ours. No hash, token or lockout state (API-03). */
export function toRestCustomer(c: Customer, addresses: CustomerAddress[]) {
  return {
    id: c.id,
    group_id: c.groupId,
    default_billing: c.defaultBillingId === null ? undefined : String(c.defaultBillingId),
    default_shipping: c.defaultShippingId === null ? undefined : String(c.defaultShippingId),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    dob: c.dob ?? undefined,
    email: c.email,
    firstname: c.firstname,
    lastname: c.lastname,
    middlename: c.middlename ?? undefined,
    prefix: c.prefix ?? undefined,
    suffix: c.suffix ?? undefined,
    gender: c.gender ?? 0,
    store_id: c.storeId ?? 0,
    taxvat: c.taxvat ?? undefined,
    website_id: c.websiteId,
    addresses: addresses.map(toRestAddress),
    disable_auto_group_change: 0,
    extension_attributes: { is_subscribed: c.isSubscribed, is_active: c.isActive },
  };
}
