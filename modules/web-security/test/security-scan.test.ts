import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { generate } from 'selfsigned';
import { Kernel, type LoadedModule } from '../../../app';
import { runCli } from '../../../app/testing/cli-runner';
import { CONFIG_TABLE } from '../../../app/config/config-service';
import { createHttpApp } from '../../../app/http/http-app';
import type { AdminAuthorizer } from '../../../app/http/admin-authorizer';
import type { TestApp } from '../../../app/testing/test-app';
import { StoreApi } from '../../store/api';
import { rateLimitPath, WebSecurityApi, WebSecurityConfigPath, type SecurityFinding, type SecurityScanReport } from '../api';
import { twoFactorCheck } from '../scan/checks/features.check';
import type { ScanContext } from '../scan/scan-context';
import { createWebSecurityTestApp } from './web-security-test-app';

const allowAll: AdminAuthorizer = { authorize: async () => ({ allowed: true, principal: { type: 'admin', id: 1 } }) };
const scan = (app: TestApp): Promise<SecurityScanReport> => app.get(WebSecurityApi.SecurityScanner).scan({ httpHandler: createHttpApp(app) });
const find = (report: SecurityScanReport, check: string, where?: RegExp) => report.findings.filter((f) => f.check === check && (!where || where.test(f.where ?? '')));

