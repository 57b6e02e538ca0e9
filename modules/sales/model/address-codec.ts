import { inject, injectable } from 'inversify';
import { Kernel } from '../../../app';
import type { Encryptor } from '../../../app/crypto/encryptor';
import type { CartAddress } from '../api/sales-entities';
import { defineLazyFields } from './lazy-fields';

/** The personal part of an address, stored as one encrypted JSON value (the table.column is the associated data). */
type Sealed = Pick<CartAddress, 'firstname' | 'lastname' | 'middlename' | 'prefix' | 'suffix' | 'company' | 'street' | 'telephone' | 'fax' | 'vatId' | 'customerNotes'>;

const SEALED_FIELDS = ['firstname', 'lastname', 'middlename', 'prefix', 'suffix', 'company', 'street', 'telephone', 'fax', 'vatId', 'customerNotes'] as const satisfies ReadonlyArray<keyof Sealed>;

export interface AddressRow {
  address_type: string;
  data: string;
  city: string;
  postcode: string | null;
  country_id: string;
  region: string | null;
  region_code: string | null;
  region_id: number | null;
}

@injectable()
export class AddressCodec {
  constructor(@inject(Kernel.Encryptor) private readonly encryptor: Encryptor) {}

  toRow(address: Omit<CartAddress, 'id' | 'customerAddressId' | 'shippingMethod'>, table: string): AddressRow {
    const sealed: Sealed = {
      firstname: address.firstname,
      lastname: address.lastname,
      middlename: address.middlename,
      prefix: address.prefix,
      suffix: address.suffix,
      company: address.company,
      street: address.street,
      telephone: address.telephone,
      fax: address.fax,
      vatId: address.vatId,
      customerNotes: address.customerNotes,
    };
    return {
      address_type: address.type,
      data: this.encryptor.encrypt(JSON.stringify(sealed), `${table}.data`),
      city: address.city,
      postcode: address.postcode,
      country_id: address.countryId,
      region: address.region,
      region_code: address.regionCode,
      region_id: address.regionId,
    };
  }

  fromRow(row: AddressRow & { address_id?: number; entity_id?: number; customer_address_id?: number | null; shipping_method?: string | null }, table: string): CartAddress {
    const address = {
      id: Number(row.address_id ?? row.entity_id),
      type: row.address_type as CartAddress['type'],
      city: row.city,
      postcode: row.postcode,
      countryId: row.country_id,
      region: row.region,
      regionCode: row.region_code,
      regionId: row.region_id === null ? null : Number(row.region_id),
      customerAddressId: row.customer_address_id ? Number(row.customer_address_id) : null,
      shippingMethod: row.shipping_method ?? null,
    } as CartAddress;
    // The personal part is decrypted on first read: most cart calls only need the destination (country, region, postcode:
    // plain columns) for rates and taxes, and a checkout read its two addresses on each of its nine calls. The fields are own
    // enumerable getters, so spreading or serializing an address decrypts it as before; a tampered value fails when read.
    return defineLazyFields(address, SEALED_FIELDS, () => JSON.parse(this.encryptor.decrypt(row.data, `${table}.data`)) as Sealed);
  }

  encryptEmail(email: string, column: string): string {
    return this.encryptor.encrypt(email, column);
  }

  decryptEmail(value: string | null, column: string): string | null {
    return value === null ? null : this.encryptor.decrypt(value, column);
  }

  emailHash(email: string): string {
    return this.encryptor.hmac(email.trim().toLowerCase(), 'sales_order_email');
  }
}
