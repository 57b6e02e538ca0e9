import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { runCli } from '../../app/cli/program';
import { CONFIG_TABLE } from '../../app/config/config-service';
import { createHttpApp } from '../../app/http/http-app';
import { startServer } from '../../app/http/server';
import { KernelError } from '../../app/kernel/errors';
import { createLogger } from '../../app/log/logger';
import { createTestDatabase } from '../../app/testing/test-database';
import type { TestApp } from '../../app/testing/test-app';
import type { DbSettings } from '../../app/kernel/env';
import { BASE_URL_PATHS, StoreApi } from '../../modules/store/api';
import { createSecurityTestApp, withStderr } from './security-test-app';

const SCOPES = [
  { scope: 'default', code: undefined },
  { scope: 'websites', code: 'base' },
  { scope: 'stores', code: 'fr' },
] as const;

async function addFrenchView(app: TestApp): Promise<number> {
  const view = await app.get(StoreApi.StoreManager).createStoreView({
    code: 'fr',
    name: 'Français',
    settings: { locale: 'fr_FR', currency: 'EUR', timezone: 'Europe/Paris', baseUrl: 'https://shop.example/fr/', secureBaseUrl: 'https://shop.example/fr/' },
  });
  return view.id;
}

/** What a person does by hand in the database: the founding story's fr view falling back to http. */
async function seedHttpUrl(app: TestApp, storeId: number, url = 'http://shop.example/fr/'): Promise<void> {
  await app.db.knex(CONFIG_TABLE).where({ scope: 'stores', scope_id: storeId, path: 'web/secure/base_url' }).update({ value: url });
  app.config.clearCache();
}

describe('TLS-01 every base, link, static and media URL is https in every scope', () => {
  let app: TestApp;
  let frId: number;

  beforeAll(async () => {
    app = await createSecurityTestApp();
    frId = await addFrenchView(app);
  });
  afterAll(() => app?.close());

  it('TLS-01 ConfigService.set refuses an http URL for every URL path at every scope, fr view included, with a clear error', async () => {
    for (const path of BASE_URL_PATHS) {
      for (const { scope, code } of SCOPES) {
        await expect(app.config.set(path, 'http://shop.example/fr/', { scope, code })).rejects.toThrow(
          new KernelError(`Invalid value for "${path}": "http://shop.example/fr/" must use https: plain http would expose customer data in transit (TLS-01)`, 'CONFIG_INVALID_VALUE'),
        );
      }
    }
    expect(await app.config.getForStore('web/secure/base_url', 'fr')).toBe('https://shop.example/fr/');
  });

  it('TLS-01 config:set (CLI) refuses it for the fr view and exits 1', async () => {
    const { result, stderr } = await withStderr(() => runCli(['config:set', '--scope=stores', '--scope-code=fr', 'web/secure/base_url', 'http://shop.example/fr/'], { root: app.root, out: () => undefined }));
    expect(result).toBe(1);
    expect(stderr).toMatch(/Invalid value for "web\/secure\/base_url": "http:\/\/shop\.example\/fr\/" must use https/);
    const locked = await withStderr(() => runCli(['config:set', '--lock-env', '--scope=stores', '--scope-code=fr', 'web/unsecure/base_url', 'http://shop.example/fr/'], { root: app.root, out: () => undefined }));
    expect(locked.result).toBe(1);
    expect(locked.stderr).toMatch(/must use https/);
  });

  it('TLS-01 store:create refuses --base-url http and creates nothing', async () => {
    const { result, stderr } = await withStderr(() =>
      runCli(['store:create', '--type', 'view', '--code', 'de', '--name', 'Deutsch', '--locale', 'de_DE', '--base-url', 'http://shop.example/de/'], { root: app.root, out: () => undefined }),
    );
    expect(result).toBe(1);
    expect(stderr).toMatch(/--base-url: "http:\/\/shop\.example\/de\/" must use https/);
    expect(await app.get(StoreApi.StoreRepository).getStoreView('de')).toBeUndefined();
    await expect(app.get(StoreApi.StoreManager).createStoreView({ code: 'de', name: 'Deutsch', settings: { secureBaseMediaUrl: 'http://cdn.example/' } })).rejects.toThrow(/must use https/);
    expect(await app.get(StoreApi.StoreRepository).getStoreView('de')).toBeUndefined();
  });

  it('TLS-01 a REST write path refuses it with 400 and the same clear message', async () => {
    const rest = await createSecurityTestApp({ modules: ['Comptoir_Store', 'Comptoir_WebSecurity', 'Fixture_ConfigApi'] });
    try {
      await addFrenchView(rest);
      const res = await request(createHttpApp(rest)).put('/rest/V1/fixture/config').send({ path: 'web/secure/base_url', value: 'http://shop.example/fr/', scope: 'stores', code: 'fr' });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ message: 'Invalid value for "web/secure/base_url": "http://shop.example/fr/" must use https: plain http would expose customer data in transit (TLS-01)' });
      expect(await rest.config.getForStore('web/secure/base_url', 'fr')).toBe('https://shop.example/fr/');
    } finally {
      await rest.close();
    }
  });

  describe('a value slipped into core_config_data by hand', () => {
    it('TLS-01 stops a production boot, naming the scope and the path', async () => {
      const production = await createSecurityTestApp({ env: (e) => ({ ...e, mode: 'production', http: { ...e.http, trustedProxies: ['loopback'] } }) });
      try {
        await seedHttpUrl(production, await addFrenchView(production));
        const refused = startServer(production, { host: '127.0.0.1', port: 0 });
        await expect(refused).rejects.toThrow(KernelError);
        await expect(refused).rejects.toThrow(/Refusing to start in production: 1 configuration value\(s\) are invalid:\n {2}- stores "fr" \(id \d+\) web\/secure\/base_url: Stored value for "web\/secure\/base_url" at stores scope is invalid: "http:\/\/shop\.example\/fr\/" must use https/);
        // The CLI's `serve` (what `npm start` runs) exits 1 with the same message.
        const { result, stderr } = await withStderr(() => runCli(['serve', '--port', '0'], { root: production.root, out: () => undefined }));
        expect(result).toBe(1);
        expect(stderr).toMatch(/Refusing to start in production[\s\S]*stores "fr"[\s\S]*web\/secure\/base_url/);
      } finally {
        await production.close();
      }
    });

    it('TLS-01 developer mode reports it at error level on stderr and keeps serving', async () => {
      const lines: string[] = [];
      const logger = createLogger({ level: 'info', destination: new Writable({ write: (c, _e, done) => (lines.push(String(c)), done()) }) as never });
      const developer = await createSecurityTestApp({ logger });
      try {
        await seedHttpUrl(developer, await addFrenchView(developer));
        const running = await startServer(developer, { host: '127.0.0.1', port: 0 });
        try {
          const res = await fetch(`${running.url}graphql?query=${encodeURIComponent('{ storeConfig { store_code } }')}`);
          expect(await res.json()).toEqual({ data: { storeConfig: { store_code: 'default' } } });
        } finally {
          await running.close();
        }
        const errors = lines.map((l) => JSON.parse(l)).filter((e) => e.level === 50);
        expect(errors).toHaveLength(1);
        expect(errors[0].msg).toMatch(/^INVALID CONFIGURATION: 1 value\(s\) fail validation; production mode would refuse to start:\n {2}- stores "fr" \(id \d+\) web\/secure\/base_url/);
        expect(errors[0].invalidConfig).toEqual([{ scope: 'stores', scopeCode: 'fr', path: 'web/secure/base_url', source: 'db' }]);
      } finally {
        await developer.close();
      }
      // The kernel's logger writes to file descriptor 2.
      expect((createLogger() as unknown as Record<symbol, { fd?: number }>)[pino.symbols.streamSym].fd).toBe(2);
    });

    it('TLS-01 an http URL in a CONFIG__ variable stops a production boot too', async () => {
      const production = await createSecurityTestApp({ env: (e) => ({ ...e, mode: 'production', http: { ...e.http, trustedProxies: ['loopback'] } }) });
      process.env.CONFIG__STORES__DEFAULT__WEB__UNSECURE__BASE_LINK_URL = 'http://shop.example/';
      production.config.clearCache();
      try {
        await expect(startServer(production, { host: '127.0.0.1', port: 0 })).rejects.toThrow(/stores "default" web\/unsecure\/base_link_url \[etc\/env\.json or CONFIG__ variable\]: .*must use https/);
      } finally {
        delete process.env.CONFIG__STORES__DEFAULT__WEB__UNSECURE__BASE_LINK_URL;
        await production.close();
      }
    });
  });
});

