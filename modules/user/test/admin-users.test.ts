import { Command } from 'commander';
import type { CliContext } from '../../../app';
import { ConsumerRunner } from '../../../app/event/consumer-runner';
import { OutboxRelay } from '../../../app/event/outbox-relay';
import type { FileMailTransport } from '../../../app/mail/file-mail-transport';
import { Kernel } from '../../../app/kernel/tokens';
import type { FakeClock } from '../../../app/kernel/clock';
import type { TestApp } from '../../../app/testing/test-app';
import { SecurityApi, cliActor, type RequestActor } from '../../security/api';
import { INVALID_CREDENTIALS_MESSAGE, UserApi, UserConfigPath } from '../api';
import { registerAdminUserCreate } from '../cli/admin-user-create.command';
import { registerAdminUserUnlock } from '../cli/admin-user-unlock.command';
import { UserTable } from '../model/user-tables';
import { installAdminUser } from '../service/install-admin';
import { PASSWORD, adminInput, createUserTestApp } from './user-test-app';

const web: RequestActor = { type: 'anonymous', ip: '198.51.100.7', channel: 'rest' };

describe('admin users (AUTH-01, AUTH-02)', () => {
  let app: TestApp;
  let clock: FakeClock;
  let lines: string[];

  beforeAll(async () => {
    ({ app, clock } = await createUserTestApp());
  });
  afterAll(() => app?.close());
  beforeEach(() => {
    lines = [];
  });

  const manager = () => app.get(UserApi.AdminUserManager);
  const verifier = () => app.get(UserApi.CredentialVerifier);
  const program = () => {
    const ctx: CliContext = { paths: { root: app.root, etc: '', var: '' }, boot: async () => app, out: (l) => void lines.push(l), progress: () => undefined };
    const root = new Command('comptoir').exitOverride();
    registerAdminUserCreate(root, ctx);
    registerAdminUserUnlock(root, ctx);
    root.commands.forEach((c) => c.exitOverride());
    return root;
  };
  const deliverMail = async () => {
    // flush, not publishPending: the relay attached earlier may be publishing in the background.
  await OutboxRelay.attach(app).flush();
    await new ConsumerRunner(app).run(['Comptoir_Framework::kernel_send_mail'], { stopWhenEmpty: true });
    return (app.get(Kernel.MailTransport) as FileMailTransport).list();
  };

  it('admin:user:create creates an admin in the Administrators role, with Magento flags', async () => {
    await program().parseAsync(
      ['admin:user:create', '--admin-user', 'ana', '--admin-password', PASSWORD, '--admin-email', 'ana@example.com', '--admin-firstname', 'Ana', '--admin-lastname', 'Lopez'],
      { from: 'user' },
    );
    expect(lines[0]).toMatch(/^Created admin user "ana" \(id \d+\) with role "Administrators"\.$/);
    expect(lines[1]).toMatch(/security:tfa:google:set-secret ana/);
    const ana = await manager().getByUsername('ana');
    expect(ana).toMatchObject({ username: 'ana', email: 'ana@example.com', isActive: true, roleName: 'Administrators', lockExpiresAt: null });
    expect(JSON.stringify(ana)).not.toMatch(/scrypt|password/);
    const stored = await app.db.knex(UserTable.user).where({ username: 'ana' }).first();
    expect(stored.password).toMatch(/^scrypt\$/);
    expect(stored.password).not.toContain(PASSWORD);
  });

  it('admin:user:create names every missing flag and creates nothing', async () => {
    await expect(program().parseAsync(['admin:user:create', '--admin-user', 'x'], { from: 'user' })).rejects.toThrow(
      'admin:user:create needs --admin-password, --admin-email, --admin-firstname, --admin-lastname',
    );
    expect(await manager().getByUsername('x')).toBeUndefined();
  });

  it('AUTH-01 refuses passwords shorter than 12, longer than 128, or without letters and digits', async () => {
    const attempt = (password: string, n: string) => manager().create(adminInput(n, { password }), cliActor());
    await expect(attempt('Short-pass1', 'a')).rejects.toThrow('it must be at least 12 characters long');
    await expect(attempt('only-letters-here', 'b')).rejects.toThrow('it must contain at least one digit');
    await expect(attempt('1234567890123', 'c')).rejects.toThrow('it must contain at least one letter');
    await expect(attempt('a1'.repeat(65), 'd')).rejects.toThrow('it must be at most 128 characters long');
    await expect(attempt('abcdefghijk1', 'e')).resolves.toMatchObject({ username: 'admine' });
    await expect(manager().create(adminInput('f', { email: 'not-an-email', username: 'bad name' }), cliActor())).rejects.toThrow(
      /the user name may contain letters.*the email is not a valid email address/,
    );
  });

  it('AUTH-01 refuses any of the last 4 passwords, and accepts the 5th oldest again', async () => {
    const user = await manager().create(adminInput('hist'), cliActor());
    const passwords = [PASSWORD, 'Second-pass-22', 'Third-pass-333', 'Fourth-pass-44'];
    for (const p of passwords.slice(1)) {
      await manager().changePassword(user.id, p, cliActor());
      clock.advance(1000);
    }
    for (const p of passwords) await expect(manager().changePassword(user.id, p, cliActor())).rejects.toThrow('The password was used recently');
    await manager().changePassword(user.id, 'Fifth-pass-555', cliActor());
    clock.advance(1000);
    await expect(manager().changePassword(user.id, PASSWORD, cliActor())).resolves.toBeUndefined();
    expect(Number((await app.db.knex(UserTable.passwords).where({ user_id: user.id }).count({ n: '*' }).first())?.n)).toBe(4);
  });

  it('refuses a duplicate user name or email, and an unknown role', async () => {
    await manager().create(adminInput('dup'), cliActor());
    await expect(manager().create(adminInput('dup'), cliActor())).rejects.toThrow('A user with the same user name or email already exists.');
    await expect(manager().create(adminInput('dup2', { email: 'admindup@example.com' }), cliActor())).rejects.toThrow('A user with the same user name or email already exists.');
    await expect(manager().create(adminInput('norole', { role: 'Wizards' }), cliActor())).rejects.toThrow('the role "Wizards" does not exist');
  });

  it('AUTH-02 locks after 6 failures for 30 minutes (fake clock), even for the right password, and audits it', async () => {
    const user = await manager().create(adminInput('lock'), cliActor());
    for (let i = 0; i < 5; i++) await expect(verifier().verify('adminlock', 'wrong-password-1', web)).rejects.toThrow(INVALID_CREDENTIALS_MESSAGE);
    await expect(verifier().verify('adminlock', PASSWORD, web)).resolves.toMatchObject({ id: user.id });
    // A success resets the count: six more failures are needed.
    for (let i = 0; i < 6; i++) await expect(verifier().verify('adminlock', 'wrong-password-1', web)).rejects.toThrow(INVALID_CREDENTIALS_MESSAGE);
    const locked = await manager().get(user.id);
    expect(locked!.lockExpiresAt!.toISOString()).toBe(new Date(clock.now().getTime() + 30 * 60_000).toISOString());
    await expect(verifier().verify('adminlock', PASSWORD, web)).rejects.toThrow(INVALID_CREDENTIALS_MESSAGE);
    clock.advance(29 * 60_000);
    await expect(verifier().verify('adminlock', PASSWORD, web)).rejects.toThrow(INVALID_CREDENTIALS_MESSAGE);
    clock.advance(60_000 + 1);
    await expect(verifier().verify('adminlock', PASSWORD, web)).resolves.toMatchObject({ username: 'adminlock', lockExpiresAt: null });
    const audit = await app.get(SecurityApi.AuditLog).list({ resourceType: 'admin_user', resourceId: user.id, limit: 500 });
    expect(audit.filter((e) => e.event === 'admin_login' && e.outcome === 'failure').map((e) => e.details.reason)).toEqual([
      ...Array(11).fill('bad_password'),
      'locked',
      'locked',
    ]);
    expect(audit.filter((e) => e.event === 'admin_user_lock')).toHaveLength(1);
    expect(audit.every((e) => e.ip === null || e.ip === '198.51.100.7')).toBe(true);
  });

  it('AUTH-02 failures older than the lockout window start a new count', async () => {
    await manager().create(adminInput('window'), cliActor());
    for (let i = 0; i < 5; i++) await expect(verifier().verify('adminwindow', 'nope-nope-123', web)).rejects.toThrow();
    clock.advance(31 * 60_000);
    for (let i = 0; i < 5; i++) await expect(verifier().verify('adminwindow', 'nope-nope-123', web)).rejects.toThrow();
    await expect(verifier().verify('adminwindow', PASSWORD, web)).resolves.toMatchObject({ username: 'adminwindow' });
  });

  it('AUTH-02 never allows more than 10 failures nor less than 30 minutes of lock, and follows a stricter setting', async () => {
    await expect(app.config.set(UserConfigPath.LockoutFailures, 11)).rejects.toThrow('at most 10 failures may be allowed');
    await expect(app.config.set(UserConfigPath.LockoutThreshold, 10)).rejects.toThrow('at least 30 minutes');
    await expect(app.config.set(UserConfigPath.SessionLifetime, 3600)).rejects.toThrow('may not exceed 900 seconds');
    await app.config.set(UserConfigPath.LockoutFailures, 3);
    try {
      await manager().create(adminInput('strict'), cliActor());
      for (let i = 0; i < 3; i++) await expect(verifier().verify('adminstrict', 'nope-nope-123', web)).rejects.toThrow();
      await expect(verifier().verify('adminstrict', PASSWORD, web)).rejects.toThrow(INVALID_CREDENTIALS_MESSAGE);
    } finally {
      await app.config.set(UserConfigPath.LockoutFailures, 6);
    }
  });

  it('gives an unknown user, an inactive user and a wrong password the same answer', async () => {
    await manager().create(adminInput('inactive', { isActive: false }), cliActor());
    for (const [u, p] of [['nobody', PASSWORD], ['admininactive', PASSWORD], ['ana', 'wrong-password-9']]) {
      await expect(verifier().verify(u, p, web)).rejects.toThrow(INVALID_CREDENTIALS_MESSAGE);
    }
  });

  it('admin:user:unlock unlocks, audits, and mails the other admins', async () => {
    const user = await manager().create(adminInput('unlock'), cliActor());
    const before = new Set((await deliverMail()).map((m) => m.messageId));
    for (let i = 0; i < 6; i++) await expect(verifier().verify('adminunlock', 'nope-nope-123', web)).rejects.toThrow();
    await program().parseAsync(['admin:user:unlock', 'adminunlock'], { from: 'user' });
    expect(lines).toEqual(['The user account "adminunlock" has been unlocked']);
    await expect(verifier().verify('adminunlock', PASSWORD, web)).resolves.toMatchObject({ id: user.id });
    await program().parseAsync(['admin:user:unlock', 'adminunlock'], { from: 'user' });
    expect(lines[1]).toBe('The user account "adminunlock" was not locked or could not be unlocked');
    await expect(program().parseAsync(['admin:user:unlock', 'ghost'], { from: 'user' })).rejects.toThrow('Couldn\'t find the user account "ghost"');
    const audit = await app.get(SecurityApi.AuditLog).list({ event: 'admin_user_unlock' });
    expect(audit).toEqual([expect.objectContaining({ actorType: 'cli', channel: 'cli', resourceId: String(user.id), outcome: 'success' })]);
    const mails = (await deliverMail()).filter((m) => !before.has(m.messageId));
    const subjects = mails.map((m) => `${m.to} ${m.subject}`);
    expect(subjects).toEqual(expect.arrayContaining(['ana@example.com [Security alert] An admin account was locked', 'ana@example.com [Security alert] An admin account was unlocked']));
    expect(mails.some((m) => m.to === 'adminunlock@example.com')).toBe(false);
    expect(mails.find((m) => m.subject.includes('unlocked'))!.text).toContain('"adminunlock"');
  });

  it('setup:install --admin-* creates the first admin, and refuses a partial set', async () => {
    const options = { adminUser: 'installer', adminPassword: PASSWORD, adminEmail: 'installer@example.com', adminFirstname: 'In', adminLastname: 'Staller' };
    await installAdminUser({ app, options, progress: () => undefined });
    expect(await manager().getByUsername('installer')).toMatchObject({ roleName: 'Administrators' });
    await installAdminUser({ app, options, progress: () => undefined });
    await expect(installAdminUser({ app, options: { adminUser: 'half' }, progress: () => undefined })).rejects.toThrow(
      'setup:install needs --admin-password, --admin-email, --admin-firstname, --admin-lastname',
    );
    await expect(installAdminUser({ app, options: {}, progress: () => undefined })).resolves.toBeUndefined();
  });
});
