import request from 'supertest';
import { SecurityApi } from '../../security/api';
import { INVALID_CREDENTIALS_MESSAGE, UserApi } from '../../user/api';
import { TfaConfigPath } from '../api';
import { TfaTable } from '../model/tfa-tables';
import { CONFIGURE_MESSAGE, USE_PROVIDER_MESSAGE } from '../service/tfa-sign-in';
import { PASSWORD, bearer, codeAt, createAdmin, createTfaTestApp, deliverMail, signIn, type TfaTestApp } from './tfa-test-kit';
import { base32Decode } from '../totp/base32';
import { hotp, totpStep } from '../totp/otp';

describe('mandatory 2FA over REST (Magento_TwoFactorAuth flow)', () => {
  let t: TfaTestApp;

  beforeAll(async () => {
    t = await createTfaTestApp();
    await createAdmin(t.app, 'boss');
  });
  afterAll(() => t?.app.close());

  const post = (path: string, body: unknown) => request(t.web).post(`/rest/V1${path}`).send(body as object);

  it('AUTH-03 never issues a token for a password alone: it names the next step instead', async () => {
    await createAdmin(t.app, 'new', {}, null);
    const first = await post('/integration/admin/token', { username: 'adminnew', password: PASSWORD });
    expect(first.status).toBe(401);
    expect(first.body).toEqual({ message: CONFIGURE_MESSAGE });
    const configured = await post('/integration/admin/token', { username: 'adminboss', password: PASSWORD });
    expect(configured.status).toBe(401);
    expect(configured.body).toEqual({ message: USE_PROVIDER_MESSAGE });
    const wrong = await post('/integration/admin/token', { username: 'adminboss', password: 'wrong-password-1' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ message: INVALID_CREDENTIALS_MESSAGE });
    for (const res of [first, configured, wrong]) expect(JSON.stringify(res.body)).not.toMatch(/eyJ/);
  });

  it('enrolls Google Authenticator from the mailed configuration token: secret, otpauth URI and PNG QR code, confirmed by a first code', async () => {
    const mails = await deliverMail(t.app);
    const mail = mails.find((m) => m.to === 'adminnew@example.com')!;
    expect(mail.subject).toBe('Set up two-factor authentication for your admin account');
    const tfaToken = /\n\n(eyJ[\w-]+\.[\w-]+\.[\w-]+)\n/.exec(mail.text!)![1];

    // A configuration token is neither an admin token nor accepted twice as something else.
    expect((await request(t.web).get('/rest/V1/admin/users').set(bearer(tfaToken))).status).toBe(403);
    expect((await post('/tfa/provider/google/configure', { tfaToken: tfaToken + 'x' })).body).toEqual({ message: expect.stringMatching(/^Invalid tfat token/) });

    const configure = await post('/tfa/provider/google/configure', { tfaToken });
    expect(configure.status).toBe(200);
    const { secret_code, otpauth_uri, qr_code_url } = configure.body;
    expect(secret_code).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauth_uri).toBe(`otpauth://totp/Comptoir:adminnew?secret=${secret_code}&issuer=Comptoir&algorithm=SHA1&digits=6&period=30`);
    const png = Buffer.from(qr_code_url.replace(/^data:image\/png;base64,/, ''), 'base64');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect((await post('/tfa/provider/google/configure', { tfaToken })).body.secret_code).toBe(secret_code);

    // OTP-03: the secret is encrypted at rest.
    const row = await t.app.db.knex(TfaTable.userConfig).where({ user_id: (await t.app.get(UserApi.AdminUserManager).getByUsername('adminnew'))!.id }).first();
    expect(row.google_secret).toMatch(/^\d+:aes256gcm:/);
    expect(row.google_secret).not.toContain(secret_code);

    const bad = await post('/tfa/provider/google/activate', { tfaToken, otp: '000000' });
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual({ message: 'Invalid code.' });
    const ok = await post('/tfa/provider/google/activate', { tfaToken, otp: codeAt(t.clock, secret_code) });
    expect(ok.status).toBe(200);
    expect(ok.body).toBe(true);
    expect((await post('/tfa/provider/google/configure', { tfaToken })).body).toEqual({ message: 'Provider is already configured.' });
    expect((await post('/integration/admin/token', { username: 'adminnew', password: PASSWORD })).body).toEqual({ message: USE_PROVIDER_MESSAGE });
    const token = await signIn(t, 'adminnew', secret_code);
    expect(token).toMatch(/^eyJ/);
  });

  it('returns the admin token as a JSON string for password + code, as Magento does', async () => {
    t.clock.advance(30_000);
    const res = await post('/tfa/provider/google/authenticate', { username: 'adminboss', password: PASSWORD, otp: codeAt(t.clock) });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.text).toMatch(/^"eyJ[\w-]+\.[\w-]+\.[\w-]+"$/);
    expect((await request(t.web).get('/rest/V1/admin/users').set(bearer(res.body))).status).toBe(200);
  });

  it('refuses a wrong password before looking at the code, and a wrong code with a clear error', async () => {
    t.clock.advance(30_000);
    expect((await post('/tfa/provider/google/authenticate', { username: 'adminboss', password: 'nope-nope-123', otp: codeAt(t.clock) })).body).toEqual({ message: INVALID_CREDENTIALS_MESSAGE });
    expect((await post('/tfa/provider/google/authenticate', { username: 'adminboss', password: PASSWORD, otp: '123' })).body).toEqual({ message: 'Invalid code.' });
    expect((await post('/tfa/provider/google/authenticate', { username: 'adminboss', password: PASSWORD, otp: codeAt(t.clock), extra: 1 })).body).toEqual({
      message: 'Unknown field(s) in the request body: extra.',
    });
  });

  it('OTP-03 accepts a code one step old or one step ahead, never two', async () => {
    await createAdmin(t.app, 'skew');
    t.clock.advance(60_000);
    // Move to 10 s into a step, inside the 29 s leeway on both sides.
    const now = t.clock.now().getTime();
    t.clock.advance(((40 - ((now / 1000) % 30)) % 30) * 1000);
    const key = base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')!;
    const step = totpStep(t.clock.now().getTime() / 1000);
    const login = (s: number) => post('/tfa/provider/google/authenticate', { username: 'adminskew', password: PASSWORD, otp: hotp(key, s) });
    expect((await login(step - 2)).status).toBe(401);
    expect((await login(step - 1)).status).toBe(200);
    expect((await login(step + 2)).status).toBe(401);
    expect((await login(step + 1)).status).toBe(200);
  });

  it('OTP-04 accepts a code once: the replay fails and is audited', async () => {
    await createAdmin(t.app, 'replay');
    t.clock.advance(30_000);
    const otp = codeAt(t.clock);
    expect((await post('/tfa/provider/google/authenticate', { username: 'adminreplay', password: PASSWORD, otp })).status).toBe(200);
    const again = await post('/tfa/provider/google/authenticate', { username: 'adminreplay', password: PASSWORD, otp });
    expect(again.status).toBe(401);
    expect(again.body).toEqual({ message: 'This code was already used: wait for the next one.' });
    const user = await t.app.get(UserApi.AdminUserManager).getByUsername('adminreplay');
    const audit = await t.app.get(SecurityApi.AuditLog).list({ event: 'tfa_otp_replay', resourceId: user!.id });
    expect(audit).toEqual([expect.objectContaining({ outcome: 'failure', actorName: 'adminreplay', channel: 'rest', details: { provider: 'google', purpose: 'login' } })]);
    t.clock.advance(30_000);
    expect((await post('/tfa/provider/google/authenticate', { username: 'adminreplay', password: PASSWORD, otp: codeAt(t.clock) })).status).toBe(200);
  });

  it('OTP-05 locks the second factor for 300 s after 10 wrong codes, even for the right code', async () => {
    await createAdmin(t.app, 'guess');
    t.clock.advance(30_000);
    for (let i = 0; i < 10; i++) {
      const res = await post('/tfa/provider/google/authenticate', { username: 'adminguess', password: PASSWORD, otp: String(100000 + i) });
      expect(res.body).toEqual({ message: 'Invalid code.' });
    }
    const locked = await post('/tfa/provider/google/authenticate', { username: 'adminguess', password: PASSWORD, otp: codeAt(t.clock) });
    expect(locked.status).toBe(401);
    expect(locked.body.message).toMatch(/^Too many failed two-factor authentication attempts: try again in \d+ seconds\.$/);
    t.clock.advance(299_000);
    expect((await post('/tfa/provider/google/authenticate', { username: 'adminguess', password: PASSWORD, otp: codeAt(t.clock) })).status).toBe(401);
    t.clock.advance(2_000);
    expect((await post('/tfa/provider/google/authenticate', { username: 'adminguess', password: PASSWORD, otp: codeAt(t.clock) })).status).toBe(200);
    // The 10 code failures did not lock the password (AUTH-02 counts passwords only).
    const user = await t.app.get(UserApi.AdminUserManager).getByUsername('adminguess');
    expect(user!.lockExpiresAt).toBeNull();
    expect(await t.app.get(SecurityApi.AuditLog).list({ event: 'tfa_lock', resourceId: user!.id })).toHaveLength(1);
  });

  it('AUTH-03 holds in production mode too (no bypass)', async () => {
    const prod = await createTfaTestApp({ env: (env) => ({ ...env, mode: 'production', http: { ...env.http, trustedProxies: ['127.0.0.1', '::1', '::ffff:127.0.0.1'] } }) });
    try {
      await createAdmin(prod.app, 'prod');
      const res = await request(prod.web).post('/rest/V1/integration/admin/token').set('X-Forwarded-Proto', 'https').send({ username: 'adminprod', password: PASSWORD });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ message: USE_PROVIDER_MESSAGE });
    } finally {
      await prod.app.close();
    }
  });

  it('refuses a provider that is not enforced, and 2FA cannot be switched off by configuration', async () => {
    await expect(t.app.config.set(TfaConfigPath.ForceProviders, '')).rejects.toThrow('at least one provider is required');
    await expect(t.app.config.set(TfaConfigPath.ForceProviders, 'google,sms')).rejects.toThrow('known providers: google, u2fkey');
    await expect(t.app.config.set(TfaConfigPath.Retry, 50)).rejects.toThrow('at most 10 tries');
    const res = await post('/tfa/provider/u2fkey/authentication-challenge', { username: 'adminboss', password: PASSWORD });
    expect(res.body).toEqual({ message: 'Provider is not allowed.' });
  });
});
