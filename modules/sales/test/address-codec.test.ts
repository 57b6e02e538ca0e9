import { Encryptor } from '../../../app/crypto/encryptor';
import { AddressCodec } from '../model/address-codec';

/** Addresses are stored with their personal part encrypted (PII at rest) and decrypted only when a personal field is read. */
describe('AddressCodec', () => {
  const address = {
    type: 'shipping' as const,
    firstname: 'Ana',
    lastname: 'Lima',
    middlename: null,
    prefix: null,
    suffix: null,
    company: 'Acme',
    street: ['100 Congress Ave', 'Suite 5'],
    telephone: '+1 512 555 0100',
    fax: null,
    vatId: null,
    customerNotes: null,
    city: 'Austin',
    postcode: '78701',
    countryId: 'US',
    region: 'Texas',
    regionCode: 'TX',
    regionId: 57,
    customerAddressId: null,
  };

  function counting(): { codec: AddressCodec; decrypts: () => number } {
    const encryptor = new Encryptor([Encryptor.generateKey()]);
    let count = 0;
    const decrypt = encryptor.decrypt.bind(encryptor);
    encryptor.decrypt = (value: string, aad?: string) => {
      count++;
      return decrypt(value, aad);
    };
    return { codec: new AddressCodec(encryptor), decrypts: () => count };
  }

  it('stores the personal part encrypted, and gives the destination without decrypting it', () => {
    const { codec, decrypts } = counting();
    const row = codec.toRow(address, 'quote_address');
    expect(row.data).not.toContain('Lima');
    expect(row.data).not.toContain('Congress');
    const read = codec.fromRow({ ...row, address_id: 7 }, 'quote_address');
    expect([read.id, read.countryId, read.regionId, read.postcode, read.city]).toEqual([7, 'US', 57, '78701', 'Austin']);
    expect(decrypts()).toBe(0);
    expect(read.lastname).toBe('Lima');
    expect(read.street).toEqual(['100 Congress Ave', 'Suite 5']);
    expect(decrypts()).toBe(1);
  });

  it('spreads and serializes with every field, as a plain object would', () => {
    const { codec } = counting();
    const read = codec.fromRow({ ...codec.toRow(address, 'quote_address'), address_id: 1, shipping_method: 'flatrate_flatrate' }, 'quote_address');
    const copy = { ...read };
    expect(copy).toEqual({ ...address, id: 1, shippingMethod: 'flatrate_flatrate' });
    expect(JSON.parse(JSON.stringify(read))).toMatchObject({ firstname: 'Ana', company: 'Acme', telephone: '+1 512 555 0100' });
  });

  it('refuses a tampered or misplaced value when the personal part is read', () => {
    const { codec } = counting();
    const row = codec.toRow(address, 'quote_address');
    // Sealed for quote_address: read as an order address, the associated data no longer matches.
    const moved = codec.fromRow({ ...row, entity_id: 2 }, 'sales_order_address');
    expect(moved.countryId).toBe('US');
    expect(() => moved.firstname).toThrow(/authentication/);
  });
});
