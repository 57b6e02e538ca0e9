import request from 'supertest';
import { SecurityApi } from '../../security/api';
import { UserApi } from '../../user/api';
import { TfaConfigPath } from '../api';
import { CONFIGURE_MESSAGE } from '../service/tfa-sign-in';
import { SoftwareAuthenticator } from './software-authenticator';
import { PASSWORD, bearer, createAdmin, createTfaTestApp, deliverMail, type TfaTestApp } from './tfa-test-kit';

const ORIGIN = 'https://admin.shop.test';

describe('WebAuthn second factor (u2fkey, OTP-07)', () => {
  let t: TfaTestApp;
  let key: SoftwareAuthenticator;

  beforeAll(async () => {
    t = await createTfaTestApp();
    await t.app.config.set(TfaConfigPath.ForceProviders, 'google,u2fkey');
    await t.app.config.set(TfaConfigPath.U2fDomain, 'admin.shop.test');
    await createAdmin(t.app, 'key');
    key = new SoftwareAuthenticator(ORIGIN);
  });
  afterAll(() => t?.app.close());

  const post = (path: string, body: object, token?: string) => {
    const req = request(t.web).post(`/rest/V1${path}`);
    return (token ? req.set(bearer(token)) : req).send(body);
  };
  const challenge = async () => {
    const res = await post('/tfa/provider/u2fkey/authentication-challenge', { username: 'adminkey', password: PASSWORD });
    expect(res.status).toBe(200);
    return res.body.credential_request_options_json as string;
  };

  it('OTP-07 registers a security key from the mailed configuration token (attestation "none")', async () => {
    const ask = await post('/integration/admin/token', { username: 'adminkey', password: PASSWORD });
    expect(ask.body).toEqual({ message: CONFIGURE_MESSAGE });
    const mail = (await deliverMail(t.app)).find((m) => m.to === 'adminkey@example.com')!;
    const tfaToken = /\n\n(eyJ[\w-]+\.[\w-]+\.[\w-]+)\n/.exec(mail.text!)![1];

    const configure = await post('/tfa/provider/u2fkey/configure', { tfaToken });
    expect(configure.status).toBe(200);
    const options = JSON.parse(configure.body.credential_request_options_json);
    expect(options).toMatchObject({ rp: { id: 'admin.shop.test', name: 'Comptoir' }, user: { name: 'adminkey' }, attestation: 'none' });
    expect(options.user.id).not.toContain(String((await t.app.get(UserApi.AdminUserManager).getByUsername('adminkey'))!.id + '"'));

    const phished = await post('/tfa/provider/u2fkey/activate', { tfaToken, publicKeyCredentialJson: key.register(configure.body.credential_request_options_json, { origin: 'https://admin.shop.evil' }) });
    expect(phished.status).toBe(401);
    expect(phished.body).toEqual({ message: 'The security key could not be verified.' });

    const again = await post('/tfa/provider/u2fkey/configure', { tfaToken });
    const activate = await post('/tfa/provider/u2fkey/activate', { tfaToken, publicKeyCredentialJson: key.register(again.body.credential_request_options_json) });
    expect(activate.status).toBe(200);
    expect(activate.body).toBe(true);
    expect((await post('/tfa/provider/u2fkey/configure', { tfaToken })).body).toEqual({ message: 'Provider is already configured.' });
  });

  it('OTP-07 signs in with a signed assertion and returns the admin token', async () => {
    const options = await challenge();
    const res = await post('/tfa/provider/u2fkey/verify', { username: 'adminkey', password: PASSWORD, publicKeyCredentialJson: key.assert(options) });
    expect(res.status).toBe(200);
    expect(res.body).toMatch(/^eyJ/);
    expect((await request(t.web).get('/rest/V1/admin/users').set(bearer(res.body))).status).toBe(200);
  });

  it('OTP-07 refuses a replayed assertion, a cloned key (counter going back), another origin and a forged signature', async () => {
    const options = await challenge();
    const assertion = key.assert(options);
    expect((await post('/tfa/provider/u2fkey/verify', { username: 'adminkey', password: PASSWORD, publicKeyCredentialJson: assertion })).status).toBe(200);
    const replay = await post('/tfa/provider/u2fkey/verify', { username: 'adminkey', password: PASSWORD, publicKeyCredentialJson: assertion });
    expect(replay.status).toBe(401);
    expect(replay.body.message).toMatch(/No authentication challenge is pending/);

    const cloned = await post('/tfa/provider/u2fkey/verify', { username: 'adminkey', password: PASSWORD, publicKeyCredentialJson: key.assert(await challenge(), { counter: 1 }) });
    expect(cloned.body).toEqual({ message: 'The security key could not be verified.' });
    const otherOrigin = await post('/tfa/provider/u2fkey/verify', { username: 'adminkey', password: PASSWORD, publicKeyCredentialJson: key.assert(await challenge(), { origin: 'https://phish.example' }) });
    expect(otherOrigin.status).toBe(401);
    const stranger = new SoftwareAuthenticator(ORIGIN);
    const forged = JSON.parse(stranger.assert(await challenge()));
    forged.id = forged.rawId = JSON.parse(key.assert(await challenge())).id;
    expect((await post('/tfa/provider/u2fkey/verify', { username: 'adminkey', password: PASSWORD, publicKeyCredentialJson: JSON.stringify(forged) })).status).toBe(401);
    expect((await post('/tfa/provider/u2fkey/verify', { username: 'adminkey', password: PASSWORD, publicKeyCredentialJson: '{"nope":1}' })).status).toBe(400);

    const user = await t.app.get(UserApi.AdminUserManager).getByUsername('adminkey');
    const failures = await t.app.get(SecurityApi.AuditLog).list({ event: 'admin_login', outcome: 'failure', resourceId: user!.id });
    expect(failures.map((f) => f.details)).toEqual(Array(3).fill({ step: 'u2fkey', reason: 'invalid_assertion' }));
  });

  it('OTP-07 a security key can serve as the second factor of a step-up', async () => {
    key.counter += 5;
    const options = await challenge();
    const token = (await post('/tfa/provider/u2fkey/verify', { username: 'adminkey', password: PASSWORD, publicKeyCredentialJson: key.assert(options) })).body as string;
    const res = await post('/tfa/step-up', { password: PASSWORD, publicKeyCredentialJson: key.assert(await challenge()) }, token);
    expect(res.status).toBe(200);
    expect(res.body.valid_until).toBeDefined();
  });
});
