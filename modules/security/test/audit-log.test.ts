import { Command } from 'commander';
import request from 'supertest';
import type { CliContext } from '../../../app';
import { createHttpApp } from '../../../app/http/http-app';
import { FakeClock } from '../../../app/kernel/clock';
import { Kernel } from '../../../app/kernel/tokens';
import { createTestApp, type TestApp } from '../../../app/testing/test-app';
import { SecurityApi, type AuditLog, type RequestActor } from '../api';
import { auditPrune } from '../cli/audit-prune.command';
import { registerAuditVerify } from '../cli/audit-verify.command';
import { chainHash } from '../model/audit-chain';
import { AuditTable } from '../model/audit-tables';

const admin: RequestActor = { type: 'admin', id: 7, name: 'ana', ip: '203.0.113.9', channel: 'rest' };

describe('audit trail (hash-chained, append-only)', () => {
  let app: TestApp;
  let audit: AuditLog;
  const clock = new FakeClock(new Date('2026-03-01T10:00:00.000Z'));

  beforeEach(async () => {
    app = await createTestApp({ modules: ['Comptoir_Store', 'Comptoir_Security'], overrides: (bind) => void bind(Kernel.Clock).toConstantValue(clock) });
    audit = app.get(SecurityApi.AuditLog);
  });
  afterEach(() => app?.close());

  const seed = async (n: number) => {
    for (let i = 0; i < n; i++) {
      await audit.record({ actor: admin, event: 'admin_user_create', outcome: 'success', resource: { type: 'admin_user', id: i + 1 }, details: { username: `user${i}` } });
      clock.advance(1000);
    }
  };

  it('LOG-02 stores actor, event type, UTC time, outcome, origin (IP, channel) and resource', async () => {
    const entry = await audit.record({ actor: admin, event: 'admin_login', outcome: 'failure', resource: { type: 'admin_user', id: 7 }, details: { reason: 'bad credentials' } });
    const [stored] = await audit.list({ event: 'admin_login' });
    expect(stored).toEqual(entry);
    expect(stored).toMatchObject({
      id: 1,
      createdAt: '2026-03-01T10:00:00.000Z',
      actorType: 'admin',
      actorId: '7',
      actorName: 'ana',
      event: 'admin_login',
      outcome: 'failure',
      ip: '203.0.113.9',
      channel: 'rest',
      resourceType: 'admin_user',
      resourceId: '7',
      details: { reason: 'bad credentials' },
    });
    expect(stored.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.prevHash).toBe('0'.repeat(64));
  });

  it('LOG-03 never stores passwords, OTPs, tokens or card numbers, and escapes log injection', async () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    await audit.record({
      actor: { ...admin, name: 'ana\nFAKE 2026-03-01 admin_login success' },
      event: 'admin_login',
      outcome: 'failure',
      details: { password: 'Secret-Pass-123', otp: '123456', token: jwt, nested: { recoveryCode: 'abcde-fghij', note: `bearer ${jwt}` }, comment: 'card 4111 1111 1111 1111 used', count: 3 },
    });
    const raw = JSON.stringify(await app.db.knex(AuditTable.entry).select());
    for (const secret of ['Secret-Pass-123', '123456', jwt, 'abcde-fghij', '4111 1111 1111 1111']) expect(raw).not.toContain(secret);
    const [entry] = await audit.list();
    expect(entry.actorName).toBe('ana\\u000aFAKE 2026-03-01 admin_login success');
    expect(entry.details).toEqual({ password: '******', otp: '******', token: '******', nested: { recoveryCode: '******', note: 'bearer ******' }, comment: 'card ****** used', count: 3 });
  });

  it('LOG-03 masks card numbers however written but keeps digests whole, even with a Luhn-valid run of digits inside', async () => {
    // A blind index (HMAC hex) that holds "15039383063840", a Luhn-valid 14-digit run glued to hex letters: not a card number.
    const digest = '9f14d4b848f600001d091845425691ae28fd240e3c7d15039383063840eefaa3';
    await audit.record({
      actor: admin,
      event: 'customer_login_failure',
      outcome: 'failure',
      resource: { type: 'customer_email_hash', id: digest },
      details: { note: 'paid with 5555-5555-5555-4444 then 4111111111111111', emailHash: digest, reference: `ref ${digest}` },
    });
    const [entry] = await audit.list({ event: 'customer_login_failure' });
    expect(entry.resourceId).toBe(digest);
    expect(entry.details).toEqual({ note: 'paid with ****** then ******', emailHash: '******', reference: `ref ${digest}` });
  });

  it('LOG-04 chains every entry to the previous one and verifies an intact trail', async () => {
    await seed(5);
    const entries = await audit.list();
    expect(entries.map((e) => e.id)).toEqual([1, 2, 3, 4, 5]);
    for (let i = 1; i < entries.length; i++) expect(entries[i].prevHash).toBe(entries[i - 1].hash);
    expect(await audit.verify()).toEqual({ ok: true, checked: 5, headId: 5, headHash: entries[4].hash, problems: [] });
  });

  it('LOG-04 detects a modified entry, even when its hash is recomputed without the key', async () => {
    await seed(4);
    await app.db.knex(AuditTable.entry).where({ id: 2 }).update({ actor_name: 'mallory' });
    let result = await audit.verify();
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([{ id: 2, problem: 'it was modified (its content no longer matches its hash)' }]);

    // An attacker with database access rebuilds the hash of entry 2: the keyed MAC and the next link still give it away.
    const row = await app.db.knex(AuditTable.entry).where({ id: 2 }).first();
    await app.db.knex(AuditTable.entry).where({ id: 2 }).update({ hash: chainHash(row.prev_hash, { ...row, id: Number(row.id) }) });
    result = await audit.verify();
    expect(result.problems.map((p) => p.id)).toEqual([2, 3]);
    expect(result.problems[0].problem).toMatch(/MAC mismatch/);
  });

  it('LOG-04 detects deleted entries, in the middle and at the end', async () => {
    await seed(6);
    await app.db.knex(AuditTable.entry).whereIn('id', [2, 3]).delete();
    let result = await audit.verify();
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(expect.arrayContaining([{ id: 2, problem: 'entries 2-3 were deleted' }]));

    await app.db.knex(AuditTable.entry).where({ id: 6 }).delete();
    result = await audit.verify();
    expect(result.problems).toEqual(expect.arrayContaining([{ id: 6, problem: 'entry 6 was deleted from the end of the trail' }]));

    // Rolling the head back to entry 5 needs the key: its MAC no longer matches.
    const five = await app.db.knex(AuditTable.entry).where({ id: 5 }).first();
    await app.db.knex(AuditTable.head).where({ id: 1 }).update({ last_id: 5, last_hash: five.hash });
    result = await audit.verify();
    expect(result.problems[0].problem).toMatch(/head row was altered/);
  });

  it('LOG-04 detects an emptied trail whose head was reset', async () => {
    await seed(2);
    await app.db.knex(AuditTable.entry).delete();
    await app.db.knex(AuditTable.head).where({ id: 1 }).update({ last_id: 0, last_hash: '0'.repeat(64) });
    expect((await audit.verify()).ok).toBe(false);
  });

  it('rolls an entry back with the transaction it describes', async () => {
    await expect(
      app.db.transaction(async () => {
        await audit.record({ actor: admin, event: 'admin_user_create', outcome: 'success' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await audit.record({ actor: admin, event: 'admin_user_unlock', outcome: 'success' });
    expect((await audit.list()).map((e) => [e.id, e.event])).toEqual([[1, 'admin_user_unlock']]);
    expect((await audit.verify()).ok).toBe(true);
  });

  it('keeps one linear chain under concurrent writers', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => audit.record({ actor: admin, event: 'admin_login', outcome: i % 2 ? 'success' : 'failure' })));
    const result = await audit.verify();
    expect(result).toMatchObject({ ok: true, checked: 20, headId: 20 });
  });

  it('security:audit:verify reports the verdict and exits 2 on tampering', async () => {
    await seed(3);
    const lines: string[] = [];
    const ctx: CliContext = { paths: { root: app.root, etc: '', var: '' }, boot: async () => app, out: (l) => void lines.push(l), progress: () => undefined };
    const run = async () => {
      const program = new Command('comptoir').exitOverride();
      registerAuditVerify(program, ctx);
      await program.parseAsync(['security:audit:verify'], { from: 'user' });
    };
    await run();
    expect(lines[0]).toBe('The audit trail is intact: 3 entries checked.');
    expect(process.exitCode ?? 0).toBe(0);
    await app.db.knex(AuditTable.entry).where({ id: 1 }).update({ outcome: 'success', event: 'admin_login' });
    lines.length = 0;
    await run();
    expect(process.exitCode).toBe(2);
    process.exitCode = undefined;
    expect(lines).toEqual(expect.arrayContaining(['  entry 1: it was modified (its content no longer matches its hash)']));
  });

  it('LOG-04 keeps 12 months by default: pruning re-anchors the chain, which still verifies and still catches deletions', async () => {
    await seed(3);
    clock.advance(400 * 24 * 3600_000);
    await seed(2);
    const lines: string[] = [];
    expect(await auditPrune(app, undefined, (l) => void lines.push(l))).toBe(3);
    expect(lines[0]).toMatch(/^Removed 3 audit entries older than .* \(12 months\)\.$/);
    expect((await audit.list()).map((e) => [e.id, e.event])).toEqual([
      [4, 'admin_user_create'],
      [5, 'admin_user_create'],
      [6, 'audit_prune'],
    ]);
    expect(await audit.verify()).toMatchObject({ ok: true, checked: 3, headId: 6 });
    await app.db.knex(AuditTable.entry).where({ id: 4 }).delete();
    expect((await audit.verify()).problems).toEqual(expect.arrayContaining([{ id: 4, problem: 'entry 4 was deleted' }]));
    await expect(auditPrune(app, 0, () => undefined)).rejects.toThrow('at least 1');
  });

  it('offers the trail over REST only to authorized admins (deny by default)', async () => {
    await seed(1);
    const res = await request(createHttpApp(app)).get('/rest/V1/security/audit-log');
    expect(res.status).toBe(401);
  });
});
