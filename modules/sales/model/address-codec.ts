import { inject, injectable } from 'inversify';
import { Kernel } from '../../../app';
import type { Encryptor } from '../../../app/crypto/encryptor';
import type { CartAddress } from '../api/sales-entities';
import { defineLazyFields } from './lazy-fields';
import { SealedMemo } from './sealed-memo';

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
  /** Personal parts and emails this process sealed or opened (see SealedMemo); frozen, copied into each address read. */
  private readonly sealedMemo = new SealedMemo<Readonly<Sealed>>();
  private readonly emailMemo = new SealedMemo<string>();

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
    const data = this.encryptor.encrypt(JSON.stringify(sealed), `${table}.data`);
    this.sealedMemo.set(`${table}.data`, data, Object.freeze(copySealed(sealed)));
    return {
      address_type: address.type,
      data,
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
    // The personal part comes from the memo when this process sealed or opened this very value, else it is decrypted on first
    // read: most cart calls only need the destination (country, region, postcode: plain columns) for rates and taxes. The
    // fields are own enumerable getters, so spreading or serializing an address decrypts it as before; a tampered value fails
    // when read.
    const aad = `${table}.data`;
    const known = this.sealedMemo.get(aad, row.data);
    if (known) return Object.assign(address, copySealed(known));
    return defineLazyFields(address, SEALED_FIELDS, () => {
      const sealed = JSON.parse(this.encryptor.decrypt(row.data, aad)) as Sealed;
      this.sealedMemo.set(aad, row.data, Object.freeze(copySealed(sealed)));
      return sealed;
    });
  }

  encryptEmail(email: string, column: string): string {
    const value = this.encryptor.encrypt(email, column);
    this.emailMemo.set(column, value, email);
    return value;
  }

  decryptEmail(value: string | null, column: string): string | null {
    if (value === null) return null;
    const known = this.emailMemo.get(column, value);
    if (known !== undefined) return known;
    const email = this.encryptor.decrypt(value, column);
    this.emailMemo.set(column, value, email);
    return email;
  }

  /** The email of a stored value when this process sealed or opened it (no decryption), else undefined. */
  knownEmail(value: string | null, column: string): string | null | undefined {
    return value === null ? null : this.emailMemo.get(column, value);
  }

  emailHash(email: string): string {
    return this.encryptor.hmac(email.trim().toLowerCase(), 'sales_order_email');
  }
}

/** A fresh copy of a memo's personal part (its street array too), so that changing an address read does not change the memo. */
function copySealed(sealed: Readonly<Sealed>): Sealed {
  return { ...sealed, street: Array.isArray(sealed.street) ? [...sealed.street] : sealed.street };
}
