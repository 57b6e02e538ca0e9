import { inject, injectable } from 'inversify';
import { Kernel, type Clock, type Database, type EventBus } from '../../../app';
import { InputError, NoSuchEntityError } from '../../../app';
import type { CustomerAddressInput, CustomerAddressManagement } from '../api/customer-address-management';
import { CustomerTable, type CustomerAddress } from '../api/customer-entities';
import type { CustomerRepository } from '../api/customer-repository';
import { CustomerApi } from '../api/tokens';
import type { AddressStore } from '../model/address-store';
import { CustomerInternal } from '../model/customer-internal-tokens';
import type { AddressRow, CustomerRow } from '../model/customer-rows';
import type { CustomerStore } from '../model/customer-store';
import type { PiiCipher } from '../model/pii-cipher';
import type { AddressValidator, CleanAddress } from './address-validator';
import { noSuchCustomer } from './account-management';

const A = CustomerTable.address;

export function addressNotFound(id: number): NoSuchEntityError {
  return new NoSuchEntityError(`Could not find a address with ID "${id}"`);
}

@injectable()
export class DefaultAddressManagement implements CustomerAddressManagement {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.EventBus) private readonly events: EventBus,
    @inject(Kernel.Clock) private readonly clock: Clock,
    @inject(CustomerInternal.CustomerStore) private readonly customers: CustomerStore,
    @inject(CustomerInternal.AddressStore) private readonly addresses: AddressStore,
    @inject(CustomerInternal.Cipher) private readonly cipher: PiiCipher,
    @inject(CustomerInternal.AddressValidator) private readonly validator: AddressValidator,
    @inject(CustomerApi.CustomerRepository) private readonly repository: CustomerRepository,
  ) {}

  async create(customerId: number, input: CustomerAddressInput, storeCode?: string): Promise<CustomerAddress> {
    const customer = await this.customers.find(customerId);
    if (!customer) throw noSuchCustomer(customerId);
    const address = await this.validator.validate(input, undefined, { websiteId: Number(customer.website_id ?? 0), storeCode });
    const now = this.clock.now().getTime();
    const id = await this.db.transaction(async () => {
      const newId = await this.addresses.insert({ parent_id: customerId, ...this.seal(address), created_at: now, updated_at: now });
      await this.applyDefaults(customer, newId, input);
      await this.events.dispatch('customer_address_save_after', { addressId: newId, customerId, isNew: true });
      return newId;
    });
    return this.load(customerId, id);
  }

  async update(customerId: number, addressId: number, input: CustomerAddressInput, storeCode?: string): Promise<CustomerAddress> {
    const current = await this.repository.getCustomerAddress(customerId, addressId);
    if (!current) throw addressNotFound(addressId);
    const customer = (await this.customers.find(customerId))!;
    const address = await this.validator.validate(input, current, { websiteId: Number(customer.website_id ?? 0), storeCode });
    await this.db.transaction(async () => {
      await this.addresses.update(addressId, { ...this.seal(address), updated_at: this.clock.now().getTime() });
      await this.applyDefaults(customer, addressId, input);
      await this.events.dispatch('customer_address_save_after', { addressId, customerId, isNew: false });
    });
    return this.load(customerId, addressId);
  }

  async delete(customerId: number, addressId: number, options: { keepDefaults?: boolean } = {}): Promise<void> {
    const current = await this.repository.getCustomerAddress(customerId, addressId);
    if (!current) throw addressNotFound(addressId);
    if (options.keepDefaults && current.isDefaultBilling) {
      throw new InputError(`Customer Address ${addressId} is set as default billing address and can not be deleted`);
    }
    if (options.keepDefaults && current.isDefaultShipping) {
      throw new InputError(`Customer Address ${addressId} is set as default shipping address and can not be deleted`);
    }
    await this.db.transaction(async () => {
      await this.customers.clearDefaultAddress(customerId, addressId);
      await this.addresses.delete(addressId);
      await this.events.dispatch('customer_address_delete_after', { addressId, customerId });
    });
  }

  /** true makes the address the default; false stops it being the default (if it was); absent leaves things as they are. */
  private async applyDefaults(customer: CustomerRow, addressId: number, input: CustomerAddressInput): Promise<void> {
    const patch: Partial<CustomerRow> = {};
    if (input.defaultBilling === true) patch.default_billing = addressId;
    else if (input.defaultBilling === false && Number(customer.default_billing) === addressId) patch.default_billing = null;
    if (input.defaultShipping === true) patch.default_shipping = addressId;
    else if (input.defaultShipping === false && Number(customer.default_shipping) === addressId) patch.default_shipping = null;
    if (Object.keys(patch).length) await this.customers.update(customer.entity_id, patch);
  }

  private seal(a: CleanAddress): Omit<AddressRow, 'entity_id' | 'parent_id' | 'created_at' | 'updated_at'> {
    const seal = (column: string, value: string | null) => this.cipher.seal(A, column, value);
    return {
      firstname: seal('firstname', a.firstname)!,
      lastname: seal('lastname', a.lastname)!,
      middlename: seal('middlename', a.middlename),
      prefix: seal('prefix', a.prefix),
      suffix: seal('suffix', a.suffix),
      company: seal('company', a.company),
      street: seal('street', JSON.stringify(a.street))!,
      city: a.city,
      country_id: a.countryId,
      region: a.region,
      region_code: a.regionCode,
      region_id: a.regionId,
      postcode: a.postcode,
      telephone: seal('telephone', a.telephone),
      fax: seal('fax', a.fax),
      vat_id: seal('vat_id', a.vatId),
    };
  }

  private async load(customerId: number, addressId: number): Promise<CustomerAddress> {
    const address = await this.repository.getCustomerAddress(customerId, addressId);
    if (!address) throw addressNotFound(addressId);
    return address;
  }
}