describe('security:scan on a developer installation', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createWebSecurityTestApp({ modules: ['Comptoir_Store', 'Comptoir_WebSecurity'], overrides: (bind) => bind(Kernel.AdminAuthorizer).toConstantValue(allowAll) });
    await app.get(StoreApi.StoreManager).createStoreView({ code: 'fr', name: 'French', settings: { locale: 'fr_FR', secureBaseUrl: 'https://shop.example/fr/', baseUrl: 'https://shop.example/fr/' } });
  });
  afterAll(() => app?.close());

  it('reports introspection (developer mode), 2FA absent, per-process rate limits and no admin panel, nothing critical', async () => {
    const report = await scan(app);
    expect(report.critical).toBe(false);
    expect(find(report, 'graphql.introspection')).toEqual([expect.objectContaining({ severity: 'medium', requirement: 'API-04' })]);
    expect(find(report, 'auth.two_factor')).toEqual([expect.objectContaining({ severity: 'low', requirement: 'AUTH-03' })]);
    expect(find(report, 'rate_limit')).toEqual([expect.objectContaining({ severity: 'info', where: 'etc/env.json redis' })]);
    expect(find(report, 'admin.default_path')).toEqual([expect.objectContaining({ severity: 'info' })]);
    expect(find(report, 'tls.headers')).toEqual([]);
    expect(find(report, 'tls.transport')).toEqual([]);
    expect(find(report, 'keys')).toEqual([]);
    expect(find(report, 'tls.insecure_url')).toEqual([]);
  });

  it('TLS-01 reports an http URL stored by hand for the fr view as critical, naming scope and path, and the CLI exits 2', async () => {
    const fr = (await app.get(StoreApi.StoreRepository).getStoreView('fr'))!;
    await app.db.knex(CONFIG_TABLE).where({ scope: 'stores', scope_id: fr.id, path: 'web/secure/base_url' }).update({ value: 'http://shop.example/fr/' });
    app.config.clearCache();
    try {
      const report = await scan(app);
      expect(find(report, 'tls.insecure_url')).toEqual([
        expect.objectContaining({ severity: 'critical', requirement: 'TLS-01', where: 'stores/fr web/secure/base_url', fix: 'comptoir config:set --scope=stores --scope-code=fr web/secure/base_url https://…/' }),
      ]);
      expect(report.critical).toBe(true);
      expect(report.findings[0].severity).toBe('critical');
      const out: string[] = [];
      expect(await runCli(['security:scan'], { root: app.root, out: (l) => out.push(l) })).toBe(2);
      expect(out[0]).toMatch(/^Security scan \(developer mode, .*\): 1 critical, 0 high, 1 medium, 1 low, 2 info$/);
      expect(out.join('\n')).toMatch(/CRITICAL  TLS-01  tls\.insecure_url\n  The database \(core_config_data\) holds an http URL \(http:\/\/shop\.example\/fr\/\)/);
      const json: string[] = [];
      expect(await runCli(['security:scan', '--json'], { root: app.root, out: (l) => json.push(l) })).toBe(2);
      expect(JSON.parse(json.join('\n')).counts).toEqual({ critical: 1, high: 0, medium: 1, low: 1, info: 2 });
    } finally {
      await app.config.set('web/secure/base_url', 'https://shop.example/fr/', { scope: 'stores', code: 'fr' });
    }
    expect(await runCli(['security:scan'], { root: app.root, out: () => undefined })).toBe(0);
  });

  it('TLS-01 reports http URLs from etc/env.json system values and CONFIG__ variables', async () => {
    process.env.CONFIG__STORES__FR__WEB__UNSECURE__BASE_MEDIA_URL = 'http://cdn.example/fr/';
    // The env object is the one the config service reads: what etc/env.json `system` would hold.
    app.env.system.websites = { base: { web: { secure: { base_static_url: 'http://static.example/' } } } };
    app.config.clearCache();
    try {
      const report = await scan(app);
      expect(find(report, 'tls.insecure_url').map((f) => f.where).sort()).toEqual(['stores/fr web/unsecure/base_media_url', 'websites/base web/secure/base_static_url']);
      expect(find(report, 'tls.insecure_url', /media/)[0].message).toMatch(/CONFIG__STORES__FR__WEB__UNSECURE__BASE_MEDIA_URL/);
      expect(find(report, 'tls.insecure_url', /static/)[0].message).toMatch(/etc\/env\.json `system`/);
    } finally {
      delete process.env.CONFIG__STORES__FR__WEB__UNSECURE__BASE_MEDIA_URL;
      delete app.env.system.websites;
      app.config.clearCache();
    }
  });

  it('API-05 reports rate limits switched off (high) and a checkout group at zero', async () => {
    await app.config.set(rateLimitPath('checkout', 'per_ip'), 0);
    await app.config.set(rateLimitPath('checkout', 'per_account'), 0);
    let report = await scan(app);
    expect(find(report, 'rate_limit', /checkout/)).toEqual([expect.objectContaining({ severity: 'high', requirement: 'PAY-05' })]);
    await app.config.set(WebSecurityConfigPath.RateLimitEnabled, false);
    report = await scan(app);
    expect(find(report, 'rate_limit')).toEqual([expect.objectContaining({ severity: 'high', requirement: 'API-05', message: expect.stringMatching(/Rate limits are off/) })]);
    await app.config.set(WebSecurityConfigPath.RateLimitEnabled, true);
    await app.config.delete(rateLimitPath('checkout', 'per_ip'));
    await app.config.delete(rateLimitPath('checkout', 'per_account'));
  });

  it('is an admin REST endpoint (GET /V1/security/scan), denied without the ACL resource', async () => {
    const res = await request(createHttpApp(app)).get('/rest/V1/security/scan');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ mode: 'developer', critical: false, counts: { critical: 0 } });
    expect(res.headers['cache-control']).toBe('no-store');
    app.container.rebind(Kernel.AdminAuthorizer as never).toConstantValue({ authorize: async () => ({ allowed: false, status: 401, message: "The consumer isn't authorized to access Comptoir_WebSecurity::security_scan." }) } as never);
    try {
      const denied = await request(createHttpApp(app)).get('/rest/V1/security/scan');
      expect(denied.status).toBe(401);
    } finally {
      app.container.rebind(Kernel.AdminAuthorizer as never).toConstantValue(allowAll as never);
    }
  });
});

