import { inject, injectable } from 'inversify';
import { InputError } from '../../../app';
import { DirectoryApi, type CountryDirectory } from '../../directory/api';
import type { CustomerAddressInput } from '../api/customer-address-management';
import { CustomerConfigPath as P } from '../api/customer-config-paths';
import type { CustomerAddress } from '../api/customer-entities';
import { CustomerInternal } from '../model/customer-internal-tokens';
import type { CustomerSettings } from './customer-settings';

/** A complete, validated address as stored (before encryption). */
export interface CleanAddress {
  firstname: string;
  lastname: string;
  middlename: string | null;
  prefix: string | null;
  suffix: string | null;
  company: string | null;
  street: string[];
  city: string;
  countryId: string;
  region: string | null;
  regionCode: string | null;
  regionId: number | null;
  postcode: string | null;
  telephone: string | null;
  fax: string | null;
  vatId: string | null;
}

const TEXT_FIELDS = ['firstname', 'lastname', 'middlename', 'prefix', 'suffix', 'company', 'city', 'postcode', 'telephone', 'fax', 'vatId'] as const;
const INPUT_NAMES: Record<string, string> = { countryId: 'country_code', vatId: 'vat_id' };
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Magento's address validation: required fields (telephone per customer/address/telephone_show, postcode unless the country is
 * in general/country/optional_zip_countries), a directory country, the region the country requires, at most
 * customer/address/street_lines street lines. An update is validated as the whole address it produces.
 */
@injectable()
export class AddressValidator {
  constructor(
    @inject(DirectoryApi.CountryDirectory) private readonly directory: CountryDirectory,
    @inject(CustomerInternal.Settings) private readonly settings: CustomerSettings,
  ) {}

  async validate(input: CustomerAddressInput, base: CustomerAddress | undefined, context: { websiteId: number; storeCode?: string }): Promise<CleanAddress> {
    const pick = <K extends keyof CleanAddress>(key: K, value: CleanAddress[K] | undefined): CleanAddress[K] | null =>
      value !== undefined ? value : ((base?.[key as keyof CustomerAddress] as CleanAddress[K]) ?? null);
    const text: Record<string, string | null> = {};
    for (const field of TEXT_FIELDS) text[field] = pick(field, clean(field, input[field])) as string | null;
    const street = input.street !== undefined && input.street !== null ? input.street.map((line) => clean('street', line) ?? '') : (base?.street ?? []);
    while (street.length && street[street.length - 1] === '') street.pop();
    const countryId = input.countryId !== undefined && input.countryId !== null ? input.countryId.trim().toUpperCase() : (base?.countryId ?? '');

    const missing: string[] = [];
    if (!text.firstname) missing.push('firstname');
    if (!text.lastname) missing.push('lastname');
    if (!street.length || !street[0]) missing.push('street');
    if (!text.city) missing.push('city');
    if (!countryId) missing.push('country_code');
    if (!text.telephone && (await this.settings.get<string>(P.TelephoneShow, context.websiteId)) === 'req') missing.push('telephone');
    if (!text.postcode && countryId && !(await this.directory.isPostcodeOptional(countryId, context.storeCode))) missing.push('postcode');
    if (missing.length) throw new InputError(`Required parameters are missing: ${missing.join(', ')}`);

    const maxLines = await this.settings.get<number>(P.StreetLines, context.websiteId);
    if (street.length > maxLines) throw new InputError(`"Street Address" cannot contain more than ${maxLines} lines.`);
    if (!(await this.directory.getCountry(countryId))) throw new InputError(`Invalid value of "${countryId}" provided for the countryId field.`);

    // A new country voids the old region; otherwise an update keeps the region unless it names a new one.
    const regionInput =
      input.region !== undefined && input.region !== null
        ? input.region
        : base && base.countryId === countryId
          ? { regionId: base.regionId, regionCode: base.regionCode, region: base.region }
          : {};
    const region = await this.directory.resolveRegion(countryId, regionInput, context.storeCode);

    return {
      firstname: text.firstname!,
      lastname: text.lastname!,
      middlename: text.middlename,
      prefix: text.prefix,
      suffix: text.suffix,
      company: text.company,
      street,
      city: text.city!,
      countryId,
      region: region.region,
      regionCode: region.regionCode,
      regionId: region.regionId,
      postcode: text.postcode,
      telephone: text.telephone,
      fax: text.fax,
      vatId: text.vatId,
    };
  }
}

function clean(field: string, value: string | null | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const trimmed = value.trim();
  const name = INPUT_NAMES[field] ?? field;
  if (trimmed.length > 255) throw new InputError(`The "${name}" value must be at most 255 characters.`);
  if (CONTROL.test(trimmed)) throw new InputError(`Invalid value provided for the ${name} field.`);
  return trimmed === '' ? null : trimmed;
}
