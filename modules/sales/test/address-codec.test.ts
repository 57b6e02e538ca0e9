import { Encryptor } from '../../../app/crypto/encryptor';
import { AddressCodec } from '../model/address-codec';
import { SealedMemo } from '../model/sealed-memo';

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

  function counting(key = Encryptor.generateKey()): { codec: AddressCodec; decrypts: () => number } {
    const encryptor = new Encryptor([key]);
    let count = 0;
    const decrypt = encryptor.decrypt.bind(encryptor);
    encryptor.decrypt = (value: string, aad?: string) => {
      count++;
      return decrypt(value, aad);
    };
    return { codec: new AddressCodec(encryptor), decrypts: () => count };
  }

  it('stores the personal part encrypted, and gives the destination without decrypting it', () => {
    const key = Encryptor.generateKey();
    const row = counting(key).codec.toRow(address, 'quote_address');
    expect(row.data).not.toContain('Lima');
    expect(row.data).not.toContain('Congress');
    // Read by another process (nothing in its memo): decrypted on the first read of a personal field, once.
    const { codec, decrypts } = counting(key);
    const read = codec.fromRow({ ...row, address_id: 7 }, 'quote_address');
    expect([read.id, read.countryId, read.regionId, read.postcode, read.city]).toEqual([7, 'US', 57, '78701', 'Austin']);
    expect(decrypts()).toBe(0);
    expect(read.lastname).toBe('Lima');
    expect(read.street).toEqual(['100 Congress Ave', 'Suite 5']);
    expect(decrypts()).toBe(1);
    // Opened once, the same stored value reads again without decrypting.
    expect(codec.fromRow({ ...row, address_id: 7 }, 'quote_address').firstname).toBe('Ana');
    expect(decrypts()).toBe(1);
  });

  it('reads back what it sealed without decrypting, as separate copies', () => {
    const { codec, decrypts } = counting();
    const row = codec.toRow(address, 'quote_address');
    const first = codec.fromRow({ ...row, address_id: 3 }, 'quote_address');
    expect(first).toEqual({ ...address, id: 3, shippingMethod: null });
    first.street.push('changed');
    first.lastname = 'Changed';
    const second = codec.fromRow({ ...row, address_id: 3 }, 'quote_address');
    expect(second.lastname).toBe('Lima');
    expect(second.street).toEqual(['100 Congress Ave', 'Suite 5']);
    expect(decrypts()).toBe(0);
    const email = codec.encryptEmail('ana@example.com', 'quote.customer_email');
    expect(codec.knownEmail(email, 'quote.customer_email')).toBe('ana@example.com');
    expect(codec.decryptEmail(email, 'quote.customer_email')).toBe('ana@example.com');
    expect(decrypts()).toBe(0);
    // Another column's associated data misses the memo, and fails authentication.
    expect(codec.knownEmail(email, 'sales_order.customer_email')).toBeUndefined();
    expect(() => codec.decryptEmail(email, 'sales_order.customer_email')).toThrow(/authentication/);
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

describe('SealedMemo', () => {
  it('keeps at most max entries, the least recently used going first, and forgets an entry after its time', () => {
    let now = 0;
    const memo = new SealedMemo<string>(2, 1000, () => now);
    memo.set('t.c', 'a', 'A');
    memo.set('t.c', 'b', 'B');
    memo.set('t.c', 'c', 'C');
    expect(memo.size).toBe(2);
    expect(memo.get('t.c', 'a')).toBeUndefined();
    expect(memo.get('t.c', 'c')).toBe('C');
    expect(memo.get('t.other', 'c')).toBeUndefined();
    now = 1001;
    expect(memo.get('t.c', 'c')).toBeUndefined();
    expect(memo.size).toBe(1);
  });
});
