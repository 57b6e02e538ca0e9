import type { TestApp } from '../../../app/testing/test-app';
import { CustomerApi, CustomerTable } from '../api';
import { createCustomerTestApp, deliverMail, PASSWORD, StorefrontClient } from './customer-test-app';

/** Distinctive values, so that finding one anywhere in the database can only mean it was stored in clear. */
const PII = {
  email: 'Zelda.Quixote@Example-Mail.test',
  firstname: 'Zeldaria',
  lastname: 'Quixotique',
  dob: '1983-11-07',
  taxvat: 'VATQX998877',
  street1: '742 Evergreenquux Terrace',
  street2: 'Apartment Qz-9',
  telephone: '+1 939 555 0142',
  company: 'Quuxcorp Widgets',
};

async function dumpDatabase(app: TestApp): Promise<Record<string, string>> {
  const knex = app.db.knex;
  const tables: string[] =
    app.db.client === 'sqlite'
      ? ((await knex.raw("select name from sqlite_master where type = 'table'")) as Array<{ name: string }>).map((r) => r.name)
      : ((await knex.raw('show tables'))[0] as Array<Record<string, string>>).map((r) => Object.values(r)[0]);
  const dump: Record<string, string> = {};
  for (const table of tables) dump[table] = JSON.stringify(await knex(table).select());
  return dump;
}

describe('Encrypted personal data at rest', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createCustomerTestApp();
    const client = new StorefrontClient(app);
    await client.signUp({ email: PII.email, firstname: PII.firstname, lastname: PII.lastname, date_of_birth: PII.dob, taxvat: PII.taxvat, password: PASSWORD });
    const token = await client.signIn(PII.email, PASSWORD);
    const res = await client.gql(
      'mutation ($input: CustomerAddressInput!) { createCustomerAddress(input: $input) { id } }',
      {
        input: {
          firstname: PII.firstname,
          lastname: PII.lastname,
          company: PII.company,
          street: [PII.street1, PII.street2],
          city: 'Springfield',
          region: { region_code: 'OR' },
          postcode: '97477',
          country_code: 'US',
          telephone: PII.telephone,
          default_billing: true,
        },
      },
      { token },
    );
    expect(res.errors).toBeUndefined();
    await client.gql('mutation ($e: String!) { requestPasswordResetEmail(email: $e) }', { e: PII.email });
    await deliverMail(app);
  });
  afterAll(() => app?.close());

  it('stores no street line, telephone, date of birth, email, name, company or VAT number in clear, in any table', async () => {
    const dump = await dumpDatabase(app);
    expect(Object.keys(dump)).toEqual(expect.arrayContaining([CustomerTable.entity, CustomerTable.address, 'event_outbox']));
    const needles = [...Object.values(PII), PII.email.toLowerCase(), PII.telephone.replace(/\D/g, '')];
    for (const [table, rows] of Object.entries(dump)) {
      for (const needle of needles) expect({ table, found: rows.toLowerCase().includes(needle.toLowerCase()) }).toEqual({ table, found: false });
    }
    const [customerRow] = await app.db.knex(CustomerTable.entity).select('email', 'dob', 'email_hash');
    expect(customerRow.email).toMatch(/^\d+:aes256gcm:/);
    expect(customerRow.dob).toMatch(/^\d+:aes256gcm:/);
    expect(customerRow.email_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('still finds the customer by email (blind index) and reads everything back decrypted', async () => {
    const customer = (await app.get(CustomerApi.CustomerRepository).getByEmail(PII.email.toUpperCase(), 1))!;
    expect(customer).toMatchObject({ email: PII.email, firstname: PII.firstname, lastname: PII.lastname, dob: PII.dob, taxvat: PII.taxvat });
    const [address] = await app.get(CustomerApi.CustomerRepository).listAddresses(customer.id);
    expect(address).toMatchObject({ street: [PII.street1, PII.street2], telephone: PII.telephone, company: PII.company, city: 'Springfield', regionCode: 'OR' });
  });

  it('binds each ciphertext to its column: a value moved to another column does not decrypt', async () => {
    const row = await app.db.knex(CustomerTable.address).first();
    await app.db.knex(CustomerTable.address).where({ entity_id: row.entity_id }).update({ company: row.telephone });
    await expect(app.get(CustomerApi.CustomerRepository).getAddress(Number(row.entity_id))).rejects.toThrow(/failed authentication/);
    await app.db.knex(CustomerTable.address).where({ entity_id: row.entity_id }).update({ company: row.company });
  });
});
