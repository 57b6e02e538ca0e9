import { FakeClock } from '../../../app/kernel/clock';
import type { TestApp } from '../../../app/testing/test-app';
import { CustomerConfigPath as P } from '../api';
import { createCustomerTestApp, PASSWORD, StorefrontClient } from './customer-test-app';

const SIGN_IN_FAILED = 'The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later.';

/** One request carrying `n` aliased generateCustomerToken calls. */
function aliasedSignIns(n: number, email: string, password: string): string {
  const fields = Array.from({ length: n }, (_, i) => `t${i}: generateCustomerToken(email: ${JSON.stringify(email)}, password: ${JSON.stringify(password)}) { token }`);
  return `mutation { ${fields.join('\n')} }`;
}

describe('Customer lockout (AUTH-02)', () => {
  const clock = new FakeClock(new Date('2026-04-01T12:00:00Z'));
  let app: TestApp;
  let client: StorefrontClient;

  const signInResult = async (email: string, password: string) => {
    const res = await client.gql('mutation ($e: String!, $p: String!) { generateCustomerToken(email: $e, password: $p) { token } }', { e: email, p: password });
    return res.data?.generateCustomerToken?.token ? 'ok' : res.errors?.[0].message;
  };

  beforeAll(async () => {
    app = await createCustomerTestApp({ clock });
    client = new StorefrontClient(app);
    for (const name of ['alias', 'serial', 'step', 'held', 'off', 'parallel']) {
      await client.signUp({ email: `${name}@example.com`, firstname: name, lastname: 'Lock', password: PASSWORD });
    }
  });
  afterAll(() => app?.close());

  it('AUTH-02 locks after 10 failures for 10 minutes, counting each GraphQL alias as one try (fake clock)', async () => {
    const res = await client.gql(aliasedSignIns(12, 'alias@example.com', 'Wrong-Pass-1'));
    expect(res.errors).toHaveLength(12);
    for (const error of res.errors!) expect(error).toMatchObject({ message: SIGN_IN_FAILED, extensions: { category: 'graphql-authentication' } });
    // The right password no longer opens the account, and gets the same answer as a wrong one.
    expect(await signInResult('alias@example.com', PASSWORD)).toBe(SIGN_IN_FAILED);
    clock.advance(9 * 60_000);
    expect(await signInResult('alias@example.com', PASSWORD)).toBe(SIGN_IN_FAILED);
    clock.advance(60_000 + 1);
    expect(await signInResult('alias@example.com', PASSWORD)).toBe('ok');
  });

  it('AUTH-02 counts every one of 12 sign-ins sent in parallel (the count is kept in the database under a row lock)', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => signInResult('parallel@example.com', 'Wrong-Pass-1')));
    expect(results).toEqual(Array(12).fill(SIGN_IN_FAILED));
    expect(await signInResult('parallel@example.com', PASSWORD)).toBe(SIGN_IN_FAILED);
    clock.advance(10 * 60_000 + 1);
    expect(await signInResult('parallel@example.com', PASSWORD)).toBe('ok');
  });

  it('AUTH-02 locks on the 10th failure exactly, and a success in between starts the count again', async () => {
    for (let i = 0; i < 9; i++) expect(await signInResult('serial@example.com', 'Wrong-Pass-1')).toBe(SIGN_IN_FAILED);
    expect(await signInResult('serial@example.com', PASSWORD)).toBe('ok');
    for (let i = 0; i < 9; i++) await signInResult('serial@example.com', 'Wrong-Pass-1');
    expect(await signInResult('serial@example.com', PASSWORD)).toBe('ok');
    for (let i = 0; i < 10; i++) await signInResult('serial@example.com', 'Wrong-Pass-1');
    expect(await signInResult('serial@example.com', PASSWORD)).toBe(SIGN_IN_FAILED);
    clock.advance(10 * 60_000 + 1);
  });

  it('AUTH-02 counts wrong current passwords of a signed-in customer too, answering "The account is locked." once locked', async () => {
    const token = await client.signIn('step@example.com', PASSWORD);
    const change = 'mutation ($c: String!) { changeCustomerPassword(currentPassword: $c, newPassword: "Daffodil-77") { email } }';
    for (let i = 0; i < 9; i++) {
      const res = await client.gql(change, { c: 'Wrong-Pass-1' }, { token });
      expect(res.errors?.[0]).toMatchObject({ message: "The password doesn't match this account. Verify the password and try again.", extensions: { category: 'graphql-authentication' } });
    }
    const tenth = await client.gql(change, { c: 'Wrong-Pass-1' }, { token });
    expect(tenth.errors?.[0]).toMatchObject({ message: 'The account is locked.', extensions: { category: 'graphql-authentication' } });
    // As Magento's GetCustomer: while locked, even a valid token cannot read the account.
    const me = await client.gql('{ customer { email } }', {}, { token });
    expect(me.errors?.[0]).toMatchObject({ message: 'The account is locked.', extensions: { category: 'graphql-authentication' } });
    clock.advance(10 * 60_000 + 1);
    expect((await client.gql('{ customer { email } }', {}, { token })).data).toEqual({ customer: { email: 'step@example.com' } });
  });

  it('AUTH-02 follows customer/password/lockout_failures and lockout_threshold, and 0 turns the lockout off', async () => {
    await app.config.set(P.LockoutFailures, 3);
    await app.config.set(P.LockoutThreshold, 30);
    for (let i = 0; i < 3; i++) await signInResult('held@example.com', 'Wrong-Pass-1');
    expect(await signInResult('held@example.com', PASSWORD)).toBe(SIGN_IN_FAILED);
    clock.advance(29 * 60_000);
    expect(await signInResult('held@example.com', PASSWORD)).toBe(SIGN_IN_FAILED);
    clock.advance(60_000 + 1);
    expect(await signInResult('held@example.com', PASSWORD)).toBe('ok');
    await app.config.set(P.LockoutFailures, 0);
    for (let i = 0; i < 12; i++) await signInResult('off@example.com', 'Wrong-Pass-1');
    expect(await signInResult('off@example.com', PASSWORD)).toBe('ok');
    await app.config.delete(P.LockoutFailures);
    await app.config.delete(P.LockoutThreshold);
  });
});
