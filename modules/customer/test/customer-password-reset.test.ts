import { FakeClock } from '../../../app/kernel/clock';
import type { TestApp } from '../../../app/testing/test-app';
import { CustomerConfigPath as P, CustomerTable } from '../api';
import { createCustomerTestApp, deliverMail, PASSWORD, StorefrontClient } from './customer-test-app';

const REQUEST = 'mutation ($e: String!) { requestPasswordResetEmail(email: $e) }';
const RESET = 'mutation ($e: String!, $t: String!, $p: String!) { resetPassword(email: $e, resetPasswordToken: $t, newPassword: $p) }';
const THROTTLED = 'We received too many requests for password resets. Please wait and try again later or contact tests@localhost.';

describe('Password reset', () => {
  const clock = new FakeClock(new Date('2026-05-01T08:00:00Z'));
  let app: TestApp;
  let client: StorefrontClient;
  let mailsSeen = 0;

  /** Mails sent since the last call, after relaying the outbox and running the mail consumer. */
  const newMails = async () => {
    const all = await deliverMail(app);
    const fresh = all.slice(mailsSeen);
    mailsSeen = all.length;
    return fresh;
  };
  const tokenIn = (text: string) => /createPassword\/\?token=([A-Za-z0-9_-]+)/.exec(text)![1];
  const nextWindow = () => clock.advance(61 * 60_000);

  beforeAll(async () => {
    app = await createCustomerTestApp({ clock });
    client = new StorefrontClient(app);
    for (const name of ['reset', 'twice', 'late', 'locked']) {
      await client.signUp({ email: `${name}@example.com`, firstname: name, lastname: 'Reset', password: PASSWORD });
    }
  });
  afterAll(() => app?.close());

  it('mails a single-use reset link over the file transport; the token is stored only hashed', async () => {
    const old = await client.signIn('reset@example.com', PASSWORD);
    const asked = await client.gql(REQUEST, { e: 'Reset@Example.com' });
    expect(asked.data).toEqual({ requestPasswordResetEmail: true });
    const [mail] = await newMails();
    expect(mail).toMatchObject({ to: 'reset@example.com', subject: 'Reset your Default Store View password', storeCode: 'default' });
    expect(mail.text).toMatch(/^Hello reset,/);
    expect(mail.text).toContain('https://localhost/customer/account/createPassword/?token=');
    const token = tokenIn(mail.text);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const raw = JSON.stringify(await app.db.knex(CustomerTable.entity).select());
    expect(raw).not.toContain(token);
    const done = await client.gql(RESET, { e: 'reset@example.com', t: token, p: 'Daffodil-77' });
    expect(done.data).toEqual({ resetPassword: true });
    expect(await client.signIn('reset@example.com', 'Daffodil-77')).toEqual(expect.any(String));
    // Old sessions end with the old password (AUTH-05).
    expect((await client.gql('{ customer { email } }', {}, { token: old })).errors?.[0].extensions?.category).toBe('graphql-authorization');
    const reused = await client.gql(RESET, { e: 'reset@example.com', t: token, p: 'Tulip-Field-9' });
    expect(reused.errors?.[0]).toMatchObject({ message: 'The password token is mismatched. Reset and try again.', extensions: { category: 'graphql-input' } });
  });

  it('answers an unknown email exactly like a known one, and sends nothing', async () => {
    nextWindow();
    const res = await client.gql(REQUEST, { e: 'nobody@example.com' });
    expect(res).toMatchObject({ data: { requestPasswordResetEmail: true } });
    expect(res.errors).toBeUndefined();
    expect(await newMails()).toEqual([]);
    const reset = await client.gql(RESET, { e: 'nobody@example.com', t: 'x'.repeat(43), p: 'Daffodil-77' });
    expect(reset.errors?.[0].message).toBe('The password token is mismatched. Reset and try again.');
    const invalid = await client.gql(REQUEST, { e: 'not-an-email' });
    expect(invalid.errors?.[0]).toMatchObject({ message: 'The email address has an invalid format.', extensions: { category: 'graphql-input' } });
  });

  it('AUTH-05 throttles reset requests per IP or email: 10 minutes apart, 5 an hour (Magento_Security defaults)', async () => {
    nextWindow();
    expect((await client.gql(REQUEST, { e: 'twice@example.com' })).errors).toBeUndefined();
    const tooSoon = await client.gql(REQUEST, { e: 'twice@example.com' });
    expect(tooSoon.errors?.[0]).toMatchObject({ message: THROTTLED, extensions: { category: 'graphql-input' } });
    // Same IP, another email: protection type 1 matches on the IP too.
    expect((await client.gql(REQUEST, { e: 'late@example.com' })).errors?.[0].message).toBe(THROTTLED);
    expect(await newMails()).toHaveLength(1);
    for (let i = 0; i < 4; i++) {
      clock.advance(10 * 60_000);
      expect((await client.gql(REQUEST, { e: 'twice@example.com' })).errors).toBeUndefined();
    }
    clock.advance(10 * 60_000);
    expect((await client.gql(REQUEST, { e: 'twice@example.com' })).errors?.[0].message).toBe(THROTTLED);
    expect(await newMails()).toHaveLength(4);
    await app.config.set(P.ResetProtectionType, 0);
    expect((await client.gql(REQUEST, { e: 'twice@example.com' })).errors).toBeUndefined();
    await app.config.delete(P.ResetProtectionType);
    // The latest link replaces the earlier ones.
    const links = (await newMails()).map((m) => tokenIn(m.text));
    expect(links).toHaveLength(1);
  });

  it('refuses an expired token (customer/password/reset_link_expiration_period, 2 hours) and a weak new password', async () => {
    nextWindow();
    await client.gql(REQUEST, { e: 'late@example.com' });
    const token = tokenIn((await newMails())[0].text);
    const weak = await client.gql(RESET, { e: 'late@example.com', t: token, p: 'weak' });
    expect(weak.errors?.[0].message).toBe('The password needs at least 8 characters. Create a new password and try again.');
    clock.advance(2 * 3_600_000 + 1);
    const expired = await client.gql(RESET, { e: 'late@example.com', t: token, p: 'Daffodil-77' });
    expect(expired.errors?.[0]).toMatchObject({ message: 'The password token is expired. Reset and try again.', extensions: { category: 'graphql-input' } });
    expect(await client.signIn('late@example.com', PASSWORD)).toEqual(expect.any(String));
  });

  it('lifts a lockout once the mailbox owner resets the password', async () => {
    nextWindow();
    for (let i = 0; i < 10; i++) {
      await client.gql('mutation { generateCustomerToken(email: "locked@example.com", password: "Wrong-Pass-1") { token } }');
    }
    await expect(client.signIn('locked@example.com', PASSWORD)).rejects.toThrow('sign-in failed');
    await client.gql(REQUEST, { e: 'locked@example.com' });
    const token = tokenIn((await newMails())[0].text);
    expect((await client.gql(RESET, { e: 'locked@example.com', t: token, p: 'Daffodil-77' })).data).toEqual({ resetPassword: true });
    expect(await client.signIn('locked@example.com', 'Daffodil-77')).toEqual(expect.any(String));
  });
});
