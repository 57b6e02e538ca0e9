import { SignJWT } from 'jose';
import request from 'supertest';
import { SecurityApi, cliActor } from '../../modules/security/api';
import { UserApi } from '../../modules/user/api';
import { UserTable } from '../../modules/user/model/user-tables';
import { PASSWORD, SECRET, bearer, createAdmin, createTfaTestApp, signIn, stepUp, type TfaTestApp } from '../../modules/two-factor-auth/test/tfa-test-kit';

/** The admin REST gateway across modules: the store module's routes, guarded by the user module's authorizer (API-02, API-03). */
describe('admin REST gateway', () => {
  let t: TfaTestApp;
  let adminToken: string;
  let viewerToken: string;

  beforeAll(async () => {
    t = await createTfaTestApp({ extraModules: ['Comptoir_Store'] });
    await createAdmin(t.app, 'root');
    await t.app.get(UserApi.Acl).createRole({ name: 'Store viewers', resources: ['Magento_Backend::stores'] }, cliActor());
    await createAdmin(t.app, 'viewer', { role: 'Store viewers' });
    adminToken = await signIn(t, 'adminroot');
    viewerToken = await signIn(t, 'adminviewer');
  });
  afterAll(() => t?.app.close());

  const get = (path: string, token?: string) => {
    const req = request(t.web).get(`/rest/V1${path}`);
    return token ? req.set(bearer(token)) : req;
  };

  /** A customer token as the customer module signs them: same keys, Magento's customer user type, no admin audience. */
  async function customerToken(): Promise<string> {
    const key = t.app.env.auth!.jwtKeys.at(-1)!;
    const now = Math.floor(t.clock.now().getTime() / 1000);
    return new SignJWT({ uid: 1, utypid: 3, wid: 1, ver: 1 })
      .setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: 'JWT' })
      .setSubject('1')
      .setJti('c-1')
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(new Uint8Array(Buffer.from(key.secret, 'base64')));
  }

  it('API-02 answers 401 without a token or with a forged one, 403 to a customer token', async () => {
    expect((await get('/store/websites')).status).toBe(401);
    const forged = adminToken.slice(0, -4) + (adminToken.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await get('/store/websites', forged)).body).toEqual({ message: 'The admin token is invalid: sign in again.' });
    expect((await get('/store/websites', 'not-a-jwt')).status).toBe(401);
    const customer = await get('/store/websites', await customerToken());
    expect(customer.status).toBe(403);
    expect(customer.body).toEqual({ message: "The consumer isn't authorized to access Magento_Backend::store." });
    expect((await get('/admin/users', await customerToken())).status).toBe(403);
  });

  it('API-02 grants a role its resources and their children only (deny by default), and audits refusals', async () => {
    expect((await get('/store/websites', adminToken)).status).toBe(200);
    // Magento_Backend::store is a child of Magento_Backend::stores.
    expect((await get('/store/storeViews', viewerToken)).status).toBe(200);
    const denied = await get('/admin/users', viewerToken);
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({ message: "The consumer isn't authorized to access Magento_User::acl_users." });
    const audit = await t.app.get(SecurityApi.AuditLog).list({ event: 'admin_access_denied' });
    expect(audit.at(-1)).toMatchObject({ actorName: 'adminviewer', outcome: 'failure', resourceType: 'acl_resource', resourceId: 'Magento_User::acl_users', channel: 'rest' });
  });

  it('refuses a role naming an unknown resource, with the resource named', async () => {
    const up = await stepUp(t, adminToken);
    expect(up.status).toBe(200);
    const res = await request(t.web).post('/rest/V1/admin/roles').set(bearer(adminToken)).send({ name: 'Ghosts', resources: ['Magento_Backend::stores', 'Magento_Ghost::haunt'] });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/unknown ACL resource\(s\) "Magento_Ghost::haunt"/);
    expect((await get('/admin/roles', adminToken)).body.map((r: { name: string }) => r.name)).not.toContain('Ghosts');
    const resources = (await get('/admin/acl/resources', adminToken)).body.map((r: { id: string }) => r.id);
    expect(resources).toEqual(expect.arrayContaining(['Magento_Backend::all', 'Magento_Backend::store', 'Magento_User::acl_users', 'Magento_TwoFactorAuth::tfa', 'Comptoir_Security::audit_log']));
  });

  it('API-03 allowlists input fields and refuses anything else with a clear error', async () => {
    await stepUp(t, adminToken);
    const res = await request(t.web)
      .post('/rest/V1/admin/users')
      .set(bearer(adminToken))
      .send({ username: 'x1', firstname: 'X', lastname: 'Y', email: 'x1@example.com', password: PASSWORD, is_admin: true, password_hash: 'scrypt$1' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: 'Unknown field(s) in the request body: is_admin, password_hash.' });
    expect(await t.app.get(UserApi.AdminUserManager).getByUsername('x1')).toBeUndefined();
  });

  it('API-03 never returns password hashes, 2FA secrets, reset or configuration tokens', async () => {
    await stepUp(t, adminToken);
    const created = await request(t.web).post('/rest/V1/admin/users').set(bearer(adminToken)).send({ username: 'scan', firstname: 'S', lastname: 'Can', email: 'scan@example.com', password: PASSWORD });
    expect(created.status).toBe(200);
    const users = await get('/admin/users', adminToken);
    const one = await get(`/admin/users/${created.body.id}`, adminToken);
    const providers = await get(`/tfa/user-providers/${created.body.id}`, adminToken);
    const roles = await get('/admin/roles', adminToken);
    const hashes = (await t.app.db.knex(UserTable.user).select('password')).map((r: { password: string }) => r.password);
    for (const res of [created, users, one, providers, roles]) {
      const body = JSON.stringify(res.body);
      expect(body).not.toMatch(/scrypt|aes256gcm|password|secret|tfat|eyJ/i);
      expect(body).not.toContain(SECRET);
      for (const hash of hashes) expect(body).not.toContain(hash.split('$').at(-1));
    }
    expect(Object.keys(one.body).sort()).toEqual(['created', 'email', 'firstname', 'id', 'is_active', 'lastname', 'lock_expires', 'logdate', 'role_id', 'role_name', 'username']);
  });

  it('AUTH-04 ends a session after 15 minutes of inactivity, and keeps an active one alive', async () => {
    await createAdmin(t.app, 'idle');
    const token = await signIn(t, 'adminidle');
    t.clock.advance(14 * 60_000);
    expect((await get('/store/websites', token)).status).toBe(200);
    t.clock.advance(14 * 60_000);
    expect((await get('/store/websites', token)).status).toBe(200);
    t.clock.advance(15 * 60_000 + 1000);
    const idle = await get('/store/websites', token);
    expect(idle.status).toBe(401);
    expect(idle.body).toEqual({ message: 'The admin session has expired after a period of inactivity: sign in again.' });
  });

  it('AUTH-04 ends a session at its absolute lifetime (webapi/jwtauth/admin_expiration, 60 minutes) however busy', async () => {
    const token = await signIn(t, 'adminidle');
    for (let i = 0; i < 5; i++) {
      t.clock.advance(11 * 60_000);
      expect((await get('/store/websites', token)).status).toBe(200);
    }
    t.clock.advance(6 * 60_000);
    expect((await get('/store/websites', token)).body).toEqual({ message: 'The admin token has expired: sign in again.' });
  });

  it('AUTH-05 revokes a token on logout, and every token of an admin on a password change', async () => {
    const a = await signIn(t, 'adminidle');
    const b = await signIn(t, 'adminidle');
    const logout = await request(t.web).delete('/rest/V1/integration/admin/token').set(bearer(a));
    expect(logout.status).toBe(200);
    expect((await get('/store/websites', a)).body).toEqual({ message: 'The admin token has been revoked: sign in again.' });
    expect((await get('/store/websites', b)).status).toBe(200);
    const user = await t.app.get(UserApi.AdminUserManager).getByUsername('adminidle');
    await t.app.get(UserApi.AdminUserManager).changePassword(user!.id, 'Another-pass-77', cliActor());
    expect((await get('/store/websites', b)).status).toBe(401);
  });

  it('AUTH-05 requires a recent step-up (password + code) to create an admin, and it lapses after 5 minutes', async () => {
    await createAdmin(t.app, 'stepper');
    const token = await signIn(t, 'adminstepper');
    const body = { username: 'made', firstname: 'M', lastname: 'Ade', email: 'made@example.com', password: PASSWORD };
    const refused = await request(t.web).post('/rest/V1/admin/users').set(bearer(token)).send(body);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/^This operation needs a recent re-authentication: call POST \/rest\/V1\/tfa\/step-up/);
    const wrong = await request(t.web).post('/rest/V1/tfa/step-up').set(bearer(token)).send({ password: PASSWORD, otp: '000000' });
    expect(wrong.status).toBe(401);
    const noFactor = await request(t.web).post('/rest/V1/tfa/step-up').set(bearer(token)).send({ password: PASSWORD });
    expect(noFactor.body.message).toMatch(/exactly one second factor/);
    const up = await stepUp(t, token);
    expect(up.status).toBe(200);
    expect(up.body).toEqual({ valid_until: new Date(t.clock.now().getTime() + 300_000).toISOString() });
    expect((await request(t.web).post('/rest/V1/admin/users').set(bearer(token)).send(body)).status).toBe(200);
    t.clock.advance(5 * 60_000 + 1000);
    const lapsed = await request(t.web).post('/rest/V1/admin/users').set(bearer(token)).send({ ...body, username: 'made2', email: 'made2@example.com' });
    expect(lapsed.status).toBe(403);
    // The step-up belongs to one token: another session of the same admin is not stepped up.
    await stepUp(t, token);
    const other = await signIn(t, 'adminstepper');
    expect((await request(t.web).post('/rest/V1/admin/users').set(bearer(other)).send({ ...body, username: 'made3', email: 'made3@example.com' })).status).toBe(403);
  });

  it('unlocks an account over REST with Magento_User::locks', async () => {
    const locked = await createAdmin(t.app, 'locked');
    viewerToken = await signIn(t, 'adminviewer');
    adminToken = await signIn(t, 'adminroot');
    for (let i = 0; i < 6; i++) await request(t.web).post('/rest/V1/integration/admin/token').send({ username: 'adminlocked', password: 'wrong-pass-123' });
    expect((await t.app.get(UserApi.AdminUserManager).get(locked.id))!.lockExpiresAt).not.toBeNull();
    expect((await request(t.web).post(`/rest/V1/admin/users/${locked.id}/unlock`).set(bearer(viewerToken))).status).toBe(403);
    const res = await request(t.web).post(`/rest/V1/admin/users/${locked.id}/unlock`).set(bearer(adminToken));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: locked.id, lock_expires: null });
    expect((await request(t.web).post('/rest/V1/admin/users/999/unlock').set(bearer(adminToken))).status).toBe(404);
  });
});
