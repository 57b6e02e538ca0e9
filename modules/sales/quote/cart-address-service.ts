import { inject, injectable } from 'inversify';
import { Kernel, type Database } from '../../../app';
import { InputError, NoSuchEntityError } from '../../../app';
import { CustomerApi, type CustomerRepository } from '../../customer/api';
import { DirectoryApi, type CountryDirectory } from '../../directory/api';
import type { Cart, CartAddress } from '../api/sales-entities';
import type { CartStore } from '../model/cart-store';
import { SalesInternal } from '../model/sales-internal-tokens';

/** Magento's CartAddressInput. */
export interface CartAddressInput {
  firstname?: string | null;
  lastname?: string | null;
  middlename?: string | null;
  prefix?: string | null;
  suffix?: string | null;
  company?: string | null;
  street?: Array<string | null> | null;
  city?: string | null;
  country_code?: string | null;
  region?: string | null;
  region_id?: number | null;
  postcode?: string | null;
  telephone?: string | null;
  fax?: string | null;
  vat_id?: string | null;
}

type AddressFields = Omit<CartAddress, 'id' | 'shippingMethod' | 'type' | 'customerNotes' | 'customerAddressId'>;

/** Magento's EstimateAddressInput: where an estimate ships to. */
export interface EstimateAddressInput {
  country_code?: string | null;
  postcode?: string | null;
  region?: { region?: string | null; region_code?: string | null; region_id?: number | null } | null;
}

export type Destination = Pick<CartAddress, 'countryId' | 'region' | 'regionCode' | 'regionId' | 'postcode'>;

const clean = (value: string | null | undefined, max = 255): string | null => {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.length > max) throw new InputError(`A value is longer than ${max} characters.`);
  return text || null;
};

