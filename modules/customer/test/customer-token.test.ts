import crypto from 'node:crypto';
import { decodeProtectedHeader, SignJWT } from 'jose';
import { Kernel } from '../../../app';
import type { Application } from '../../../app/kernel/application';
import { boot } from '../../../app/kernel/boot';
import { FakeClock } from '../../../app/kernel/clock';
import type { EnvConfig } from '../../../app/kernel/env';
import type { TestApp } from '../../../app/testing/test-app';
import { StoreApi } from '../../store/api';
import { CustomerApi, CustomerConfigPath as P } from '../api';
import { createCustomerTestApp, CUSTOMER_MODULES, customerTestModuleDirs, fastPasswordHasher, PASSWORD, StorefrontClient } from './customer-test-app';
import { seenCustomerEvents } from './fixtures/customer-events/module';

const ME = '{ customer { email } }';

describe('Customer tokens (JWT)', () => {
  const clock = new FakeClock(new Date('2026-03-01T09:00:00Z'));
  let app: TestApp;
  let client: StorefrontClient;
  const others: Application[] = [];

  /** Another server process on the same database: its own container, connection and (here) signing keys. */
  async function secondInstance(auth: EnvConfig['auth']): Promise<StorefrontClient> {
    const other = await boot({
      root: app.root,
      env: { ...app.env, auth },
      modules: CUSTOMER_MODULES,
      moduleDirs: customerTestModuleDirs,
      packagesRoot: false,
      overrides: (bind) => {
        bind(Kernel.PasswordHasher).toConstantValue(fastPasswordHasher);
        bind(Kernel.Clock).toConstantValue(clock);
      },
    });
    others.push(other);
    return new StorefrontClient(other as TestApp);
  }

  const isSignedIn = async (c: StorefrontClient, token: string) => {
    const res = await c.gql(ME, {}, { token });
    if (res.data?.customer) return true;
    expect(res.errors?.[0]).toMatchObject({ message: "The current customer isn't authorized.", extensions: { category: 'graphql-authorization' } });
    return false;
  };

  beforeAll(async () => {
    app = await createCustomerTestApp({ clock, recordEvents: true });
    client = new StorefrontClient(app);
    for (const name of ['tok', 'rot', 'rev', 'forge', 'web', 'off']) {
      await client.signUp({ email: `${name}@example.com`, firstname: name, lastname: 'Test', password: PASSWORD });
    }
  });
  afterAll(async () => {
    for (const other of others) await other.close();
    await app?.close();
  });

  it('signs in with generateCustomerToken, dispatches customer_login, and refuses bad credentials with graphql-authentication', async () => {
    seenCustomerEvents.length = 0;
    const token = await client.signIn('TOK@example.com', PASSWORD);
    expect(token.split('.')).toHaveLength(3);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', kid: app.env.auth!.jwtKeys[0].kid, typ: 'JWT' });
    expect(seenCustomerEvents).toEqual([{ event: 'customer_login', payload: { customerId: expect.any(Number), websiteId: 1 } }]);
    expect((await client.gql(ME, {}, { token })).data).toEqual({ customer: { email: 'tok@example.com' } });
    const message = 'The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later.';
    for (const [email, password] of [['tok@example.com', 'Wrong-Pass-1'], ['nobody@example.com', PASSWORD]]) {
      const res = await client.gql('mutation ($e: String!, $p: String!) { generateCustomerToken(email: $e, password: $p) { token } }', { e: email, p: password });
      expect(res.errors).toEqual([expect.objectContaining({ message, extensions: { category: 'graphql-authentication' } })]);
    }
    const empty = await client.gql('mutation { generateCustomerToken(email: "tok@example.com", password: "") { token } }');
    expect(empty.errors?.[0]).toMatchObject({ message: 'Specify the "password" value.', extensions: { category: 'graphql-input' } });
  });

  it('AUTH-04 expires customer tokens after webapi/jwtauth/customer_expiration minutes (60 by default)', async () => {
    const token = await client.signIn('tok@example.com', PASSWORD);
    clock.advance(59 * 60_000);
    expect(await isSignedIn(client, token)).toBe(true);
    clock.advance(2 * 60_000);
    expect(await isSignedIn(client, token)).toBe(false);
    await app.config.set(P.TokenLifetime, 5);
    const short = await client.signIn('tok@example.com', PASSWORD);
    clock.advance(4 * 60_000);
    expect(await isSignedIn(client, short)).toBe(true);
    clock.advance(2 * 60_000);
    expect(await isSignedIn(client, short)).toBe(false);
    await app.config.delete(P.TokenLifetime);
  });

  it('rotates signing keys: the newest key signs, every configured key verifies, a removed key no longer does', async () => {
    const oldKey = app.env.auth!.jwtKeys[0];
    const newKey = { kid: 'k2026', secret: crypto.randomBytes(32).toString('base64') };
    const before = await client.signIn('rot@example.com', PASSWORD);
    const rotated = await secondInstance({ jwtKeys: [oldKey, newKey] });
    expect(await isSignedIn(rotated, before)).toBe(true);
    const after = await rotated.signIn('rot@example.com', PASSWORD);
    expect(decodeProtectedHeader(after).kid).toBe('k2026');
    expect(await isSignedIn(client, after)).toBe(false);
    const retired = await secondInstance({ jwtKeys: [newKey] });
    expect(await isSignedIn(retired, after)).toBe(true);
    expect(await isSignedIn(retired, before)).toBe(false);
  });

  it('AUTH-05 revokes with revokeCustomerToken, at once in another server process on the same database', async () => {
    const peer = await secondInstance(app.env.auth);
    const token = await client.signIn('rev@example.com', PASSWORD);
    const second = await peer.signIn('rev@example.com', PASSWORD);
    expect(await isSignedIn(peer, token)).toBe(true);
    const revoked = await client.gql('mutation { revokeCustomerToken { result } }', {}, { token });
    expect(revoked.data).toEqual({ revokeCustomerToken: { result: true } });
    expect(await isSignedIn(peer, token)).toBe(false);
    expect(await isSignedIn(client, token)).toBe(false);
    // Magento's JWT revocation is per customer: every token issued before is void.
    expect(await isSignedIn(peer, second)).toBe(false);
    const fresh = await peer.signIn('rev@example.com', PASSWORD);
    expect(await isSignedIn(client, fresh)).toBe(true);
    const anonymous = await client.gql('mutation { revokeCustomerToken { result } }');
    expect(anonymous.errors?.[0].extensions?.category).toBe('graphql-authorization');
  });

  it('AUTH-05 revokes every token of a customer when an admin deactivates the account, and when all tokens are revoked', async () => {
    const token = await client.signIn('off@example.com', PASSWORD);
    const customer = (await app.get(CustomerApi.CustomerRepository).getByEmail('off@example.com', 1))!;
    await app.get(CustomerApi.AccountManagement).adminUpdate(customer.id, { isActive: false });
    expect(await isSignedIn(client, token)).toBe(false);
    await expect(client.signIn('off@example.com', PASSWORD)).rejects.toThrow('sign-in failed');
    await app.get(CustomerApi.AccountManagement).adminUpdate(customer.id, { isActive: true });
    const again = await client.signIn('off@example.com', PASSWORD);
    const other = await client.signIn('tok@example.com', PASSWORD);
    await app.get(CustomerApi.TokenService).revokeAllCustomerAccessTokens();
    expect(await isSignedIn(client, again)).toBe(false);
    expect(await isSignedIn(client, other)).toBe(false);
  });

  it('refuses forged, unsigned and foreign-key tokens', async () => {
    const token = await client.signIn('forge@example.com', PASSWORD);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, uid: claims.uid - 1 })).toString('base64url')}.${signature}`;
    expect(await isSignedIn(client, tampered)).toBe(false);
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', kid: app.env.auth!.jwtKeys[0].kid })).toString('base64url')}.${payload}.`;
    expect(await isSignedIn(client, unsigned)).toBe(false);
    const foreign = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: app.env.auth!.jwtKeys[0].kid }).sign(crypto.randomBytes(32));
    expect(await isSignedIn(client, foreign)).toBe(false);
    expect(await isSignedIn(client, token)).toBe(true);
  });

  it("is worth nothing in another website's store views (accounts belong to a website)", async () => {
    const stores = app.get(StoreApi.StoreManager);
    await stores.createWebsite({ code: 'b2b', name: 'B2B' });
    await stores.createGroup({ code: 'b2b_store', name: 'B2B Store', website: 'b2b' });
    await stores.createStoreView({ code: 'b2b_en', name: 'B2B English', website: 'b2b' });
    const token = await client.signIn('web@example.com', PASSWORD);
    const res = await client.gql(ME, {}, { token, store: 'b2b_en' });
    expect(res.errors?.[0].extensions?.category).toBe('graphql-authorization');
    await expect(client.signIn('web@example.com', PASSWORD, 'b2b_en')).rejects.toThrow('sign-in failed');
  });
});
