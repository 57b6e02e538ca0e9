import { SignJWT } from 'jose';
import request from 'supertest';
import { createHttpApp } from '../../../app/http/http-app';
import type { FakeClock } from '../../../app/kernel/clock';
import type { TestApp } from '../../../app/testing/test-app';
import { SecurityApi, cliActor } from '../../security/api';
import { UserApi } from '../api';
import { UserTable } from '../model/user-tables';
import { PASSWORD, adminInput, createUserTestApp } from './user-test-app';

describe('admin tokens without the two-factor module', () => {
  let app: TestApp;
  let clock: FakeClock;

  beforeAll(async () => {
    ({ app, clock } = await createUserTestApp());
    await app.get(UserApi.AdminUserManager).create(adminInput('solo'), cliActor());
  });
  afterAll(() => app?.close());

  it('AUTH-03 POST /V1/integration/admin/token gives no token for a password alone, and says why', async () => {
    const res = await request(createHttpApp(app)).post('/rest/V1/integration/admin/token').send({ username: 'adminsolo', password: PASSWORD });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ message: 'Two-factor authentication is required to sign in, and no two-factor module is enabled: enable Comptoir_TwoFactorAuth.' });
    expect(Number((await app.db.knex(UserTable.token).count({ n: '*' }).first())?.n)).toBe(0);
  });

  it('stores only a token id server-side, never the JWT, and checks its claims', async () => {
    const user = await app.get(UserApi.AdminUserManager).getByUsername('adminsolo');
    const issued = await app.get(UserApi.AdminTokenService).issue(user!.id, { provider: 'test' }, cliActor());
    const rows = JSON.stringify(await app.db.knex(UserTable.token).select());
    expect(rows).toContain(issued.tokenId);
    expect(rows).not.toContain(issued.token);
    expect(issued.expiresAt.getTime() - clock.now().getTime()).toBe(60 * 60_000);
    const check = await app.get(UserApi.AdminTokenService).check(issued.token);
    expect(check).toEqual({ ok: true, principal: { type: 'admin', id: user!.id, username: 'adminsolo', tokenId: issued.tokenId, roleId: 1 } });
    // Same keys, right claims, but no server-side row: refused.
    const key = app.env.auth!.jwtKeys.at(-1)!;
    const now = Math.floor(clock.now().getTime() / 1000);
    const minted = await new SignJWT({ utypid: 2 })
      .setProtectedHeader({ alg: 'HS256', kid: key.kid })
      .setIssuer('comptoir')
      .setAudience('comptoir:admin')
      .setSubject(String(user!.id))
      .setJti('00000000-0000-4000-8000-000000000000')
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(new Uint8Array(Buffer.from(key.secret, 'base64')));
    expect(await app.get(UserApi.AdminTokenService).check(minted)).toMatchObject({ ok: false, problem: 'invalid' });
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${issued.token.split('.')[1]}.`;
    expect(await app.get(UserApi.AdminTokenService).check(none)).toMatchObject({ ok: false, problem: 'invalid' });
  });

  it('AUTH-05 revokes every admin token at once (lockdown) and audits it', async () => {
    const user = await app.get(UserApi.AdminUserManager).getByUsername('adminsolo');
    const a = await app.get(UserApi.AdminTokenService).issue(user!.id, { provider: 'test' }, cliActor());
    expect(await app.get(UserApi.AdminTokenService).revokeAll(cliActor(), 'lockdown')).toBeGreaterThanOrEqual(1);
    expect(await app.get(UserApi.AdminTokenService).check(a.token)).toMatchObject({ ok: false, problem: 'revoked' });
    const [entry] = await app.get(SecurityApi.AuditLog).list({ event: 'admin_token_revoke', resourceId: 'all' });
    expect(entry).toMatchObject({ actorType: 'cli', details: { reason: 'lockdown', count: expect.any(Number) } });
  });

  it('refuses a token of a deactivated or locked account', async () => {
    const user = await app.get(UserApi.AdminUserManager).getByUsername('adminsolo');
    const t = await app.get(UserApi.AdminTokenService).issue(user!.id, { provider: 'test' }, cliActor());
    await app.db.knex(UserTable.user).where({ user_id: user!.id }).update({ is_active: false });
    expect(await app.get(UserApi.AdminTokenService).check(t.token)).toMatchObject({ ok: false, problem: 'inactive', message: 'The admin account is inactive or locked.' });
    await app.db.knex(UserTable.user).where({ user_id: user!.id }).update({ is_active: true });
  });
});
