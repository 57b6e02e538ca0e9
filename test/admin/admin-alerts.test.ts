import request from 'supertest';
import type { EventName } from '../../app';
import { SecurityApi, cliActor } from '../../modules/security/api';
import { TfaApi } from '../../modules/two-factor-auth/api';
import { UserApi } from '../../modules/user/api';
import { PASSWORD, bearer, createAdmin, createTfaTestApp, deliverMail, signIn, stepUp, type TfaTestApp } from '../../modules/two-factor-auth/test/tfa-test-kit';
import { createTestModuleDirs } from './event-spy';

/** Issue point 5: creating an admin, changing or resetting 2FA and unlocking an account → event, audit entry, mail to the other admins. */
describe('admin security alerts', () => {
  let t: TfaTestApp;
  let token: string;
  let seen: (name: EventName) => unknown[];
  let dispose: () => void;

  beforeAll(async () => {
    const spy = createTestModuleDirs();
    t = await createTfaTestApp({ extraModules: ['Test_AdminEventSpy'], moduleDirs: spy.dirs });
    seen = spy.seen;
    dispose = spy.dispose;
    await createAdmin(t.app, 'alice');
    await createAdmin(t.app, 'bob');
    token = await signIn(t, 'adminalice');
    await deliverMail(t.app);
  });
  afterAll(async () => {
    await t?.app.close();
    dispose?.();
  });

  /** Mail is told apart by message id: file names only order it to the millisecond. */
  const newMails = async (since: Set<string>) => (await deliverMail(t.app)).filter((m) => !since.has(m.messageId));
  const mailCount = async () => new Set((await deliverMail(t.app)).map((m) => m.messageId));

  it('creating an admin over REST: event, audit entry, and a mail to every other active admin', async () => {
    const before = await mailCount();
    await stepUp(t, token);
    const res = await request(t.web).post('/rest/V1/admin/users').set(bearer(token)).set('X-Forwarded-For', '10.9.9.9').send({ username: 'carol', firstname: 'Carol', lastname: 'C', email: 'carol@example.com', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(seen('admin_user_create_after')).toEqual(expect.arrayContaining([expect.objectContaining({ user: expect.objectContaining({ username: 'carol' }), actor: expect.objectContaining({ type: 'admin', name: 'adminalice', channel: 'rest' }) })]));
    const [entry] = await t.app.get(SecurityApi.AuditLog).list({ event: 'admin_user_create', resourceId: res.body.id });
    expect(entry).toMatchObject({ actorType: 'admin', actorName: 'adminalice', outcome: 'success', channel: 'rest', details: { username: 'carol', email: 'carol@example.com', role: 'Administrators' } });
    expect(entry.ip).toBeTruthy();
    const mails = await newMails(before);
    expect(mails.map((m) => m.to).sort()).toEqual(['adminalice@example.com', 'adminbob@example.com']);
    for (const mail of mails) {
      expect(mail.subject).toBe('[Security alert] A new admin account was created');
      expect(mail.text).toContain('"carol" (Carol C, carol@example.com) with role "Administrators" was created by admin adminalice');
      expect(mail.text).not.toContain(PASSWORD);
    }
  });

  it('resetting 2FA over REST (step-up required): tokens revoked, event, audit entry, mail; an unknown provider is refused', async () => {
    const bob = await t.app.get(UserApi.AdminUserManager).getByUsername('adminbob');
    const bobToken = await signIn(t, 'adminbob');
    await stepUp(t, token);
    const unknown = await request(t.web).post('/rest/V1/tfa/reset').set(bearer(token)).send({ user_id: bob!.id, provider: 'sms' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({ message: 'Unknown provider "sms". Known providers: google, u2fkey.' });
    const before = await mailCount();
    const res = await request(t.web).post('/rest/V1/tfa/reset').set(bearer(token)).send({ user_id: bob!.id, provider: 'google' });
    expect(res.status).toBe(200);
    expect((await request(t.web).get('/rest/V1/admin/users').set(bearer(bobToken))).status).toBe(401);
    expect(seen('tfa_provider_reset_after')).toEqual([expect.objectContaining({ provider: 'google', change: 'reset', user: expect.objectContaining({ username: 'adminbob' }) })]);
    expect(await t.app.get(SecurityApi.AuditLog).list({ event: 'tfa_provider_reset' })).toEqual([expect.objectContaining({ actorName: 'adminalice', resourceId: String(bob!.id), details: expect.objectContaining({ provider: 'google' }) })]);
    const mails = await newMails(before);
    expect(mails.map((m) => `${m.to}: ${m.subject}`)).toEqual(expect.arrayContaining(['adminalice@example.com: [Security alert] Two-factor authentication reset for adminbob', 'carol@example.com: [Security alert] Two-factor authentication reset for adminbob']));
    expect(mails.some((m) => m.to === 'adminbob@example.com')).toBe(false);
    const providers = await request(t.web).get(`/rest/V1/tfa/user-providers/${bob!.id}`).set(bearer(token));
    expect(providers.body).toEqual([
      { code: 'google', name: 'Google Authenticator', allowed: true, active: false },
      { code: 'u2fkey', name: 'U2F (WebAuthn security key or passkey)', allowed: false, active: false },
    ]);
  });

  it('changing 2FA (set-secret) and unlocking an account alert the other admins too', async () => {
    const before = await mailCount();
    const bob = await t.app.get(UserApi.AdminUserManager).getByUsername('adminbob');
    await t.app.get(TfaApi.Manager).setGoogleSecret(bob!.id, 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', cliActor());
    for (let i = 0; i < 6; i++) await request(t.web).post('/rest/V1/integration/admin/token').send({ username: 'adminbob', password: 'bad-password-1' });
    const unlock = await request(t.web).post(`/rest/V1/admin/users/${bob!.id}/unlock`).set(bearer(await signIn(t, 'adminalice')));
    expect(unlock.status).toBe(200);
    expect(seen('tfa_provider_activate_after')).toEqual(expect.arrayContaining([expect.objectContaining({ change: 'secret_set', actor: expect.objectContaining({ type: 'cli' }) })]));
    expect(seen('admin_user_unlock_after')).toHaveLength(1);
    const subjects = (await newMails(before)).filter((m) => m.to === 'adminalice@example.com').map((m) => m.subject);
    expect(subjects).toEqual(
      expect.arrayContaining([
        '[Security alert] Two-factor authentication changed for adminbob',
        '[Security alert] An admin account was locked',
        '[Security alert] An admin account was unlocked',
      ]),
    );
    expect((await t.app.get(SecurityApi.AuditLog).verify()).ok).toBe(true);
  });
});
