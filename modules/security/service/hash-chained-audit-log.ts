import { inject, injectable } from 'inversify';
import { Kernel, type Clock, type Database } from '../../../app';
import type { Encryptor } from '../../../app/crypto/encryptor';
import type { AuditEntryInput, AuditFilter, AuditLog, AuditProblem, AuditRecord, AuditVerification } from '../api/audit-log';
import { chainHash, headMacInput, type ChainedRow } from '../model/audit-chain';
import { escapeControl, sanitizeDetails, sanitizeText } from '../model/audit-sanitizer';
import { AuditTable } from '../model/audit-tables';

const MAC_PURPOSE = 'audit-chain';
const VERIFY_BATCH = 1000;

interface HeadRow {
  last_id: number | string;
  last_hash: string;
  anchor_id: number | string;
  anchor_hash: string;
  mac: string;
}

type StoredRow = ChainedRow & { hash: string; mac: string };

/**
 * Appends under a lock on the single head row (SELECT … FOR UPDATE on MariaDB; SQLite has one writer anyway), so entries
 * written by concurrent requests or processes still form one linear chain with contiguous ids.
 */
@injectable()
export class HashChainedAuditLog implements AuditLog {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.Encryptor) private readonly encryptor: Encryptor,
    @inject(Kernel.Clock) private readonly clock: Clock,
  ) {}

  async record(entry: AuditEntryInput): Promise<AuditRecord> {
    const base = this.toRow(entry);
    return this.db.transaction(async (trx) => {
      const head = (await trx(AuditTable.head).where({ id: 1 }).forUpdate().first()) as HeadRow | undefined;
      if (!head) throw new Error('The audit trail head row is missing: run setup:upgrade');
      const row: ChainedRow = { ...base, id: Number(head.last_id) + 1, prev_hash: head.last_hash };
      const hash = chainHash(row.prev_hash, row);
      await trx(AuditTable.entry).insert({ ...row, hash, mac: this.mac(hash) });
      const anchorId = Number(head.anchor_id);
      await trx(AuditTable.head)
        .where({ id: 1 })
        .update({ last_id: row.id, last_hash: hash, mac: this.mac(headMacInput(row.id, hash, anchorId, head.anchor_hash)) });
      return toRecord({ ...row, hash, mac: '' });
    });
  }

  async list(filter: AuditFilter = {}): Promise<AuditRecord[]> {
    const limit = Math.min(Math.max(1, filter.limit ?? 100), 500);
    const query = this.db.conn()(AuditTable.entry).select('*').orderBy('id', 'asc').limit(limit);
    if (filter.event) query.where('event', filter.event);
    if (filter.actorType) query.where('actor_type', filter.actorType);
    if (filter.actorId !== undefined) query.where('actor_id', String(filter.actorId));
    if (filter.actorName) query.where('actor_name', filter.actorName);
    if (filter.outcome) query.where('outcome', filter.outcome);
    if (filter.resourceType) query.where('resource_type', filter.resourceType);
    if (filter.resourceId !== undefined) query.where('resource_id', String(filter.resourceId));
    if (filter.since) query.where('created_at', '>=', filter.since);
    if (filter.until) query.where('created_at', '<', filter.until);
    if (filter.afterId !== undefined) query.where('id', '>', filter.afterId);
    return ((await query) as StoredRow[]).map(toRecord);
  }

  async verify(): Promise<AuditVerification> {
    const knex = this.db.conn();
    const head = (await knex(AuditTable.head).where({ id: 1 }).first()) as HeadRow | undefined;
    if (!head) return { ok: false, checked: 0, headId: 0, headHash: '', problems: [{ id: 0, problem: 'the head row is missing' }] };
    const problems: AuditProblem[] = [];
    const anchorId = Number(head.anchor_id);
    const headId = Number(head.last_id);
    if (head.mac !== this.mac(headMacInput(headId, head.last_hash, anchorId, head.anchor_hash))) {
      problems.push({ id: headId, problem: 'the head row was altered (its MAC does not match): entries may have been deleted from the end' });
    }
    let expectedId = anchorId + 1;
    let prevHash = head.anchor_hash;
    let checked = 0;
    for (;;) {
      const rows = (await knex(AuditTable.entry).where('id', '>=', expectedId).orderBy('id', 'asc').limit(VERIFY_BATCH)) as StoredRow[];
      if (!rows.length) break;
      for (const raw of rows) {
        const row = { ...raw, id: Number(raw.id) };
        if (row.id !== expectedId) {
          problems.push({ id: expectedId, problem: `${span(expectedId, row.id - 1)} deleted` });
        }
        if (row.prev_hash !== prevHash) {
          problems.push({ id: row.id, problem: 'its link to the previous entry is broken (an entry before it was modified, inserted or deleted)' });
        }
        const hash = chainHash(row.prev_hash, row);
        if (hash !== row.hash) problems.push({ id: row.id, problem: 'it was modified (its content no longer matches its hash)' });
        else if (this.mac(row.hash) !== row.mac) problems.push({ id: row.id, problem: 'its hash was recomputed without the installation key (MAC mismatch)' });
        prevHash = row.hash;
        expectedId = row.id + 1;
        checked++;
      }
    }
    if (expectedId - 1 !== headId) {
      problems.push({
        id: headId,
        problem: expectedId - 1 < headId ? `${span(expectedId, headId)} deleted from the end of the trail` : `entries after ${headId} were added outside the audit service`,
      });
    } else if (prevHash !== head.last_hash) {
      problems.push({ id: headId, problem: 'the last entry does not match the head row' });
    }
    return { ok: problems.length === 0, checked, headId, headHash: head.last_hash, problems };
  }

  /**
   * LOG-04 retention: removes the entries older than `before` from the start of the chain only, and re-anchors the chain on the
   * last removed entry's hash (under the key), so verification still catches any other deletion. The pruning is itself audited.
   */
  async prune(before: Date, actor: AuditEntryInput['actor']): Promise<number> {
    const removed = await this.db.transaction(async (trx) => {
      const head = (await trx(AuditTable.head).where({ id: 1 }).forUpdate().first()) as HeadRow;
      const last = (await trx(AuditTable.entry).where('created_at', '<', before.toISOString()).orderBy('id', 'desc').first('id', 'hash')) as { id: number | string; hash: string } | undefined;
      if (!last) return 0;
      const anchorId = Number(last.id);
      const count = await trx(AuditTable.entry).where('id', '<=', anchorId).delete();
      const lastId = Number(head.last_id);
      await trx(AuditTable.head)
        .where({ id: 1 })
        .update({ anchor_id: anchorId, anchor_hash: last.hash, mac: this.mac(headMacInput(lastId, head.last_hash, anchorId, last.hash)) });
      return count;
    });
    await this.record({ actor, event: 'audit_prune', outcome: 'success', resource: { type: 'security_audit_log' }, details: { removed, before: before.toISOString() } });
    return removed;
  }

  /** Seals the empty chain at install time, so an emptied trail with a reset head is detected too. */
  async sealGenesis(): Promise<void> {
    const head = (await this.db.conn()(AuditTable.head).where({ id: 1 }).first()) as HeadRow | undefined;
    if (!head || head.mac) return;
    await this.db
      .conn()(AuditTable.head)
      .where({ id: 1, mac: '' })
      .update({ mac: this.mac(headMacInput(Number(head.last_id), head.last_hash, Number(head.anchor_id), head.anchor_hash)) });
  }

  private mac(value: string): string {
    return this.encryptor.hmac(value, MAC_PURPOSE);
  }

  private toRow(entry: AuditEntryInput): Omit<ChainedRow, 'id' | 'prev_hash'> {
    const { actor } = entry;
    if (!/^[a-z][a-z0-9_]{1,63}$/.test(entry.event)) throw new Error(`Invalid audit event name "${entry.event}"`);
    return {
      created_at: this.clock.now().toISOString(),
      actor_type: actor.type,
      actor_id: actor.id === undefined || actor.id === null ? null : sanitizeText(String(actor.id), 64),
      actor_name: actor.name ? sanitizeText(actor.name, 255) : null,
      event: entry.event,
      outcome: entry.outcome === 'success' ? 'success' : 'failure',
      ip: actor.ip ? escapeControl(actor.ip).slice(0, 64) : null,
      channel: actor.channel,
      resource_type: entry.resource?.type ? sanitizeText(entry.resource.type, 64) : null,
      resource_id: entry.resource?.id === undefined || entry.resource?.id === null ? null : sanitizeText(String(entry.resource.id), 64),
      details: JSON.stringify(sanitizeDetails(entry.details)),
    };
  }
}

function span(from: number, to: number): string {
  return from === to ? `entry ${from} was` : `entries ${from}-${to} were`;
}

function toRecord(row: StoredRow): AuditRecord {
  return {
    id: Number(row.id),
    createdAt: row.created_at,
    actorType: row.actor_type as AuditRecord['actorType'],
    actorId: row.actor_id ?? null,
    actorName: row.actor_name ?? null,
    event: row.event,
    outcome: row.outcome as AuditRecord['outcome'],
    ip: row.ip ?? null,
    channel: row.channel as AuditRecord['channel'],
    resourceType: row.resource_type ?? null,
    resourceId: row.resource_id ?? null,
    details: JSON.parse(row.details) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
