import request from 'supertest';
import { Kernel } from '../../app';
import { readEnvFile } from '../../app/kernel/env';
import { boot } from '../../app/kernel/boot';
import type { Application } from '../../app/kernel/application';
import { MailHoldTable } from '../../app/mail/mail-hold';
import type { TestApp } from '../../app/testing/test-app';
import { StorefrontClient, deliverMail, fastPasswordHasher } from '../../modules/customer/test/customer-test-app';
import { CustomerApi } from '../../modules/customer/api';
import { LOCKDOWN_MESSAGE, IncidentResponseApi } from '../../modules/incident-response/api';
import { SecurityApi, cliActor } from '../../modules/security/api';
import { ADDRESS, CUSTOMER_PASSWORD, CUSTOMER_QUERY, IR_MODULES, adminToken, createIrTestApp, moduleDirs, signedUpCustomer } from './ir-test-app';

const STORE_CONFIG = '{ storeConfig { store_code } }';
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Two application instances (two "server processes") on one database and one project folder. */
describe('lockdown across two server processes (IR-01)', () => {
  let a: TestApp;
  let b: Application;
  let clientA: StorefrontClient;
  let clientB: StorefrontClient;
  let customerToken: string;
  let customerId: number;

  beforeAll(async () => {
    a = await createIrTestApp();
    // Its own copy of the env: it must learn the new key from etc/env.json, as another process would.
    b = await boot({ root: a.root, env: JSON.parse(JSON.stringify(a.env)), modules: IR_MODULES, moduleDirs, packagesRoot: false, overrides: (bind) => bind(Kernel.PasswordHasher).toConstantValue(fastPasswordHasher) });
    clientA = new StorefrontClient(a);
    clientB = new StorefrontClient(b as TestApp);
    customerToken = await signedUpCustomer(clientA, 'l');
    expect((await clientA.gql('mutation ($a: CustomerAddressInput!) { createCustomerAddress(input: $a) { id } }', { a: ADDRESS }, { token: customerToken })).errors).toBeUndefined();
    customerId = Number((await a.db.knex('customer_entity').first('entity_id')).entity_id);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('IR-01 lockdown on (REST, step-up, audited) then off: both processes refuse customer data, keep the catalog, hold mail; then recover', async () => {
    expect((await clientB.gql(CUSTOMER_QUERY, {}, { token: customerToken })).data?.customer.email).toBe('luciel@example.com');
    const oldAdmin = await adminToken(a, 'ops');
    // A customer mail queued before the lockdown (a reset link) must not leave while it is on.
    expect((await clientA.gql('mutation { requestPasswordResetEmail(email: "luciel@example.com") }')).data?.requestPasswordResetEmail).toBe(true);

    // Without a recent step-up the switch is refused.
    const refused = await request(clientB.web).post('/rest/V1/security/lockdown').set('Authorization', `Bearer ${oldAdmin.token}`).send({ active: true, reason: 'leak' });
    expect(refused.status).toBe(403);
    const responder = await adminToken(a, 'responder', { stepUp: true });
    const on = await request(clientB.web).post('/rest/V1/security/lockdown').set('Authorization', `Bearer ${responder.token}`).send({ active: true, reason: 'suspected leak of customer data' });
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ active: true, customer_tokens_revoked: true, integration_tokens_revoked: 0, mail_held: true, key_version: 1 });
    expect(on.body.admin_tokens_revoked).toBeGreaterThanOrEqual(2);
    expect(on.body.reencrypted['customer_entity.email']).toBe(1);
    expect(on.body.reencrypted['customer_address_entity.street']).toBe(1);

    await pause(1100); // the other process's cached view of the switch is at most a second old
    for (const [name, client, app] of [['A', clientA, a], ['B', clientB, b]] as const) {
      // Old tokens fail (checked below the lockdown guard, which only applies to API requests).
      expect(await app.get(CustomerApi.CustomerAuth).verifyToken(customerToken)).toBeUndefined();
      const admin = await request(client.web).get('/rest/V1/security/lockdown').set('Authorization', `Bearer ${oldAdmin.token}`);
      expect([name, admin.status]).toEqual([name, 401]);
      // Customer data refused with a clear, categorized error; the catalog side still answers.
      const customer = await client.gql(CUSTOMER_QUERY, {}, { token: customerToken });
      expect([name, customer.errors?.[0]]).toMatchObject([name, { message: LOCKDOWN_MESSAGE, extensions: { category: 'graphql-authorization' } }]);
      const signIn = await client.gql(`mutation { generateCustomerToken(email: "luciel@example.com", password: "${CUSTOMER_PASSWORD}") { token } }`);
      expect(signIn.errors?.[0].message).toBe(LOCKDOWN_MESSAGE);
      expect((await client.gql(STORE_CONFIG)).data?.storeConfig.store_code).toBe('default');
      const fresh = await adminToken(a, 'investigator');
      const restRead = await request(client.web).get(`/rest/V1/customers/${customerId}`).set('Authorization', `Bearer ${fresh.token}`);
      expect([name, restRead.status, restRead.headers['retry-after'], restRead.body.message]).toEqual([name, 503, '300', LOCKDOWN_MESSAGE]);
    }

    // Mail stays queued (parked, sealed) whichever process consumes it.
    expect(await deliverMail(b as TestApp)).toHaveLength(0);
    // The reset link, and the alerts about the admins created above: every outgoing message but `security` ones is held.
    const held = Number((await a.db.knex(MailHoldTable.held).count({ n: '*' }).first())?.n);
    expect(held).toBeGreaterThanOrEqual(1);

    // The key was rotated: a second key in etc/env.json, personal data under it, and B (started with one key) still reads it.
    expect(readEnvFile(a.paths.etc)!.crypt.keys).toHaveLength(2);
    const row = await a.db.knex('customer_entity').where({ entity_id: customerId }).first('email');
    expect(row.email).toMatch(/^1:aes256gcm:/);
    expect((await b.get(CustomerApi.CustomerRepository).getById(customerId))?.email).toBe('luciel@example.com');

    const audit = a.get(SecurityApi.AuditLog);
    expect((await audit.list({ event: 'lockdown_start' }))[0]).toMatchObject({ actorType: 'admin', actorName: 'responder', channel: 'rest', details: { reason: 'suspected leak of customer data' } });
    expect(await audit.list({ event: 'encryption_key_rotate' })).toHaveLength(1);
    expect((await audit.list({ event: 'admin_token_revoke', resourceId: 'all' })).length).toBe(1);

    // Off (from the shell of process A): new sign-ins work on both, and the held mail is sent.
    const off = await a.get(IncidentResponseApi.Lockdown).deactivate(cliActor());
    expect(off.mailReleased).toBe(held);
    await pause(1100);
    const sent = await deliverMail(b as TestApp);
    expect(sent).toHaveLength(held);
    expect(sent.filter((m) => JSON.stringify(m).includes('luciel@example.com'))).toHaveLength(1);
    expect(Number((await a.db.knex(MailHoldTable.held).count({ n: '*' }).first())?.n)).toBe(0);
    for (const client of [clientA, clientB]) {
      const token = await client.signIn('luciel@example.com', CUSTOMER_PASSWORD);
      expect((await client.gql(CUSTOMER_QUERY, {}, { token })).data?.customer.addresses[0].city).toBe('Lyon');
    }
    expect((await audit.list({ event: 'lockdown_end' }))[0]).toMatchObject({ actorType: 'cli', channel: 'cli' });
    expect((await audit.verify()).ok).toBe(true);
  });

  it('IR-01 refuses a lockdown without a reason, and "off" when none is on, leaving nothing changed', async () => {
    const lockdown = a.get(IncidentResponseApi.Lockdown);
    await expect(lockdown.activate(cliActor(), '  ')).rejects.toThrow('Give a reason for the lockdown');
    await expect(lockdown.deactivate(cliActor())).rejects.toThrow('No lockdown is on.');
    expect((await lockdown.state()).active).toBe(false);
    expect(readEnvFile(a.paths.etc)!.crypt.keys).toHaveLength(2);
  });
});
