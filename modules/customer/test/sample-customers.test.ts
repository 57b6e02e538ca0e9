import type { TestApp } from '../../../app/testing/test-app';
import { installSampleCustomers, SAMPLE_CUSTOMERS } from '../../../setup/sample-data/customer';
import { CustomerApi, CustomerTable } from '../api';
import { createCustomerTestApp, deliverMail, StorefrontClient } from './customer-test-app';

describe('sample customers (setup/sample-data/customer.ts)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createCustomerTestApp();
  });
  afterAll(() => app?.close());

  it('creates two customers with their default addresses, without any password, and can run again', async () => {
    await installSampleCustomers(app);
    await installSampleCustomers(app);
    expect(await app.db.knex(CustomerTable.entity).whereNotNull('password_hash')).toEqual([]);
    const repository = app.get(CustomerApi.CustomerRepository);
    for (const sample of SAMPLE_CUSTOMERS) {
      const customer = (await repository.getByEmail(sample.account.email, 1))!;
      const addresses = await repository.listAddresses(customer.id);
      expect(addresses).toHaveLength(1);
      expect(addresses[0]).toMatchObject({ countryId: sample.addresses[0].countryId, isDefaultBilling: true, isDefaultShipping: true });
    }
    expect(await app.db.knex(CustomerTable.entity).count({ n: '*' }).first()).toEqual({ n: 2 });
  });

  it('lets a sample customer sign in after a password reset (the mail lands in var/mail)', async () => {
    const client = new StorefrontClient(app);
    await client.gql('mutation { requestPasswordResetEmail(email: "roni_cost@example.com") }');
    const [mail] = await deliverMail(app);
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text)![1];
    await client.gql('mutation ($t: String!) { resetPassword(email: "roni_cost@example.com", resetPasswordToken: $t, newPassword: "Roni-Cost-2026") }', { t: token });
    expect(await client.signIn('roni_cost@example.com', 'Roni-Cost-2026')).toEqual(expect.any(String));
  });
});
