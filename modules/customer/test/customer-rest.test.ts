import request from 'supertest';
import type { Express } from 'express';
import { Kernel } from '../../../app';
import type { AdminAuthorizer } from '../../../app/http/admin-authorizer';
import { createHttpApp } from '../../../app/http/http-app';
import type { TestApp } from '../../../app/testing/test-app';
import { CustomerApi } from '../api';
import { createCustomerTestApp, PASSWORD, StorefrontClient } from './customer-test-app';

/** Stands in for the admin security module: lets every admin call through, as an authorized admin would be. */
const allowAll: AdminAuthorizer = { authorize: async () => ({ allowed: true, principal: { type: 'admin', id: 1 } }) };

describe('Customer admin REST API (/rest/V1/customers/...)', () => {
  let locked: TestApp;
  let open: TestApp;
  let web: Express;
  let client: StorefrontClient;
  let anaId: number;
  let bobId: number;
  let anaAddressId: number;

  beforeAll(async () => {
    locked = await createCustomerTestApp();
    open = await createCustomerTestApp({ overrides: (bind) => void bind(Kernel.AdminAuthorizer).toConstantValue(allowAll) });
    web = createHttpApp(open);
    client = new StorefrontClient(open);
    const accounts = open.get(CustomerApi.AccountManagement);
    const ana = await accounts.createAccount({ email: 'ana@example.com', firstname: 'Ana', lastname: 'Lima', password: PASSWORD }, { storeId: 1, source: 'admin' });
    const bob = await accounts.createAccount({ email: 'bob@example.com', firstname: 'Bob', lastname: 'Stone', password: PASSWORD }, { storeId: 1, source: 'admin', groupId: 2 });
    await accounts.createAccount({ email: 'cyd@example.com', firstname: 'Cyd', lastname: 'Moss' }, { storeId: 1, source: 'admin', groupId: 2 });
    anaId = ana.id;
    bobId = bob.id;
    const address = await open.get(CustomerApi.AddressManagement).create(anaId, {
      firstname: 'Ana',
      lastname: 'Lima',
      street: ['1 Main St'],
      city: 'Portland',
      countryId: 'US',
      region: { regionCode: 'OR' },
      postcode: '97201',
      telephone: '555-0100',
      defaultBilling: true,
    });
    anaAddressId = address.id;
  });
  afterAll(async () => {
    await locked?.close();
    await open?.close();
  });

  it('API-02 denies every customer route to a caller without an admin token (deny by default)', async () => {
    const lockedWeb = createHttpApp(locked);
    const calls: Array<[string, string, string]> = [
      ['get', '/rest/V1/customers/1', 'Magento_Customer::customer'],
      ['get', '/rest/V1/customers/search?searchCriteria[pageSize]=5', 'Magento_Customer::customer'],
      ['put', '/rest/V1/customers/1', 'Magento_Customer::manage'],
      ['delete', '/rest/V1/customers/1', 'Magento_Customer::manage'],
      ['get', '/rest/V1/customers/1/addresses', 'Magento_Customer::manage'],
      ['get', '/rest/V1/customers/addresses/1', 'Magento_Customer::manage'],
      ['get', '/rest/V1/customers/1/billingAddress', 'Magento_Customer::manage'],
      ['delete', '/rest/V1/addresses/1', 'Magento_Customer::manage'],
      ['delete', '/rest/V1/customers/1/tokens', 'Magento_Customer::manage'],
    ];
    for (const [method, path, resource] of calls) {
      const res = await (request(lockedWeb) as unknown as Record<string, (p: string) => request.Test>)[method](path).send({ customer: {} });
      expect({ path, status: res.status, body: res.body }).toEqual({ path, status: 401, body: { message: `The consumer isn't authorized to access ${resource}.` } });
    }
  });

  it("answers GET /V1/customers/:id with Magento's CustomerInterface JSON, addresses included, no hash or token (API-03)", async () => {
    const res = await request(web).get(`/rest/V1/customers/${anaId}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: anaId,
      group_id: 1,
      default_billing: String(anaAddressId),
      created_at: expect.any(String),
      updated_at: expect.any(String),
      email: 'ana@example.com',
      firstname: 'Ana',
      lastname: 'Lima',
      gender: 0,
      store_id: 1,
      website_id: 1,
      addresses: [expect.objectContaining({ id: anaAddressId, customer_id: anaId, street: ['1 Main St'], region: { region_code: 'OR', region: 'Oregon', region_id: 49 }, default_billing: true })],
      disable_auto_group_change: 0,
      extension_attributes: { is_subscribed: false, is_active: true },
    });
    expect(res.text).not.toMatch(/scrypt|password|token|failures|lock/i);
    expect((await request(web).get('/rest/V1/customers/999999')).body).toEqual({ message: 'No such entity with customerId = 999999' });
    expect((await request(web).get('/rest/V1/customers/abc')).status).toBe(404);
  });

  it('searches with searchCriteria: exact email through the blind index, group filters, sorting and paging', async () => {
    const byEmail = await request(web).get(
      '/rest/V1/customers/search?searchCriteria[filterGroups][0][filters][0][field]=email&searchCriteria[filterGroups][0][filters][0][value]=BOB@example.com&searchCriteria[filterGroups][0][filters][0][conditionType]=eq',
    );
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.items.map((c: { email: string }) => c.email)).toEqual(['bob@example.com']);
    expect(byEmail.body.total_count).toBe(1);
    const wholesale = await request(web).get(
      '/rest/V1/customers/search?searchCriteria[filterGroups][0][filters][0][field]=group_id&searchCriteria[filterGroups][0][filters][0][value]=2' +
        '&searchCriteria[sortOrders][0][field]=id&searchCriteria[sortOrders][0][direction]=DESC&searchCriteria[pageSize]=1&searchCriteria[currentPage]=2',
    );
    expect(wholesale.body.items.map((c: { email: string }) => c.email)).toEqual(['bob@example.com']);
    expect(wholesale.body).toMatchObject({ total_count: 2, search_criteria: { page_size: 1, current_page: 2 } });
    const either = await request(web).get(
      '/rest/V1/customers/search?searchCriteria[filterGroups][0][filters][0][field]=email&searchCriteria[filterGroups][0][filters][0][value]=ana@example.com' +
        '&searchCriteria[filterGroups][0][filters][1][field]=email&searchCriteria[filterGroups][0][filters][1][value]=cyd@example.com',
    );
    expect(either.body.items.map((c: { email: string }) => c.email).sort()).toEqual(['ana@example.com', 'cyd@example.com']);
    const refused: Array<[string, RegExp]> = [
      ['searchCriteria[filterGroups][0][filters][0][field]=firstname&searchCriteria[filterGroups][0][filters][0][value]=Ana', /"firstname" cannot be used to search customers/],
      ['searchCriteria[filterGroups][0][filters][0][field]=email&searchCriteria[filterGroups][0][filters][0][value]=%25ana%25&searchCriteria[filterGroups][0][filters][0][conditionType]=like', /Unknown condition type "like"/],
      ['searchCriteria[pageSize]=301', /at most 300/],
      ['searchCriteria[filterGroups][0][filters][0][field]=constructor&searchCriteria[filterGroups][0][filters][0][value]=1', /"constructor" cannot be used to search customers/],
      ['searchCriteria[sortOrders][0][field]=email', /Sorting by "email" is not supported/],
      ['searchCriteria[filterGroups][0][filters][0][field]=id&searchCriteria[filterGroups][0][filters][0][value]=1 OR 1=1', /Invalid value of "1 OR 1=1"/],
    ];
    for (const [query, message] of refused) {
      const res = await request(web).get(`/rest/V1/customers/search?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(message);
    }
  });

  it('updates with PUT /V1/customers/:id from an allowlist: the admin may set the group, never a password or hash (API-03)', async () => {
    const res = await request(web)
      .put(`/rest/V1/customers/${bobId}`)
      .send({ customer: { id: bobId, firstname: 'Robert', group_id: 3, extension_attributes: { is_subscribed: true } } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: bobId, firstname: 'Robert', lastname: 'Stone', group_id: 3, extension_attributes: { is_subscribed: true, is_active: true } });
    for (const customer of [{ password_hash: 'x' }, { website_id: 2 }, { rp_token: 'x' }]) {
      const refused = await request(web).put(`/rest/V1/customers/${bobId}`).send({ customer });
      expect(refused.status).toBe(400);
      expect(refused.body.message).toMatch(/^Unknown field\(s\) in the request body: customer\./);
    }
    const badGroup = await request(web).put(`/rest/V1/customers/${bobId}`).send({ customer: { group_id: 0 } });
    expect(badGroup.body).toEqual({ message: 'Invalid value of "0" provided for the group_id field.' });
    const taken = await request(web).put(`/rest/V1/customers/${bobId}`).send({ customer: { email: 'ana@example.com' } });
    expect(taken.status).toBe(409);
  });

  it('AUTH-05 signs a customer out everywhere with DELETE /V1/customers/:id/tokens and when deactivated', async () => {
    const token = await client.signIn('bob@example.com', PASSWORD);
    expect((await client.gql('{ customer { email } }', {}, { token })).data).toEqual({ customer: { email: 'bob@example.com' } });
    expect((await request(web).delete(`/rest/V1/customers/${bobId}/tokens`)).body).toBe(true);
    expect((await client.gql('{ customer { email } }', {}, { token })).errors?.[0].extensions?.category).toBe('graphql-authorization');
    const again = await client.signIn('bob@example.com', PASSWORD);
    await request(web).put(`/rest/V1/customers/${bobId}`).send({ customer: { extension_attributes: { is_active: false } } });
    expect((await client.gql('{ customer { email } }', {}, { token: again })).errors?.[0].extensions?.category).toBe('graphql-authorization');
  });

  it('lists addresses, reads default billing/shipping and single addresses, and deletes an address', async () => {
    const list = await request(web).get(`/rest/V1/customers/${anaId}/addresses`);
    expect(list.body).toEqual([expect.objectContaining({ id: anaAddressId, city: 'Portland', country_id: 'US', telephone: '555-0100' })]);
    expect((await request(web).get(`/rest/V1/customers/${anaId}/billingAddress`)).body).toMatchObject({ id: anaAddressId });
    expect((await request(web).get(`/rest/V1/customers/${anaId}/shippingAddress`)).body).toBeNull();
    expect((await request(web).get(`/rest/V1/customers/addresses/${anaAddressId}`)).body).toMatchObject({ id: anaAddressId, customer_id: anaId });
    expect((await request(web).delete(`/rest/V1/addresses/${anaAddressId}`)).body).toBe(true);
    expect((await request(web).get(`/rest/V1/customers/addresses/${anaAddressId}`)).status).toBe(404);
    expect((await request(web).get(`/rest/V1/customers/${anaId}`)).body.default_billing).toBeUndefined();
  });

  it('deletes a customer with DELETE /V1/customers/:id, addresses included', async () => {
    const cyd = (await open.get(CustomerApi.CustomerRepository).getByEmail('cyd@example.com', 1))!;
    await open.get(CustomerApi.AddressManagement).create(cyd.id, { firstname: 'C', lastname: 'M', street: ['2 Rue'], city: 'Lyon', countryId: 'FR', postcode: '69001', telephone: '0400' });
    expect((await request(web).delete(`/rest/V1/customers/${cyd.id}`)).body).toBe(true);
    expect((await request(web).get(`/rest/V1/customers/${cyd.id}`)).status).toBe(404);
    expect(await open.get(CustomerApi.CustomerRepository).listAddresses(cyd.id)).toEqual([]);
    expect((await request(web).delete(`/rest/V1/customers/${cyd.id}`)).status).toBe(404);
  });
});
