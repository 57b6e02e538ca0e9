import { Kernel } from '../../../app';
import type { TestApp } from '../../../app/testing/test-app';
import { StoreApi } from '../../store/api';
import { CustomerApi, CustomerConfigPath as P, CustomerTable } from '../api';
import { createCustomerTestApp, deliverMail, PASSWORD, StorefrontClient } from './customer-test-app';
import { seenCustomerEvents } from './fixtures/customer-events/module';

const CUSTOMER_FIELDS = `created_at prefix firstname middlename lastname suffix email default_billing default_shipping dob date_of_birth taxvat id
  is_subscribed gender confirmation_status`;

describe('Customer accounts over GraphQL', () => {
  let app: TestApp;
  let client: StorefrontClient;

  beforeAll(async () => {
    app = await createCustomerTestApp({ recordEvents: true });
    client = new StorefrontClient(app);
  });
  afterAll(() => app?.close());

  const count = async () => Number(((await app.db.knex(CustomerTable.entity).count({ n: '*' }).first()) as { n: number | string }).n);

  it('creates an account with createCustomerV2 and answers with Magento\'s Customer shape, never a hash (API-03)', async () => {
    const res = await client.gql(
      `mutation ($input: CustomerCreateInput!) { createCustomerV2(input: $input) { customer { ${CUSTOMER_FIELDS} } } }`,
      { input: { email: 'Ana.Lima@Example.com', firstname: 'Ana', lastname: 'Lima', password: PASSWORD, date_of_birth: '1990-05-17', gender: 2, is_subscribed: true, taxvat: 'FR123' } },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.createCustomerV2.customer).toEqual({
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
      prefix: null,
      firstname: 'Ana',
      middlename: null,
      lastname: 'Lima',
      suffix: null,
      email: 'Ana.Lima@Example.com',
      default_billing: null,
      default_shipping: null,
      dob: '1990-05-17',
      date_of_birth: '1990-05-17',
      taxvat: 'FR123',
      id: null,
      is_subscribed: true,
      gender: 2,
      confirmation_status: 'ACCOUNT_CONFIRMATION_NOT_REQUIRED',
    });
    expect(res.text).not.toMatch(/scrypt|Sunflower/);
    const stored = await app.get(CustomerApi.CustomerRepository).getByEmail('ana.lima@example.com', 1);
    expect(stored).toMatchObject({ groupId: 1, websiteId: 1, storeId: 1, isActive: true });
  });

  it('dispatches customer_save_after and customer_register_success from GraphQL and from the service alike', async () => {
    seenCustomerEvents.length = 0;
    await client.signUp({ email: 'events@example.com', firstname: 'Eve', lastname: 'Vent', password: PASSWORD });
    const created = await app.get(CustomerApi.AccountManagement).createAccount(
      { email: 'service@example.com', firstname: 'Sam', lastname: 'Service' },
      { storeId: 1, source: 'service' },
    );
    const registered = seenCustomerEvents.filter((e) => e.event === 'customer_register_success').map((e) => e.payload);
    expect(registered).toEqual([
      { customerId: expect.any(Number), websiteId: 1, storeId: 1, source: 'graphql' },
      { customerId: created.id, websiteId: 1, storeId: 1, source: 'service' },
    ]);
    expect(seenCustomerEvents.filter((e) => e.event === 'customer_save_after').map((e) => e.payload.isNew)).toEqual([true, true]);
  });

  it('refuses malformed emails, weak passwords and missing names with Magento\'s messages, saving nothing', async () => {
    const before = await count();
    const base = { email: 'new@example.com', firstname: 'New', lastname: 'Person', password: PASSWORD };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, email: 'not-an-email' }, '"not-an-email" is not a valid email address.'],
      [{ ...base, email: 'a@b' }, '"a@b" is not a valid email address.'],
      [{ ...base, password: 'Short1!' }, 'The password needs at least 8 characters. Create a new password and try again.'],
      [
        { ...base, password: 'alllowercase' },
        'Minimum of different classes of characters in password is 3. Classes of characters: Lower Case, Upper Case, Digits, Special Characters.',
      ],
      [{ ...base, password: ' Spaced-Out1 ' }, "The password can't begin or end with a space. Verify the password and try again."],
      [{ ...base, email: 'Same-As-Email1@example.com', password: 'Same-As-Email1@example.com' }, "The password can't be the same as the email address. Create a new password and try again."],
      [{ ...base, password: `Aa1!${'x'.repeat(253)}` }, 'Please enter a password with at most 256 characters.'],
      [{ ...base, firstname: '  ' }, 'Required parameters are missing: First Name'],
      [{ ...base, gender: 7 }, '"7" is not a valid gender value.'],
      [{ ...base, date_of_birth: '1990-02-30' }, 'Invalid value of "1990-02-30" provided for the dob field.'],
      [{ ...base, date_of_birth: '2999-01-01' }, 'Invalid value of "2999-01-01" provided for the dob field.'],
    ];
    for (const [input, message] of cases) {
      const res = await client.signUp(input);
      expect(res.errors).toEqual([expect.objectContaining({ message, extensions: { category: 'graphql-input' } })]);
    }
    expect(await count()).toBe(before);
  });

  it('AUTH-01 follows the configured password rule (customer/password/minimum_password_length and character classes)', async () => {
    await app.config.set(P.MinimumPasswordLength, 14);
    await app.config.set(P.RequiredCharacterClasses, 4);
    const base = { email: 'rule@example.com', firstname: 'Rule', lastname: 'Check' };
    expect((await client.signUp({ ...base, password: 'Sunflower-42' })).errors?.[0].message).toBe(
      'The password needs at least 14 characters. Create a new password and try again.',
    );
    expect((await client.signUp({ ...base, password: 'Sunflower42424' })).errors?.[0].message).toMatch(/^Minimum of different classes of characters in password is 4\./);
    expect((await client.signUp({ ...base, password: 'Sunflower-4242' })).errors).toBeUndefined();
    const config = await client.gql('{ storeConfig { minimum_password_length required_character_classes_number create_account_confirmation autocomplete_on_storefront } }');
    expect(config.data!.storeConfig).toEqual({ minimum_password_length: '14', required_character_classes_number: '4', create_account_confirmation: false, autocomplete_on_storefront: false });
    await app.config.delete(P.MinimumPasswordLength);
    await app.config.delete(P.RequiredCharacterClasses);
    await expect(app.config.set(P.Confirm, true)).rejects.toThrow('email confirmation of new accounts is not supported yet');
  });

  it('refuses a second account with the same email in the website (any case) with graphql-already-exists, but not in another website', async () => {
    await client.signUp({ email: 'twice@example.com', firstname: 'One', lastname: 'Time', password: PASSWORD });
    const again = await client.signUp({ email: ' TWICE@example.com ', firstname: 'Two', lastname: 'Times', password: PASSWORD });
    expect(again.errors).toEqual([
      expect.objectContaining({ message: 'A customer with the same email address already exists in an associated website.', extensions: { category: 'graphql-already-exists' } }),
    ]);
    const stores = app.get(StoreApi.StoreManager);
    await stores.createWebsite({ code: 'eu', name: 'Europe' });
    await stores.createGroup({ code: 'eu_store', name: 'Europe Store', website: 'eu' });
    await stores.createStoreView({ code: 'eu_en', name: 'Europe English', website: 'eu' });
    const elsewhere = await client.signUp({ email: 'twice@example.com', firstname: 'Other', lastname: 'Website', password: PASSWORD }, 'eu_en');
    expect(elsewhere.errors).toBeUndefined();
    expect(await app.get(CustomerApi.AccountManagement).emailExists('twice@example.com', 1)).toBe(true);
  });

  it('answers the anonymous customer query with graphql-authorization', async () => {
    const res = await client.gql('{ customer { email } }');
    expect(res.errors).toEqual([expect.objectContaining({ message: "The current customer isn't authorized.", extensions: { category: 'graphql-authorization' } })]);
    const garbage = await client.gql('{ customer { email } }', {}, { token: 'not.a.token' });
    expect(garbage.errors?.[0].extensions?.category).toBe('graphql-authorization');
  });

  it('updates personal data with updateCustomerV2, and has no way to set the group or anything admin-only (API-03)', async () => {
    await client.signUp({ email: 'update@example.com', firstname: 'Up', lastname: 'Date', password: PASSWORD });
    const token = await client.signIn('update@example.com', PASSWORD);
    const res = await client.gql(
      'mutation { updateCustomerV2(input: { firstname: "Upton", middlename: "Q", dob: "1985-01-02", gender: 1, is_subscribed: true }) { customer { firstname middlename lastname date_of_birth gender is_subscribed } } }',
      {},
      { token },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateCustomerV2.customer).toEqual({ firstname: 'Upton', middlename: 'Q', lastname: 'Date', date_of_birth: '1985-01-02', gender: 1, is_subscribed: true });
    for (const field of ['group_id: 2', 'email: "x@example.com"', 'password: "Other-Pass-1"']) {
      const forbidden = await client.gql(`mutation { updateCustomerV2(input: { ${field} }) { customer { email } } }`, {}, { token });
      expect(forbidden.errors?.[0].message).toMatch(/is not defined by type "CustomerUpdateInput"/);
    }
    const emptied = await client.gql('mutation { updateCustomerV2(input: { lastname: "" }) { customer { email } } }', {}, { token });
    expect(emptied.errors?.[0].message).toBe('Required parameters are missing: Last Name');
    expect((await app.get(CustomerApi.CustomerRepository).getByEmail('update@example.com', 1))!.groupId).toBe(1);
  });

  it('changes the email after checking the password, refuses a taken one, and tells the old address', async () => {
    await client.signUp({ email: 'old-address@example.com', firstname: 'Mo', lastname: 'Ving', password: PASSWORD });
    const token = await client.signIn('old-address@example.com', PASSWORD);
    const change = 'mutation ($e: String!, $p: String!) { updateCustomerEmail(email: $e, password: $p) { customer { email } } }';
    const wrong = await client.gql(change, { e: 'new-address@example.com', p: 'Wrong-Pass-1' }, { token });
    expect(wrong.errors).toEqual([
      expect.objectContaining({ message: "The password doesn't match this account. Verify the password and try again.", extensions: { category: 'graphql-authentication' } }),
    ]);
    const taken = await client.gql(change, { e: 'twice@example.com', p: PASSWORD }, { token });
    expect(taken.errors?.[0].extensions?.category).toBe('graphql-already-exists');
    const invalid = await client.gql(change, { e: 'nope', p: PASSWORD }, { token });
    expect(invalid.errors?.[0].message).toBe('"nope" is not a valid email address.');
    const ok = await client.gql(change, { e: 'new-address@example.com', p: PASSWORD }, { token });
    expect(ok.data!.updateCustomerEmail.customer.email).toBe('new-address@example.com');
    const mails = await deliverMail(app);
    expect(mails).toEqual([expect.objectContaining({ to: 'old-address@example.com', subject: 'Your Default Store View email has been changed' })]);
    expect(await client.signIn('new-address@example.com', PASSWORD)).toEqual(expect.any(String));
  });

  it('answers Magento\'s first createCustomer and updateCustomer: names and email required, the email changed only with the current password, all or nothing', async () => {
    const created = await client.gql(
      'mutation ($i: CustomerInput!) { createCustomer(input: $i) { customer { email firstname lastname is_subscribed } } }',
      { i: { email: 'first-api@example.com', firstname: 'Fi', lastname: 'Rst', password: PASSWORD, is_subscribed: false } },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createCustomer.customer).toEqual({ email: 'first-api@example.com', firstname: 'Fi', lastname: 'Rst', is_subscribed: false });
    const before = await count();
    const missing = await client.gql('mutation { createCustomer(input: { email: "no-names@example.com", password: "Sunflower-42" }) { customer { email } } }');
    expect(missing.errors?.[0]).toMatchObject({ message: 'Required parameters are missing: firstname, lastname', extensions: { category: 'graphql-input' } });
    expect(await count()).toBe(before);

    const token = await client.signIn('first-api@example.com', PASSWORD);
    const update = 'mutation ($i: CustomerInput!) { updateCustomer(input: $i) { customer { email firstname lastname } } }';
    const names = await client.gql(update, { i: { firstname: 'First', email: 'first-api@example.com' } }, { token });
    expect(names.data!.updateCustomer.customer).toEqual({ email: 'first-api@example.com', firstname: 'First', lastname: 'Rst' });
    const noPassword = await client.gql(update, { i: { firstname: 'Nope', email: 'moved-api@example.com' } }, { token });
    expect(noPassword.errors?.[0]).toMatchObject({ message: 'Provide the current "password" to change "email".', extensions: { category: 'graphql-input' } });
    const wrong = await client.gql(update, { i: { firstname: 'Nope', email: 'moved-api@example.com', password: 'Wrong-Pass-1' } }, { token });
    expect(wrong.errors?.[0].extensions?.category).toBe('graphql-authentication');
    const badName = await client.gql(update, { i: { lastname: '', email: 'moved-api@example.com', password: PASSWORD } }, { token });
    expect(badName.errors?.[0].message).toBe('Required parameters are missing: Last Name');
    const taken = await client.gql(update, { i: { firstname: 'Nope', email: 'twice@example.com', password: PASSWORD } }, { token });
    expect(taken.errors?.[0].extensions?.category).toBe('graphql-already-exists');
    // None of the refused calls changed anything.
    expect((await client.gql('{ customer { email firstname lastname } }', {}, { token })).data!.customer).toEqual({ email: 'first-api@example.com', firstname: 'First', lastname: 'Rst' });
    const mailsBefore = (await deliverMail(app)).length;
    const moved = await client.gql(update, { i: { firstname: 'Moved', email: 'moved-api@example.com', password: PASSWORD } }, { token });
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.updateCustomer.customer).toEqual({ email: 'moved-api@example.com', firstname: 'Moved', lastname: 'Rst' });
    expect((await deliverMail(app)).slice(mailsBefore)).toEqual([expect.objectContaining({ to: 'first-api@example.com', subject: 'Your Default Store View email has been changed' })]);
    expect(await client.signIn('moved-api@example.com', PASSWORD)).toEqual(expect.any(String));
    const anonymous = await client.gql(update, { i: { firstname: 'X' } });
    expect(anonymous.errors?.[0].extensions?.category).toBe('graphql-authorization');
  });

  it('changes the password after checking the current one; the new one signs in, the old one no longer does', async () => {
    await client.signUp({ email: 'pw@example.com', firstname: 'Pa', lastname: 'Ss', password: PASSWORD });
    const token = await client.signIn('pw@example.com', PASSWORD);
    seenCustomerEvents.length = 0;
    const weak = await client.gql('mutation { changeCustomerPassword(currentPassword: "Sunflower-42", newPassword: "weak") { email } }', {}, { token });
    expect(weak.errors?.[0].message).toBe('The password needs at least 8 characters. Create a new password and try again.');
    const res = await client.gql('mutation { changeCustomerPassword(currentPassword: "Sunflower-42", newPassword: "Daffodil-77") { email firstname } }', {}, { token });
    expect(res.errors).toBeUndefined();
    expect(res.data!.changeCustomerPassword).toEqual({ email: 'pw@example.com', firstname: 'Pa' });
    expect(res.text).not.toMatch(/scrypt|Daffodil/);
    expect(seenCustomerEvents).toContainEqual({ event: 'customer_password_changed', payload: { customerId: expect.any(Number), reason: 'change' } });
    await expect(client.signIn('pw@example.com', PASSWORD)).rejects.toThrow('sign-in failed');
    expect(await client.signIn('pw@example.com', 'Daffodil-77')).toEqual(expect.any(String));
  });

  it('answers isEmailAvailable truthfully only when guest checkout login is on (Magento 2.4.7 enumeration protection)', async () => {
    const query = 'query ($e: String!) { isEmailAvailable(email: $e) { is_email_available } }';
    expect((await client.gql(query, { e: 'twice@example.com' })).data!.isEmailAvailable).toEqual({ is_email_available: true });
    await app.config.set(P.GuestCheckoutLogin, true);
    expect((await client.gql(query, { e: 'TWICE@example.com' })).data!.isEmailAvailable).toEqual({ is_email_available: false });
    expect((await client.gql(query, { e: 'nobody@example.com' })).data!.isEmailAvailable).toEqual({ is_email_available: true });
    expect((await client.gql(query, { e: 'nobody' })).errors?.[0]).toMatchObject({ message: 'Email is invalid', extensions: { category: 'graphql-input' } });
    await app.config.delete(P.GuestCheckoutLogin);
  });

  it('deletes the account with deleteCustomer only when the merchant allows it, and its token dies with it', async () => {
    await client.signUp({ email: 'leaving@example.com', firstname: 'Lea', lastname: 'Ving', password: PASSWORD });
    const token = await client.signIn('leaving@example.com', PASSWORD);
    const refused = await client.gql('mutation { deleteCustomer }', {}, { token });
    expect(refused.errors?.[0].extensions?.category).toBe('graphql-authorization');
    await app.config.set(P.AllowGraphQlDelete, true);
    const res = await client.gql('mutation { deleteCustomer }', {}, { token });
    expect(res.data).toEqual({ deleteCustomer: true });
    expect(await app.get(CustomerApi.CustomerRepository).getByEmail('leaving@example.com', 1)).toBeUndefined();
    expect((await client.gql('{ customer { email } }', {}, { token })).errors?.[0].extensions?.category).toBe('graphql-authorization');
    expect(seenCustomerEvents.some((e) => e.event === 'customer_delete_after')).toBe(true);
    await app.config.delete(P.AllowGraphQlDelete);
  });

  it('keeps customer groups as Magento has them', async () => {
    expect(await app.get(CustomerApi.CustomerRepository).listGroups()).toEqual([
      { id: 0, code: 'NOT LOGGED IN', taxClassId: 3 },
      { id: 1, code: 'General', taxClassId: 3 },
      { id: 2, code: 'Wholesale', taxClassId: 3 },
      { id: 3, code: 'Retailer', taxClassId: 3 },
    ]);
    expect(app.get(Kernel.PasswordHasher)).toBeDefined();
  });
});