/** Validates addresses given inline or by customer address id (the customer's own only, API-01) and stores them on the cart. */
@injectable()
export class CartAddressService {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(SalesInternal.CartStore) private readonly carts: CartStore,
    @inject(DirectoryApi.CountryDirectory) private readonly directory: CountryDirectory,
    @inject(CustomerApi.CustomerRepository) private readonly customers: CustomerRepository,
  ) {}

  async resolve(cart: Cart, input: { address?: CartAddressInput | null; customer_address_id?: number | null }, storeCode: string): Promise<AddressFields & { customerAddressId: number | null }> {
    if (input.customer_address_id != null && input.address) throw new InputError('The shipping address cannot contain "customer_address_id" and "address" at the same time.');
    if (input.customer_address_id != null) {
      if (!cart.customerId) throw new InputError('The current customer isn\'t authorized.');
      const saved = await this.customers.getCustomerAddress(cart.customerId, input.customer_address_id);
      if (!saved) throw new NoSuchEntityError(`Could not find a address with ID "${input.customer_address_id}"`);
      const { firstname, lastname, middlename, prefix, suffix, company, street, city, countryId, region, regionCode, regionId, postcode, telephone, fax, vatId } = saved;
      return { firstname, lastname, middlename, prefix, suffix, company, street, city, countryId, region, regionCode, regionId, postcode, telephone, fax, vatId, customerAddressId: saved.id };
    }
    if (!input.address) throw new InputError('The shipping address must contain either "customer_address_id" or "address".');
    return { ...(await this.validate(input.address, storeCode)), customerAddressId: null };
  }

  async validate(a: CartAddressInput, storeCode: string): Promise<AddressFields> {
    const missing: string[] = [];
    const firstname = clean(a.firstname);
    const lastname = clean(a.lastname);
    const city = clean(a.city);
    const street = (a.street ?? []).map((s) => clean(s)).filter((s): s is string => !!s);
    const telephone = clean(a.telephone, 64);
    if (!firstname) missing.push('firstname');
    if (!lastname) missing.push('lastname');
    if (!street.length) missing.push('street');
    if (!city) missing.push('city');
    if (!telephone) missing.push('telephone');
    const countryCode = clean(a.country_code, 2)?.toUpperCase() ?? null;
    if (!countryCode) missing.push('country_code');
    if (street.length > 4) throw new InputError('"Street Address" cannot contain more than 4 lines.');
    const postcode = clean(a.postcode, 32);
    if (countryCode && !postcode && !(await this.directory.isPostcodeOptional(countryCode, storeCode))) missing.push('postcode');
    if (missing.length) throw new InputError(`Field "${missing[0]}" is required.${missing.length > 1 ? ` Also missing: ${missing.slice(1).join(', ')}.` : ''}`);
    if (!(await this.directory.getCountry(countryCode!))) throw new InputError(`Country is not available`);
    const region = await this.directory.resolveRegion(countryCode!, { regionId: a.region_id ?? null, regionCode: a.region && a.region.length <= 3 ? a.region : null, region: a.region ?? null }, storeCode);
    return {
      firstname: firstname!,
      lastname: lastname!,
      middlename: clean(a.middlename),
      prefix: clean(a.prefix, 40),
      suffix: clean(a.suffix, 40),
      company: clean(a.company),
      street,
      city: city!,
      countryId: countryCode!,
      region: region.region,
      regionCode: region.regionCode,
      regionId: region.regionId,
      postcode,
      telephone,
      fax: clean(a.fax, 64),
      vatId: clean(a.vat_id, 64),
    };
  }

  /**
   * An estimate's destination (Magento 2.4.7's estimateShippingMethods and estimateTotals): an available country, and the region
   * and postcode when given (an estimate needs neither, even where an address would).
   */
  async destination(input: EstimateAddressInput | null | undefined, storeCode: string): Promise<Destination> {
    const countryId = clean(input?.country_code, 2)?.toUpperCase();
    if (!countryId) throw new InputError('Field "country_code" is required.');
    if (!(await this.directory.getCountry(countryId))) throw new InputError('Country is not available');
    const given = input?.region ?? null;
    const regionInput = { regionId: given?.region_id ?? null, regionCode: clean(given?.region_code, 32), region: clean(given?.region) };
    const region =
      regionInput.regionId !== null || regionInput.regionCode || regionInput.region ? await this.directory.resolveRegion(countryId, regionInput, storeCode) : { region: null, regionCode: null, regionId: null };
    return { countryId, region: region.region, regionCode: region.regionCode, regionId: region.regionId, postcode: clean(input?.postcode, 32) };
  }

  /**
   * The cart's addresses as an estimate sees them (as Magento's TotalsInformationManagement::calculate sets them on the quote
   * without saving it): the destination in place of the shipping address's (the billing address's for a virtual cart), the
   * rest of a stored address kept, and `shippingMethod` (carrier_method) selected on a shipping address. Nothing is stored.
   */
  estimateAddresses(stored: CartAddress[], destination: Destination, type: CartAddress['type'], shippingMethod: string | null): CartAddress[] {
    const current = stored.find((a) => a.type === type);
    const base: CartAddress = current ?? {
      id: 0,
      type,
      firstname: '',
      lastname: '',
      middlename: null,
      prefix: null,
      suffix: null,
      company: null,
      street: [],
      city: '',
      countryId: destination.countryId,
      region: null,
      regionCode: null,
      regionId: null,
      postcode: null,
      telephone: null,
      fax: null,
      vatId: null,
      customerAddressId: null,
      customerNotes: null,
      shippingMethod: null,
    };
    const estimate = { ...base, ...destination, shippingMethod: type === 'shipping' ? shippingMethod : null };
    return [...stored.filter((a) => a !== current), estimate];
  }

  /** Answers the cart's addresses as stored now (see CartStore.saveAddresses). */
  async setShipping(cart: Cart, fields: AddressFields & { customerAddressId: number | null }, notes: string | null): Promise<CartAddress[]> {
    return this.db.transaction(() => this.carts.saveAddresses(cart.id, [{ ...fields, type: 'shipping', customerNotes: clean(notes, 1000) }]));
  }

  /**
   * Copies the shipping address (not its method or notes) to the billing address, reading it in the same transaction that
   * writes the copy. Answers the cart's addresses as stored now (see CartStore.saveAddresses).
   */
  async setBillingSameAsShipping(cart: Cart): Promise<CartAddress[]> {
    return this.db.transaction(() =>
      this.carts.saveAddresses(cart.id, (current) => {
        const shipping = current.find((a) => a.type === 'shipping');
        if (!shipping) throw new InputError('Could not use the "same_as_shipping" option, because the shipping address has not been set.');
        const { id: _id, type: _type, shippingMethod: _m, customerNotes: _n, ...fields } = shipping;
        return [{ ...fields, type: 'billing', customerNotes: null }];
      }),
    );
  }

  /** Answers the cart's addresses as stored now (see CartStore.saveAddresses). */
  async setBilling(cart: Cart, fields: AddressFields & { customerAddressId: number | null }, alsoShipping: boolean): Promise<CartAddress[]> {
    const billing = { ...fields, type: 'billing' as const, customerNotes: null };
    return this.db.transaction(() => this.carts.saveAddresses(cart.id, alsoShipping ? [billing, { ...billing, type: 'shipping' }] : [billing]));
  }
}
