import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Application } from '../kernel/application';
import { boot, type BootOptions } from '../kernel/boot';
import { Encryptor } from '../crypto/encryptor';
import { buildEnv, generateAuthKeys, type EnvConfig } from '../kernel/env';
import { install, type InstallOptions } from '../setup/installer';
import { createTestDatabase } from './test-database';

export interface TestAppOptions extends Omit<BootOptions, 'env' | 'root'> {
  /** Adjust the generated env (mode, queue, system overrides…). */
  env?: (env: EnvConfig) => EnvConfig;
  /** Options for the installer (base URLs, sample data…). */
  install?: Partial<InstallOptions>;
}

export interface TestApp extends Application {
  /** Project root of this test: its own etc/ and var/. */
  readonly root: string;
}

/**
 * A fully installed application on a throwaway database (SQLite, or MariaDB when COMPTOIR_TEST_DB says so) and its own
 * project folder. close() drops the database and the folder.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-test-'));
  const database = await createTestDatabase(root);
  let env: EnvConfig = buildEnv({
    mode: 'developer',
    db: database.settings,
    crypt: { keys: [Encryptor.generateKey()] },
    auth: generateAuthKeys(),
    http: { host: '127.0.0.1', port: 0, trustedProxies: [], bodyLimit: '256kb' },
    mail: { from: 'Comptoir Tests <tests@localhost>' },
  });
  if (options.env) env = options.env(env);
  try {
    await install({ root, env, modules: options.modules, moduleDirs: options.moduleDirs, packagesRoot: options.packagesRoot ?? false, quiet: true, ...options.install });
    const app = (await boot({ ...options, root, env, packagesRoot: options.packagesRoot ?? false })) as TestApp;
    Object.defineProperty(app, 'root', { value: root });
    app.onClose(async () => {
      await database.drop();
      fs.rmSync(root, { recursive: true, force: true });
    });
    return app;
  } catch (err) {
    await database.drop().catch(() => undefined);
    fs.rmSync(root, { recursive: true, force: true });
    throw err;
  }
}
