import { Kernel } from '../../app';
import type { TestApp } from '../../app/testing/test-app';
import { StorefrontClient } from '../../modules/customer/test/customer-test-app';
import { SecurityApi } from '../../modules/security/api';
import { formatAuditTable, queryAudit, toAuditFilter } from '../../modules/security/cli/audit-query.command';
import { AuditTable } from '../../modules/security/model/audit-tables';
import { ADDRESS, CUSTOMER_PASSWORD, CUSTOMER_QUERY, adminToken, createIrTestApp, rest, signedUpCustomer } from './ir-test-app';

describe('audit trail of customer data, admin actions and configuration (LOG-01..04)', () => {
  let app: TestApp;
  let client: StorefrontClient;
  let token: string;
  let customerId: number;

  beforeAll(async () => {
    app = await createIrTestApp();
    client = new StorefrontClient(app);
    token = await signedUpCustomer(client, 'a');
    const created = await client.gql('mutation ($a: CustomerAddressInput!) { createCustomerAddress(input: $a) { id } }', { a: ADDRESS }, { token });
    expect(created.errors).toBeUndefined();
    customerId = Number((await app.db.knex('customer_entity').first('entity_id')).entity_id);
  });
  afterAll(() => app?.close());

  const log = () => app.get(SecurityApi.AuditLog);

  it('LOG-01 LOG-02 records one entry per GraphQL customer query: the customer read their own data, from which IP, through graphql', async () => {
    const before = (await log().list({ event: 'customer_pii_read', limit: 500 })).length;
    const res = await client.gql(CUSTOMER_QUERY, {}, { token });
    expect(res.data?.customer.addresses[0].city).toBe('Lyon');
    const reads = await log().list({ event: 'customer_pii_read', limit: 500 });
    expect(reads.length).toBe(before + 1);
    const entry = reads[reads.length - 1];
    expect(entry).toMatchObject({ actorType: 'customer', actorId: String(customerId), channel: 'graphql', outcome: 'success', resourceType: 'customer', resourceId: String(customerId) });
    expect(entry.ip).toMatch(/127\.0\.0\.1|::1/);
    expect(entry.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('LOG-01 records admin REST reads of a customer and of a search, naming the admin', async () => {
    const admin = await adminToken(app, 'auditor');
    const one = await rest(client).get(`/rest/V1/customers/${customerId}`).set('Authorization', `Bearer ${admin.token}`);
    expect(one.status).toBe(200);
    const search = await rest(client)
      .get('/rest/V1/customers/search')
      .query({ 'searchCriteria[pageSize]': 10 })
      .set('Authorization', `Bearer ${admin.token}`);
    expect(search.status).toBe(200);
    const reads = await log().list({ event: 'customer_pii_read', actorType: 'admin', actorId: admin.id });
    expect(reads).toHaveLength(2);
    expect(reads.map((r) => [r.channel, r.resourceId, r.actorName, r.details.data])).toEqual([
      ['rest', String(customerId), 'auditor', 'customer'],
      ['rest', String(customerId), 'auditor', 'customer_search'],
    ]);
  });

  it('LOG-01 records admin REST writes with their outcome', async () => {
    const admin = await adminToken(app, 'writer');
    const ok = await rest(client).put(`/rest/V1/customers/${customerId}`).set('Authorization', `Bearer ${admin.token}`).send({ customer: { lastname: 'Durand' } });
    expect(ok.status).toBe(200);
    const bad = await rest(client).put('/rest/V1/customers/999999').set('Authorization', `Bearer ${admin.token}`).send({ customer: { lastname: 'X' } });
    expect(bad.status).toBe(404);
    // Written when the answer is sent.
    await new Promise((r) => setTimeout(r, 50));
    const calls = await log().list({ event: 'admin_api_call', actorId: admin.id });
    expect(calls.map((c) => [c.outcome, c.resourceId])).toEqual([
      ['success', `PUT /rest/V1/customers/${customerId}`],
      ['failure', 'PUT /rest/V1/customers/999999'],
    ]);
  });

  it('LOG-01 LOG-03 records customer sign-in failures by IP and email blind index, never the password or the email', async () => {
    const wrong = 'Wrong-Password-123';
    const res = await client.gql('mutation { generateCustomerToken(email: "lucieA@example.com", password: "Wrong-Password-123") { token } }');
    expect(res.errors?.[0].extensions?.category).toBe('graphql-authentication');
    const [failure] = await log().list({ event: 'customer_login_failure' });
    expect(failure).toMatchObject({ actorType: 'anonymous', outcome: 'failure', channel: 'graphql', resourceType: 'customer_email_hash' });
    expect(failure.resourceId).toBe(app.get(Kernel.Encryptor).hmac('luciea@example.com', 'customer_email'));
    const dump = JSON.stringify(await app.db.knex(AuditTable.entry).select());
    expect(dump).not.toContain(wrong);
    expect(dump).not.toContain(CUSTOMER_PASSWORD);
    expect(dump.toLowerCase()).not.toContain('luciea@example.com');
    expect(dump).not.toContain(token);
  });

  it('LOG-01 records credential changes (customer password) and sign-ins', async () => {
    const res = await client.gql('mutation ($c: String!, $n: String!) { changeCustomerPassword(currentPassword: $c, newPassword: $n) { email } }', { c: CUSTOMER_PASSWORD, n: 'Sunflower-43!' }, { token });
    expect(res.errors).toBeUndefined();
    const [change] = await log().list({ event: 'customer_password_change' });
    expect(change).toMatchObject({ actorType: 'customer', actorId: String(customerId), resourceId: String(customerId), channel: 'graphql', details: { reason: 'change' } });
    expect((await log().list({ event: 'customer_login', resourceId: customerId })).length).toBeGreaterThan(0);
  });

  it('LOG-01 LOG-03 records configuration changes with scope and old/new values, sensitive ones masked', async () => {
    await app.get(Kernel.Config).set('customer/password/lockout_failures', 7);
    const [entry] = await log().list({ event: 'config_change', resourceId: 'customer/password/lockout_failures' });
    expect(entry).toMatchObject({ resourceType: 'config', outcome: 'success', details: { scope: 'default', old_value: null, new_value: '7', sensitive: false } });
  });

  it('LOG-03 escapes log injection in actor names and masks token-looking values', async () => {
    const entry = await log().record({
      actor: { type: 'cli', name: 'eve\n2026-01-01 admin_login success', channel: 'cli' },
      event: 'test_injection',
      outcome: 'success',
      details: { note: `Bearer ${token}`, password: 'hunter2', otp: '123456' },
    });
    expect(entry.actorName).toBe('eve\\u000a2026-01-01 admin_login success');
    expect(JSON.stringify(entry.details)).not.toContain(token);
    expect(entry.details).toMatchObject({ password: '******', otp: '******' });
  });

  it('LOG-01 security:audit:query answers who read which customer, when, from where (table and JSON filters)', async () => {
    const filter = toAuditFilter({ customer: String(customerId), event: 'customer_pii_read', from: '2000-01-01', to: '2999-01-01' });
    const records = await queryAudit(app, filter);
    // Sign-up (anonymous: the account is not signed in yet), the customer's own queries, the admins' reads and writes.
    expect(new Set(records.map((r) => r.actorType))).toEqual(new Set(['anonymous', 'customer', 'admin']));
    expect(records.every((r) => r.resourceId === String(customerId) && r.event === 'customer_pii_read')).toBe(true);
    const table = formatAuditTable(records);
    expect(table[0]).toMatch(/^id\s+time \(UTC\)\s+actor\s+event/);
    expect(table.some((line) => line.includes('(auditor)') && line.includes(`customer:${customerId}`) && line.includes('rest'))).toBe(true);
    const byName = await queryAudit(app, toAuditFilter({ actor: 'auditor' }));
    expect(byName.every((r) => r.actorName === 'auditor')).toBe(true);
    expect(() => toAuditFilter({ from: 'yesterday' })).toThrow('--from must be an ISO date');
    expect(() => toAuditFilter({ customer: 'x' })).toThrow('--customer must be a customer id');
  });

  it('LOG-04 the chain stays verifiable after all of the above, and a modified entry is detected', async () => {
    expect((await log().verify()).ok).toBe(true);
    const [first] = await log().list({ event: 'customer_pii_read', limit: 1 });
    await app.db.knex(AuditTable.entry).where({ id: first.id }).update({ actor_id: '999' });
    const result = await log().verify();
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual({ id: first.id, problem: 'it was modified (its content no longer matches its hash)' });
  });
});
