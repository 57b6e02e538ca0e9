import { inject, injectable, type Container } from 'inversify';
import { Kernel, type Clock, type Database, type ServiceLocator } from '../../../app';
import { rotateEncryptionKey } from '../../../app/crypto/key-rotation';
import { InputError } from '../../../app';
import { CustomerApi, type CustomerTokenService } from '../../customer/api';
import { SecurityApi, type AuditLog, type RequestActor } from '../../security/api';
import { UserApi, type AdminTokenService } from '../../user/api';
import type { Lockdown, LockdownReport, LockdownState } from '../api/lockdown';
import { LockdownTable } from '../model/lockdown-tables';

/** How stale another process's view of the switch may be. */
const CACHE_MS = 1000;

interface StateRow {
  active: number | boolean;
  reason: string | null;
  started_at: string | null;
  ended_at: string | null;
  started_by: string | null;
}

@injectable()
export class DbLockdown implements Lockdown {
  private cached: { active: boolean; at: number } | undefined;
  private pending: Promise<boolean> | undefined;

  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.Clock) private readonly clock: Clock,
    @inject(Kernel.Container) private readonly container: Container,
    @inject(SecurityApi.AuditLog) private readonly audit: AuditLog,
  ) {}

  async state(): Promise<LockdownState> {
    const row = (await this.db.conn()(LockdownTable.state).where({ id: 1 }).first()) as StateRow | undefined;
    return {
      active: !!row && !!Number(row.active),
      reason: row?.reason ?? null,
      startedAt: row?.started_at ?? null,
      endedAt: row?.ended_at ?? null,
      startedBy: row?.started_by ?? null,
    };
  }

  isActive(): Promise<boolean> {
    const now = performance.now();
    if (this.cached && now - this.cached.at < CACHE_MS) return Promise.resolve(this.cached.active);
    // Concurrent requests at expiry share one read.
    this.pending ??= this.state()
      .then((s) => {
        this.cached = { active: s.active, at: performance.now() };
        return s.active;
      })
      .finally(() => (this.pending = undefined));
    return this.pending;
  }

  async activate(actor: RequestActor, reason: string, progress?: (label: string, done: number, total: number) => void): Promise<LockdownReport> {
    const why = reason.trim();
    if (!why) throw new InputError('Give a reason for the lockdown (it goes to the audit trail).');
    const now = this.clock.now().toISOString();
    const by = [actor.type, actor.id, actor.name].filter((v) => v !== undefined && v !== null).join(':');
    // First the switch, so customer data is refused at once (here) and within a second (elsewhere) while the rest runs.
    await this.db.transaction(async (trx) => {
      const changed = await trx(LockdownTable.state).where({ id: 1, active: false }).update({ active: true, reason: why.slice(0, 255), started_at: now, ended_at: null, started_by: by.slice(0, 255) });
      if (!changed) throw new InputError('A lockdown is already on: turn it off first (security:lockdown off).');
      await this.audit.record({ actor, event: 'lockdown_start', outcome: 'success', resource: { type: 'lockdown', id: 1 }, details: { reason: why } });
    });
    this.cached = { active: true, at: performance.now() };
    const locator = this.locator();
    await locator.get<CustomerTokenService>(CustomerApi.TokenService).revokeAllCustomerAccessTokens();
    await this.audit.record({ actor, event: 'customer_token_revoke', outcome: 'success', resource: { type: 'customer_token', id: 'all' }, details: { reason: 'lockdown' } });
    const adminTokens = await locator.get<AdminTokenService>(UserApi.AdminTokenService).revokeAll(actor, 'lockdown');
    await locator.get(Kernel.Mail).pause('lockdown');
    const rotation = await rotateEncryptionKey(locator, { progress });
    await this.audit.record({ actor, event: 'encryption_key_rotate', outcome: 'success', resource: { type: 'encryption_key', id: rotation.version }, details: { reason: 'lockdown', reencrypted: rotation.reencrypted } });
    return {
      customerTokensRevoked: true,
      adminTokensRevoked: adminTokens,
      integrationTokensRevoked: 0,
      mailHeld: true,
      keyVersion: rotation.version,
      reencrypted: rotation.reencrypted,
    };
  }

  async deactivate(actor: RequestActor): Promise<{ mailReleased: number }> {
    const now = this.clock.now().toISOString();
    await this.db.transaction(async (trx) => {
      const changed = await trx(LockdownTable.state).where({ id: 1, active: true }).update({ active: false, ended_at: now });
      if (!changed) throw new InputError('No lockdown is on.');
      await this.audit.record({ actor, event: 'lockdown_end', outcome: 'success', resource: { type: 'lockdown', id: 1 } });
    });
    this.cached = { active: false, at: performance.now() };
    const mailReleased = await this.locator().get(Kernel.Mail).resume();
    await this.audit.record({ actor, event: 'mail_release', outcome: 'success', resource: { type: 'mail', id: 'held' }, details: { count: mailReleased } });
    return { mailReleased };
  }

  /** The token services are resolved late: they are plugged by this very module, and only needed on the rare switch. */
  private locator(): ServiceLocator {
    return { get: (token) => this.container.get(token as never) };
  }
}
