import type express from 'express';
import request from 'supertest';
import { hardenSetCookie } from '../../app/http/cookie-policy';
import { createHttpApp } from '../../app/http/http-app';
import type { TestApp } from '../../app/testing/test-app';
import { createSecurityTestApp } from './security-test-app';

const STRICT = 'Path=/; Secure; HttpOnly; SameSite=Strict';

describe('TLS-06 every cookie is Secure, HttpOnly, SameSite and __Host- prefixed', () => {
  let app: TestApp;
  let web: express.Express;

  beforeAll(async () => {
    app = await createSecurityTestApp({ modules: ['Comptoir_Store', 'Comptoir_WebSecurity', 'Fixture_CookieJar'] });
    web = createHttpApp(app);
  });
  afterAll(() => app?.close());

  const cookiesOf = async (path: string) => (await request(web).get(path)).headers['set-cookie'] as unknown as string[] | undefined;

  it('TLS-06 hardens express res.cookie: no Domain, Path=/, Secure, HttpOnly, SameSite=Strict instead of None', async () => {
    const [cookie] = (await cookiesOf('/cookies/express'))!;
    expect(cookie).toMatch(/^__Host-session=abc; Path=\/; Max-Age=60; Expires=[^;]+; Secure; HttpOnly; SameSite=Strict$/);
  });

  it('TLS-06 keeps SameSite=Lax when asked', async () => {
    expect(await cookiesOf('/cookies/lax')).toEqual(['__Host-pref=fr; Path=/; Secure; HttpOnly; SameSite=Lax']);
  });

  it('TLS-06 hardens cookies written with setHeader, appendHeader and writeHead (object and raw forms)', async () => {
    expect(await cookiesOf('/cookies/set-header')).toEqual([`__Host-a=1; ${STRICT}`, `__Host-b=2; ${STRICT}`]);
    expect(await cookiesOf('/cookies/append')).toEqual([`__Host-c=3; ${STRICT}`]);
    expect(await cookiesOf('/cookies/write-head')).toEqual([`__Host-d=4; ${STRICT}`]);
    expect(await cookiesOf('/cookies/raw-write-head')).toEqual([`__Host-e=5; ${STRICT}`]);
  });

  it('TLS-06 refuses a cookie without the __Host- prefix: the request fails and no cookie leaves', async () => {
    const res = await request(web).get('/cookies/weak');
    expect(res.status).toBe(500);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.body).toEqual({ message: 'Internal server error', debug: expect.objectContaining({ message: expect.stringMatching(/^Cookie "sid" refused \(TLS-06\)/) }) });
  });

  it('TLS-06 hardenSetCookie keeps the value and Expires/Max-Age, drops what __Host- forbids', () => {
    expect(hardenSetCookie('__Host-x=a=b; Domain=x.example; Path=/p; Expires=Wed, 21 Oct 2026 07:28:00 GMT; SameSite=None; Partitioned')).toBe(
      '__Host-x=a=b; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Partitioned; Secure; HttpOnly; SameSite=Strict',
    );
    expect(() => hardenSetCookie('__Secure-x=1')).toThrow(/must start with __Host-/);
  });
});
