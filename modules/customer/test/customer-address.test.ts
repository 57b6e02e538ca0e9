import type { TestApp } from '../../../app/testing/test-app';
import { CustomerApi, CustomerConfigPath as P, CustomerTable } from '../api';
import { createCustomerTestApp, PASSWORD, StorefrontClient } from './customer-test-app';
import { seenCustomerEvents } from './fixtures/customer-events/module';

const ADDRESS_FIELDS = `id uid customer_id firstname lastname middlename company street city postcode country_code country_id telephone fax vat_id
  region { region region_code region_id } region_id default_billing default_shipping`;
const CREATE = `mutation ($input: CustomerAddressInput!) { createCustomerAddress(input: $input) { ${ADDRESS_FIELDS} } }`;

const texas = {
  firstname: 'Ana',
  lastname: 'Lima',
  street: ['100 Congress Ave', 'Suite 200'],
  city: 'Austin',
  region: { region_code: 'TX' },
  postcode: '78701',
  country_code: 'US',
  telephone: '+1 512 555 0100',
};

describe('Customer addresses', () => {
  let app: TestApp;
  let client: StorefrontClient;
  let ana: string;
  let bob: string;

  const addressCount = async () => Number(((await app.db.knex(CustomerTable.address).count({ n: '*' }).first()) as { n: number | string }).n);

  beforeAll(async () => {
    app = await createCustomerTestApp({ recordEvents: true });
    client = new StorefrontClient(app);
    await client.signUp({ email: 'ana@example.com', firstname: 'Ana', lastname: 'Lima', password: PASSWORD });
    await client.signUp({ email: 'bob@example.com', firstname: 'Bob', lastname: 'Stone', password: PASSWORD });
    ana = await client.signIn('ana@example.com', PASSWORD);
    bob = await client.signIn('bob@example.com', PASSWORD);
  });
  afterAll(() => app?.close());

  it('creates an address with a US region given by code, completes the region, and sets the defaults asked for', async () => {
    seenCustomerEvents.length = 0;
    const res = await client.gql(CREATE, { input: { ...texas, default_billing: true, default_shipping: true } }, { token: ana });
    expect(res.errors).toBeUndefined();
    const address = res.data!.createCustomerAddress;
    expect(address).toEqual({
      id: expect.any(Number),
      uid: Buffer.from(String(address.id)).toString('base64'),
      customer_id: null,
      firstname: 'Ana',
      lastname: 'Lima',
      middlename: null,
      company: null,
      street: ['100 Congress Ave', 'Suite 200'],
      city: 'Austin',
      postcode: '78701',
      country_code: 'US',
      country_id: 'US',
      telephone: '+1 512 555 0100',
      fax: null,
      vat_id: null,
      region: { region: 'Texas', region_code: 'TX', region_id: 57 },
      region_id: 57,
      default_billing: true,
      default_shipping: true,
    });
    expect(seenCustomerEvents).toEqual([{ event: 'customer_address_save_after', payload: { addressId: address.id, customerId: expect.any(Number), isNew: true } }]);
    const me = await client.gql('{ customer { default_billing default_shipping addresses { city default_billing } } }', {}, { token: ana });
    expect(me.data!.customer).toEqual({ default_billing: String(address.id), default_shipping: String(address.id), addresses: [{ city: 'Austin', default_billing: true }] });
  });

  it('requires a region for the US and Canada (by id or code), and refuses one that does not belong to the country', async () => {
    const before = await addressCount();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...texas, region: undefined }, '"regionId" is required. Enter and try again.'],
      [{ ...texas, country_code: 'CA', region: { region_id: 57 } }, 'Invalid value of "57" provided for the regionId field.'],
      [{ ...texas, region: { region_code: 'ZZ' } }, 'Invalid value of "ZZ" provided for the region_code field.'],
      [{ ...texas, region: { region_id: 12, region_code: 'TX' } }, 'The region_id does not match the selected country or region'],
      [{ ...texas, street: ['1', '2', '3'] }, '"Street Address" cannot contain more than 2 lines.'],
      [{ ...texas, city: ' ', telephone: null }, 'Required parameters are missing: city, telephone'],
      [{ ...texas, postcode: '' }, 'Required parameters are missing: postcode'],
      [{ ...texas, firstname: 'Ana\u0000' }, 'Invalid value provided for the firstname field.'],
    ];
    for (const [input, message] of cases) {
      const res = await client.gql(CREATE, { input }, { token: ana });
      expect(res.errors).toEqual([expect.objectContaining({ message, extensions: { category: 'graphql-input' } })]);
    }
    const unknownCountry = await client.gql(CREATE, { input: { ...texas, country_code: 'ZZ' } }, { token: ana });
    expect(unknownCountry.errors?.[0].message).toMatch(/Value "ZZ" does not exist in "CountryCodeEnum" enum/);
    await expect(app.get(CustomerApi.AddressManagement).create(1, { ...toService(texas), countryId: 'XK' })).rejects.toThrow('Invalid value of "XK" provided for the countryId field.');
    expect(await addressCount()).toBe(before);

    const quebec = await client.gql(CREATE, { input: { ...texas, country_code: 'CA', region: { region_id: 76 }, postcode: 'H2X 1Y4', city: 'Montréal' } }, { token: ana });
    expect(quebec.data!.createCustomerAddress.region).toEqual({ region: 'Quebec', region_code: 'QC', region_id: 76 });
    const paris = await client.gql(CREATE, { input: { ...texas, country_code: 'FR', region: { region: 'Île-de-France' }, postcode: '75001', city: 'Paris' } }, { token: ana });
    expect(paris.data!.createCustomerAddress.region).toEqual({ region: 'Île-de-France', region_code: null, region_id: null });
    const dublin = await client.gql(CREATE, { input: { ...texas, country_code: 'IE', region: null, postcode: null, city: 'Dublin' } }, { token: ana });
    expect(dublin.data!.createCustomerAddress).toMatchObject({ postcode: null, country_code: 'IE' });
    await app.config.set(P.StreetLines, 3);
    expect((await client.gql(CREATE, { input: { ...texas, street: ['1', '2', '3'] } }, { token: ana })).errors).toBeUndefined();
    await app.config.delete(P.StreetLines);
  });

  it('updates by id and by uid, keeps what is not sent, moves the default flags, and revalidates the region when the country changes', async () => {
    const created = (await client.gql(CREATE, { input: texas }, { token: ana })).data!.createCustomerAddress;
    const byId = await client.gql(`mutation { updateCustomerAddress(id: ${created.id}, input: { city: "Dallas", default_shipping: true }) { city street region_id default_shipping default_billing } }`, {}, { token: ana });
    expect(byId.data!.updateCustomerAddress).toEqual({ city: 'Dallas', street: ['100 Congress Ave', 'Suite 200'], region_id: 57, default_shipping: true, default_billing: false });
    const moved = await client.gql(`mutation { updateCustomerAddressV2(uid: "${created.uid}", input: { country_code: CA }) { city } }`, {}, { token: ana });
    expect(moved.errors?.[0].message).toBe('"regionId" is required. Enter and try again.');
    const byUid = await client.gql(
      `mutation { updateCustomerAddressV2(uid: "${created.uid}", input: { country_code: CA, region: { region_code: "ON" }, default_shipping: false }) { country_code region { region_code } default_shipping } }`,
      {},
      { token: ana },
    );
    expect(byUid.data!.updateCustomerAddressV2).toEqual({ country_code: 'CA', region: { region_code: 'ON' }, default_shipping: false });
    const empty = await client.gql(`mutation { updateCustomerAddress(id: ${created.id}) { city } }`, {}, { token: ana });
    expect(empty.errors?.[0].message).toBe('"input" value should be specified');
    const badUid = await client.gql('mutation { updateCustomerAddressV2(uid: "not-base64!", input: { city: "X" }) { city } }', {}, { token: ana });
    expect(badUid.errors?.[0]).toMatchObject({ message: 'Value of uid "not-base64!" is incorrect.', extensions: { category: 'graphql-input' } });
  });

  it("API-01 treats another customer's address id as not found, over id and uid, for reads, updates and deletes", async () => {
    const anas = (await client.gql('{ customer { addresses { id uid } } }', {}, { token: ana })).data!.customer.addresses;
    const { id, uid } = anas[0];
    const attempts: Array<[string, string]> = [
      [`mutation { updateCustomerAddress(id: ${id}, input: { city: "Stolen" }) { city } }`, `Could not find a address with ID "${id}"`],
      [`mutation { deleteCustomerAddress(id: ${id}) }`, `Could not find a address with ID "${id}"`],
      [`mutation { updateCustomerAddressV2(uid: "${uid}", input: { city: "Stolen" }) { city } }`, 'Could not find an address with the specified ID'],
      [`mutation { deleteCustomerAddressV2(uid: "${uid}") }`, 'Could not find an address with the specified ID'],
      ['mutation { updateCustomerAddress(id: 999999, input: { city: "Nowhere" }) { city } }', 'Could not find a address with ID "999999"'],
    ];
    for (const [mutation, message] of attempts) {
      const res = await client.gql(mutation, {}, { token: bob });
      expect(res.errors).toEqual([expect.objectContaining({ message, extensions: { category: 'graphql-no-such-entity' } })]);
    }
    expect((await client.gql('{ customer { addresses { id } } }', {}, { token: bob })).data!.customer.addresses).toEqual([]);
    const stillThere = (await client.gql('{ customer { addresses { id city } } }', {}, { token: ana })).data!.customer.addresses;
    expect(stillThere.find((a: { id: number }) => a.id === id).city).toBe('Austin');
    const anonymous = await client.gql(`mutation { deleteCustomerAddress(id: ${id}) }`);
    expect(anonymous.errors?.[0].extensions?.category).toBe('graphql-authorization');
  });

  it('refuses to delete a default address from the storefront, deletes others, and pages addressesV2', async () => {
    const all = (await client.gql('{ customer { addresses { id default_billing } } }', {}, { token: ana })).data!.customer.addresses;
    const billing = all.find((a: { default_billing: boolean }) => a.default_billing);
    const refused = await client.gql(`mutation { deleteCustomerAddress(id: ${billing.id}) }`, {}, { token: ana });
    expect(refused.errors?.[0].message).toBe(`Customer Address ${billing.id} is set as default billing address and can not be deleted`);
    const other = all.find((a: { default_billing: boolean }) => !a.default_billing);
    expect((await client.gql(`mutation { deleteCustomerAddressV2(uid: "${Buffer.from(String(other.id)).toString('base64')}") }`, {}, { token: ana })).data).toEqual({
      deleteCustomerAddressV2: true,
    });
    const page = await client.gql('{ customer { addressesV2(pageSize: 2, currentPage: 2) { total_count page_info { current_page page_size total_pages } items { id } } } }', {}, { token: ana });
    const v2 = page.data!.customer.addressesV2;
    expect(v2.total_count).toBe(all.length - 1);
    expect(v2.page_info).toEqual({ current_page: 2, page_size: 2, total_pages: Math.ceil((all.length - 1) / 2) });
    expect(v2.items).toHaveLength(Math.min(2, all.length - 1 - 2));
    const tooBig = await client.gql('{ customer { addressesV2(pageSize: 301) { total_count } } }', {}, { token: ana });
    expect(tooBig.errors?.[0].message).toBe('pageSize value must be at most 300.');
  });
});

function toService(input: typeof texas) {
  return {
    firstname: input.firstname,
    lastname: input.lastname,
    street: input.street,
    city: input.city,
    postcode: input.postcode,
    telephone: input.telephone,
    region: { regionCode: 'TX' },
  };
}
