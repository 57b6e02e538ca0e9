import { Command } from 'commander';
import type { CliContext } from '../../../app';
import { SecurityApi } from '../../security/api';
import { registerTfaGoogleSetSecret } from '../cli/tfa-google-set-secret.command';
import { registerTfaProviders } from '../cli/tfa-providers.command';
import { registerTfaReset } from '../cli/tfa-reset.command';
import { SECRET, codeAt, createAdmin, createTfaTestApp, signIn, type TfaTestApp } from './tfa-test-kit';

describe("security:tfa:* commands (Magento's names)", () => {
  let t: TfaTestApp;
  let lines: string[];

  beforeAll(async () => {
    t = await createTfaTestApp();
  });
  afterAll(() => t?.app.close());
  beforeEach(() => {
    lines = [];
  });

  const run = async (...argv: string[]) => {
    const ctx: CliContext = { paths: { root: t.app.root, etc: '', var: '' }, boot: async () => t.app, out: (l) => void lines.push(l), progress: () => undefined };
    const program = new Command('comptoir').exitOverride();
    registerTfaProviders(program, ctx);
    registerTfaReset(program, ctx);
    registerTfaGoogleSetSecret(program, ctx);
    program.commands.forEach((c) => c.exitOverride());
    await program.parseAsync(argv, { from: 'user' });
  };

  it('security:tfa:providers lists the provider codes', async () => {
    await run('security:tfa:providers');
    expect(lines).toEqual(['google: Google Authenticator', 'u2fkey: U2F (WebAuthn security key or passkey)']);
  });

  it('security:tfa:google:set-secret activates the secret and prints a terminal QR code', async () => {
    await createAdmin(t.app, 'cli', {}, null);
    await run('security:tfa:google:set-secret', 'admincli', SECRET.toLowerCase());
    expect(lines[0]).toBe('Google Authenticator secret set for user admincli.');
    expect(lines[1]).toBe('Scan this QR code with the authenticator app:');
    expect(lines[2].split('\n').length).toBeGreaterThan(10);
    expect(lines[2]).toMatch(/[▀▄█]/);
    expect(lines.join('\n')).not.toContain(SECRET);
    await expect(signIn(t, 'admincli')).resolves.toMatch(/^eyJ/);
    expect(await t.app.get(SecurityApi.AuditLog).list({ event: 'tfa_google_set_secret' })).toEqual([expect.objectContaining({ actorType: 'cli', channel: 'cli', outcome: 'success' })]);
  });

  it('security:tfa:google:set-secret refuses a short or non-base32 secret and an unknown user', async () => {
    await expect(run('security:tfa:google:set-secret', 'admincli', 'JBSWY3DPEHPK3PXP')).rejects.toThrow('at least 160 bits');
    await expect(run('security:tfa:google:set-secret', 'admincli', 'not-base-32-!!')).rejects.toThrow('must be base32');
    await expect(run('security:tfa:google:set-secret', 'ghost', SECRET)).rejects.toThrow('Unknown user ghost');
  });

  it('security:tfa:reset <user> <provider> resets, so the admin must configure 2FA again', async () => {
    await run('security:tfa:reset', 'admincli', 'google');
    expect(lines).toEqual(['Provider google has been reset for user admincli']);
    t.clock.advance(30_000);
    await expect(signIn(t, 'admincli')).rejects.toThrow(/not configured/);
    expect(codeAt(t.clock)).toMatch(/^\d{6}$/);
    await expect(run('security:tfa:reset', 'admincli', 'sms')).rejects.toThrow('Unknown provider "sms". Known providers: google, u2fkey.');
    await expect(run('security:tfa:reset', 'nobody', 'google')).rejects.toThrow('Unknown user nobody');
  });
});
