import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../app/cli/program';
import { readEnvFile } from '../../app/kernel/env';
import { readModuleList } from '../../app/module/module-list';
import { createTestDatabase } from '../../app/testing/test-database';
import type { DbSettings } from '../../app/kernel/env';

function dbUrl(settings: DbSettings, root: string): string {
  if (settings.client === 'sqlite') return `sqlite:${path.relative(root, settings.filename)}`;
  return `mysql://${settings.user}${settings.password ? ':' + settings.password : ''}@${settings.host}:${settings.port}/${settings.database}`;
}

describe('comptoir CLI', () => {
  let root: string;
  let drop: () => Promise<void>;
  let out: string[];
  let err: string[];
  const cli = async (...argv: string[]) => {
    out = [];
    err = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (err.push(String(chunk)), true));
    try {
      return await runCli(argv, { root, out: (line) => out.push(line) });
    } finally {
      spy.mockRestore();
    }
  };

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-cli-'));
    const db = await createTestDatabase(root);
    drop = db.drop;
    const code = await cli('setup:install', `--db-url=${dbUrl(db.settings, root)}`, '--base-url=https://shop.test/', '--base-url-secure=https://shop.test/', '--language=en_US', '--currency=USD', '--timezone=America/Chicago', '--use-secure=1', '--use-secure-admin=1');
    expect(err.join('')).toBe('');
    expect(code).toBe(0);
  });
  afterAll(async () => {
    await drop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('setup:install wrote etc/env.json with a generated key and registered the modules in load order', () => {
    const env = readEnvFile(path.join(root, 'etc'))!;
    expect(env.mode).toBe('developer');
    expect(Buffer.from(env.crypt.keys[0], 'base64')).toHaveLength(32);
    expect(readModuleList(path.join(root, 'etc'))!.modules).toMatchObject({ Comptoir_Store: 1 });
    expect(out.join('\n')).toMatch(/\[SUCCESS\]: Comptoir installation complete/);
  });

  it('config:show and config:set follow scopes and refuse bad values with a non-zero exit', async () => {
    expect(await cli('config:show', 'web/secure/base_url')).toBe(0);
    expect(out).toEqual(['web/secure/base_url - https://shop.test/']);
    expect(await cli('config:set', 'general/locale/code', 'fr_FR', '--scope=stores', '--scope-code=default')).toBe(0);
    expect(await cli('config:show', 'general/locale/code', '--scope=stores', '--scope-code=default')).toBe(0);
    expect(out).toEqual(['general/locale/code - fr_FR']);
    expect(await cli('config:set', 'general/locale/code', 'nonsense', '--scope=stores', '--scope-code=default')).toBe(1);
    expect(err.join('')).toMatch(/Invalid value for "general\/locale\/code"/);
    expect(await cli('config:set', 'no/such/path', 'x')).toBe(1);
    expect(err.join('')).toMatch(/The "no\/such\/path" path doesn't exist/);
    expect(await cli('config:set', 'general/locale/code', 'en_GB', '--scope=stores')).toBe(1);
    expect(err.join('')).toMatch(/--scope-code is required/);
  });

  it('module:status lists modules; module:disable refuses unknown names; module:enable says to run setup:upgrade', async () => {
    expect(await cli('module:status')).toBe(0);
    expect(out.join('\n')).toMatch(/List of enabled modules:\nComptoir_Store 1\.0\.0/);
    expect(await cli('module:disable', 'Vendor_Nope')).toBe(1);
    expect(err.join('')).toMatch(/Unknown module\(s\): Vendor_Nope/);
  });

  it('deploy:mode:set switches mode and refuses unknown modes', async () => {
    expect(await cli('deploy:mode:set', 'production')).toBe(0);
    expect(await cli('deploy:mode:show')).toBe(0);
    expect(out[0]).toMatch(/Current application mode: production/);
    expect(await cli('deploy:mode:set', 'turbo')).toBe(1);
    expect(await cli('deploy:mode:set', 'developer')).toBe(0);
  });

  it('setup:db:status reports up to date (exit 0)', async () => {
    expect(await cli('setup:db:status')).toBe(0);
    expect(out).toEqual(['All modules are up to date.']);
  });

  it('--help works on every command, and unknown commands fail', async () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      for (const command of ['setup:install', 'config:set', 'module:enable', 'queue:consumers:start', 'dev:module:create', 'store:create']) {
        expect(await cli(command, '--help')).toBe(0);
      }
    } finally {
      write.mockRestore();
    }
    expect(await cli('no:such:command')).not.toBe(0);
  });
});