describe('security:scan on a production installation with weak settings', () => {
  let app: TestApp;
  const zeroKey = Buffer.alloc(32).toString('base64');
  const shortJwt = Buffer.from('changeme').toString('base64');

  beforeAll(async () => {
    app = await createWebSecurityTestApp({
      modules: ['Comptoir_Store', 'Comptoir_WebSecurity'],
      env: (e) => ({
        ...e,
        mode: 'production',
        crypt: { keys: [e.crypt.keys[0], e.crypt.keys[0], zeroKey] },
        auth: { jwtKeys: [{ kid: 'a', secret: shortJwt }, { kid: 'b', secret: e.crypt.keys[0] }] },
      }),
    });
  });
  afterAll(() => app?.close());

  it('TLS-04 reports production without TLS (no certificate, no trusted proxy) as critical', async () => {
    const report = await scan(app);
    expect(find(report, 'tls.transport')).toEqual([expect.objectContaining({ severity: 'critical', requirement: 'TLS-04', where: 'etc/env.json http' })]);
    expect(find(report, 'graphql.introspection')).toEqual([]);
  });

  it('reports default, weak and reused keys', async () => {
    const keys = find(await scan(app), 'keys').map((f: SecurityFinding) => `${f.severity} ${f.where}`);
    expect(keys.sort()).toEqual(
      [
        'critical etc/env.json crypt.keys[2]',
        'high etc/env.json crypt.keys[1]',
        'critical etc/env.json auth.jwtKeys[0] (kid a)',
        'high etc/env.json auth.jwtKeys[1] (kid b)',
      ].sort(),
    );
  });

  it('TLS-02 probes the headers even though production refuses plain HTTP: refusals carry HSTS too', async () => {
    expect(find(await scan(app), 'tls.headers')).toEqual([]);
  });
});

describe('security:scan on a deployment running in developer mode', () => {
  let app: TestApp;
  let certDir: string;

  beforeAll(async () => {
    certDir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'comptoir-scan-tls-'));
    const expired = await generate([{ name: 'commonName', value: 'shop.example' }], { notBeforeDate: new Date('2020-01-01'), notAfterDate: new Date('2021-01-01'), keyType: 'ec' });
    fs.writeFileSync(path.join(certDir, 'cert.pem'), expired.cert);
    fs.writeFileSync(path.join(certDir, 'key.pem'), expired.private);
    app = await createWebSecurityTestApp({
      modules: ['Comptoir_Store', 'Comptoir_WebSecurity', 'Fixture_WeakHeaders'],
      env: (e) => ({ ...e, http: { ...e.http, host: '0.0.0.0', trustedProxies: ['uniquelocal'], tls: { cert: path.join(certDir, 'cert.pem'), key: path.join(certDir, 'key.pem') } } }),
    });
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(certDir, { recursive: true, force: true });
  });

  it('reports developer mode on a non-loopback address as critical (mode=developer, http.host 0.0.0.0)', async () => {
    const report = await scan(app);
    expect(find(report, 'tls.transport', /mode/)).toEqual([expect.objectContaining({ severity: 'critical', message: expect.stringMatching(/developer mode while listening on 0\.0\.0\.0/i) })]);
  });

  it('TLS-04 reports an expired certificate, and TLS-03 a trusted proxy range that is too broad', async () => {
    const report = await scan(app);
    expect(find(report, 'tls.transport', /cert\.pem/)).toEqual([expect.objectContaining({ severity: 'critical', requirement: 'TLS-04', message: expect.stringMatching(/expired/) })]);
    expect(find(report, 'tls.transport', /trustedProxies/)).toEqual([expect.objectContaining({ severity: 'medium', requirement: 'TLS-03' })]);
  });

  it('TLS-02 reports HSTS off on every probed answer when a module strips it', async () => {
    const hsts = find(await scan(app), 'tls.headers');
    expect(hsts.map((f) => `${f.severity} ${f.where}`)).toEqual(['high /graphql?query=%7B__typename%7D', 'high /rest/V1/store/storeViews', 'high /no-such-path']);
    expect(hsts[0].message).toBe('HSTS is off: no Strict-Transport-Security header');
  });
});

describe('AUTH-03 the two-factor check', () => {
  const ctx = (names: string[]) => ({ modules: names.map((name) => ({ manifest: { name } }) as LoadedModule) }) as ScanContext;

  it('AUTH-03 is critical when admin accounts exist without the two-factor module, and silent with it', async () => {
    expect(await twoFactorCheck.run(ctx(['Comptoir_Store', 'Comptoir_User']))).toEqual([expect.objectContaining({ severity: 'critical', requirement: 'AUTH-03' })]);
    expect(await twoFactorCheck.run(ctx(['Comptoir_User', 'Comptoir_TwoFactorAuth']))).toEqual([]);
  });
});
