import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../app/cli/program';
import { boot } from '../../app/kernel/boot';
import type { DbSettings } from '../../app/kernel/env';
import { createTestDatabase } from '../../app/testing/test-database';
import { SecurityApi } from '../../modules/security/api';
import { UserApi } from '../../modules/user/api';
import { TfaApi } from '../../modules/two-factor-auth/api';

const MODULES = 'Comptoir_Store,Comptoir_Security,Comptoir_User,Comptoir_TwoFactorAuth';
const PASSWORD = 'Install-pass-2026';

function dbUrl(settings: DbSettings, root: string): string {
  if (settings.client === 'sqlite') return `sqlite:${path.relative(root, settings.filename)}`;
  return `mysql://${settings.user}${settings.password ? ':' + settings.password : ''}@${settings.host}:${settings.port}/${settings.database}`;
}

/** The real command line: setup:install --admin-*, admin:user:create, security:tfa:*, security:audit:verify. */
describe('admin security from the comptoir CLI', () => {
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
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-admin-cli-'));
    const db = await createTestDatabase(root);
    drop = db.drop;
    const code = await cli(
      'setup:install', `--db-url=${dbUrl(db.settings, root)}`, `--modules=${MODULES}`, '--base-url=https://shop.test/', '--base-url-secure=https://shop.test/',
      '--admin-user=owner', `--admin-password=${PASSWORD}`, '--admin-email=owner@shop.test', '--admin-firstname=Olga', '--admin-lastname=Owner',
    );
    expect(err.join('')).toBe('');
    expect(code).toBe(0);
  });
  afterAll(async () => {
    await drop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('setup:install --admin-* created the first admin with the Administrators role', async () => {
    const app = await boot({ root });
    try {
      expect(await app.get(UserApi.AdminUserManager).getByUsername('owner')).toMatchObject({ email: 'owner@shop.test', firstname: 'Olga', roleName: 'Administrators', isActive: true });
    } finally {
      await app.close();
    }
  });

  it('admin:user:create exits 1 with the rules on a weak password, 0 otherwise; security:tfa:* use Magento names', async () => {
    const base = ['--admin-user=second', '--admin-email=second@shop.test', '--admin-firstname=Sam', '--admin-lastname=Second'];
    expect(await cli('admin:user:create', ...base, '--admin-password=short')).toBe(1);
    expect(err.join('')).toMatch(/it must be at least 12 characters long/);
    expect(await cli('admin:user:create', ...base, `--admin-password=${PASSWORD}x`)).toBe(0);
    expect(out[0]).toMatch(/^Created admin user "second"/);
    expect(await cli('security:tfa:providers')).toBe(0);
    expect(out).toEqual(['google: Google Authenticator', 'u2fkey: U2F (WebAuthn security key or passkey)']);
    expect(await cli('security:tfa:google:set-secret', 'second', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '--no-qr')).toBe(0);
    expect(out).toEqual(['Google Authenticator secret set for user second.']);
    expect(await cli('security:tfa:reset', 'second', 'duo_security')).toBe(1);
    expect(err.join('')).toMatch(/Unknown provider "duo_security"/);
    expect(await cli('security:tfa:reset', 'second', 'google')).toBe(0);
    expect(await cli('admin:user:unlock', 'second')).toBe(0);
    expect(out).toEqual(['The user account "second" was not locked or could not be unlocked']);
    expect(await cli('security:audit:verify')).toBe(0);
    expect(out[0]).toMatch(/^The audit trail is intact: \d+ entries checked\.$/);
    const app = await boot({ root });
    try {
      const second = await app.get(UserApi.AdminUserManager).getByUsername('second');
      expect(await app.get(TfaApi.Manager).isConfigurationRequired(second!.id)).toBe(true);
      const events = (await app.get(SecurityApi.AuditLog).list({ actorType: 'cli' })).map((e) => e.event);
      expect(events).toEqual(expect.arrayContaining(['admin_user_create', 'tfa_google_set_secret', 'tfa_provider_reset']));
    } finally {
      await app.close();
    }
  });
});
