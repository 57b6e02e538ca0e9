import { CustomerTable, type Customer, type CustomerAddress } from '../api/customer-entities';
import { magentoTime, toBool, type AddressRow, type CustomerRow } from './customer-rows';
import type { PiiCipher } from './pii-cipher';

const C = CustomerTable.entity;
const A = CustomerTable.address;

export function toCustomer(row: CustomerRow, cipher: PiiCipher): Customer {
  const open = (column: keyof CustomerRow) => cipher.open(C, column, row[column] as string | null);
  return {
    id: Number(row.entity_id),
    websiteId: Number(row.website_id ?? 0),
    storeId: row.store_id === null ? null : Number(row.store_id),
    groupId: Number(row.group_id),
    email: open('email')!,
    prefix: open('prefix'),
    firstname: open('firstname')!,
    middlename: open('middlename'),
    lastname: open('lastname')!,
    suffix: open('suffix'),
    dob: open('dob'),
    taxvat: open('taxvat'),
    gender: row.gender === null ? null : Number(row.gender),
    isSubscribed: toBool(row.is_subscribed),
    isActive: toBool(row.is_active),
    defaultBillingId: row.default_billing === null ? null : Number(row.default_billing),
    defaultShippingId: row.default_shipping === null ? null : Number(row.default_shipping),
    createdAt: magentoTime(row.created_at),
    updatedAt: magentoTime(row.updated_at),
  };
}

export function toAddress(row: AddressRow, defaults: { billing: number | null; shipping: number | null }, cipher: PiiCipher): CustomerAddress {
  const open = (column: keyof AddressRow) => cipher.open(A, column, row[column] as string | null);
  const id = Number(row.entity_id);
  return {
    id,
    customerId: Number(row.parent_id),
    firstname: open('firstname')!,
    lastname: open('lastname')!,
    middlename: open('middlename'),
    prefix: open('prefix'),
    suffix: open('suffix'),
    company: open('company'),
    street: JSON.parse(open('street') ?? '[]') as string[],
    city: row.city,
    countryId: row.country_id,
    region: row.region,
    regionCode: row.region_code,
    regionId: row.region_id === null ? null : Number(row.region_id),
    postcode: row.postcode,
    telephone: open('telephone'),
    fax: open('fax'),
    vatId: open('vat_id'),
    isDefaultBilling: defaults.billing === id,
    isDefaultShipping: defaults.shipping === id,
    createdAt: magentoTime(row.created_at),
    updatedAt: magentoTime(row.updated_at),
  };
}
