import type { CustomerPersonalInput } from '../api/customer-account';
import type { CustomerAddressInput } from '../api/customer-address-management';

type GraphQlInput = Record<string, unknown>;

const has = (input: GraphQlInput, key: string) => Object.hasOwn(input, key);

/** CustomerCreateInput / CustomerUpdateInput personal fields; `date_of_birth` wins over the deprecated `dob`. */
export function toPersonalInput(input: GraphQlInput): CustomerPersonalInput {
  const out: CustomerPersonalInput = {};
  for (const key of ['prefix', 'firstname', 'middlename', 'lastname', 'suffix', 'taxvat'] as const) {
    if (has(input, key)) out[key] = input[key] as string | null;
  }
  if (has(input, 'date_of_birth')) out.dob = input.date_of_birth as string | null;
  else if (has(input, 'dob')) out.dob = input.dob as string | null;
  if (has(input, 'gender')) out.gender = input.gender as number | null;
  if (has(input, 'is_subscribed')) out.isSubscribed = input.is_subscribed as boolean | null;
  return out;
}

/** CustomerAddressInput: only the fields the client sent, so an update changes nothing else. `country_code` wins over `country_id`. */
export function toAddressInput(input: GraphQlInput): CustomerAddressInput {
  const out: CustomerAddressInput = {};
  for (const key of ['firstname', 'lastname', 'middlename', 'prefix', 'suffix', 'company', 'city', 'postcode', 'telephone', 'fax'] as const) {
    if (has(input, key)) out[key] = input[key] as string | null;
  }
  if (has(input, 'vat_id')) out.vatId = input.vat_id as string | null;
  if (has(input, 'street')) out.street = input.street as Array<string | null> | null;
  if (has(input, 'country_code') && input.country_code !== null) out.countryId = input.country_code as string;
  else if (has(input, 'country_id')) out.countryId = input.country_id as string | null;
  if (has(input, 'region')) {
    const region = input.region as GraphQlInput | null;
    out.region = region && {
      region: region.region as string | null | undefined,
      regionCode: region.region_code as string | null | undefined,
      regionId: region.region_id as number | null | undefined,
    };
  }
  if (has(input, 'default_billing')) out.defaultBilling = input.default_billing as boolean | null;
  if (has(input, 'default_shipping')) out.defaultShipping = input.default_shipping as boolean | null;
  return out;
}
