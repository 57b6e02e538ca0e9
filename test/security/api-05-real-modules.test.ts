import type express from 'express';
import request from 'supertest';
import { createHttpApp } from '../../app/http/http-app';
import type { TestApp } from '../../app/testing/test-app';
import { rateLimitPath } from '../../modules/web-security/api';
import { createSecurityTestApp } from './security-test-app';

/** The limits meet the real modules' operations, not only fixtures: the customer login and the admin token route. */
describe('API-05 rate limits on the modules that serve the operations', () => {
  let app: TestApp;
  let web: express.Express;

  beforeAll(async () => {
    app = await createSecurityTestApp({
      modules: ['Comptoir_Store', 'Comptoir_Directory', 'Comptoir_Customer', 'Comptoir_Security', 'Comptoir_User', 'Comptoir_TwoFactorAuth', 'Comptoir_WebSecurity'],
    });
    await app.config.set(rateLimitPath('customer_login', 'per_account'), 3);
    await app.config.set(rateLimitPath('admin_token', 'per_account'), 2);
    web = createHttpApp(app);
  });
  afterAll(() => app?.close());

  it("API-05 Comptoir_Customer's generateCustomerToken: refused with 429 past the per-account limit, before the customer module answers", async () => {
    const login = () => request(web).post('/graphql').send({ query: 'mutation { generateCustomerToken(email: "nobody@example.com", password: "Wrong-passw0rd") { token } }' });
    for (let i = 0; i < 3; i++) {
      const res = await login();
      expect(res.status).toBe(200);
      expect(res.body.errors[0].extensions.category).toBe('graphql-authentication');
    }
    const refused = await login();
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0]).toEqual({ message: expect.stringMatching(/^Too many requests \(customer login\)/), extensions: { category: 'graphql-input' } });
  });

  it("API-05 Comptoir_User's POST /V1/integration/admin/token: refused with 429 past the per-account limit", async () => {
    const token = () => request(web).post('/rest/V1/integration/admin/token').send({ username: 'admin', password: 'not-the-password-1' });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await token()).status);
    expect(statuses.slice(0, 2).every((s) => s === 401)).toBe(true);
    expect(statuses[2]).toBe(429);
  });
});