describe('TLS-01 setup:install refuses http base URLs before writing anything', () => {
  let root: string;
  let db: { settings: DbSettings; drop: () => Promise<void> };

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-tls01-'));
    db = await createTestDatabase(root);
  });
  afterAll(async () => {
    await db.drop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it.each([
    ['--base-url=http://shop.example/', /--base-url: Invalid value for "web\/unsecure\/base_url": "http:\/\/shop\.example\/" must use https/],
    ['--base-url-secure=http://shop.example/', /--base-url-secure: Invalid value for "web\/secure\/base_url"/],
  ])('TLS-01 %s', async (flag, message) => {
    const url = db.settings.client === 'sqlite' ? `sqlite:${path.relative(root, db.settings.filename)}` : `mysql://${db.settings.user}@${db.settings.host}:${db.settings.port}/${db.settings.database}`;
    const { result, stderr } = await withStderr(() => runCli(['setup:install', `--db-url=${url}`, flag], { root, out: () => undefined }));
    expect(result).toBe(1);
    expect(stderr).toMatch(/^Installation refused, nothing was written/);
    expect(stderr).toMatch(message);
    expect(fs.existsSync(path.join(root, 'etc', 'env.json'))).toBe(false);
  });
});

describe('TLS-01 the storefront keeps serving https URLs for the other views', () => {
  it('TLS-01 a refused write leaves the fr view as it was (GraphQL)', async () => {
    const app = await createSecurityTestApp();
    try {
      await addFrenchView(app);
      await expect(app.config.set('web/secure/base_url', 'http://shop.example/fr/', { scope: 'stores', code: 'fr' })).rejects.toThrow();
        const res = await request(createHttpApp(app)).post('/graphql').set('Store', 'fr').send({ query: '{ storeConfig { secure_base_url base_url } }' });
      expect(res.body).toEqual({ data: { storeConfig: { secure_base_url: 'https://shop.example/fr/', base_url: 'https://shop.example/fr/' } } });
    } finally {
      await app.close();
    }
  });
});
