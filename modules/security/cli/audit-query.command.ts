import type { Command } from 'commander';
import type { CliContext, CommandDeclaration, ServiceLocator } from '../../../app';
import { InputError } from '../../../app';
import type { AuditFilter, AuditRecord, RequestActor } from '../api/audit-log';
import { SecurityApi } from '../api/tokens';

export interface AuditQueryFlags {
  actor?: string;
  customer?: string;
  from?: string;
  to?: string;
  event?: string;
  outcome?: string;
  limit?: string;
  json?: boolean;
}

const ACTOR_TYPES = new Set<RequestActor['type']>(['admin', 'customer', 'cli', 'system', 'anonymous']);
const MAX_ROWS = 10_000;

/**
 * "Who read which customer's data, when, from where" (LOG-01, IR-02): `--actor admin:3 | admin | ana@shop.example`,
 * `--customer 42` (every entry about that customer: reads by anyone, changes), `--from/--to` ISO times (UTC).
 */
export function toAuditFilter(flags: AuditQueryFlags): AuditFilter {
  const filter: AuditFilter = {};
  if (flags.actor) {
    const [type, id] = flags.actor.split(':', 2);
    if (ACTOR_TYPES.has(type as RequestActor['type'])) {
      filter.actorType = type as RequestActor['type'];
      if (id !== undefined && id !== '') filter.actorId = id;
    } else filter.actorName = flags.actor;
  }
  if (flags.customer !== undefined) {
    if (!/^\d+$/.test(flags.customer)) throw new InputError(`--customer must be a customer id, got "${flags.customer}"`);
    filter.resourceType = 'customer';
    filter.resourceId = flags.customer;
  }
  filter.since = isoTime(flags.from, '--from');
  filter.until = isoTime(flags.to, '--to');
  if (filter.since && filter.until && filter.since >= filter.until) throw new InputError('--from must be before --to');
  if (flags.event) {
    if (!/^[a-z][a-z0-9_]{1,63}$/.test(flags.event)) throw new InputError(`--event must be an event name such as customer_pii_read, got "${flags.event}"`);
    filter.event = flags.event;
  }
  if (flags.outcome) {
    if (flags.outcome !== 'success' && flags.outcome !== 'failure') throw new InputError('--outcome must be success or failure');
    filter.outcome = flags.outcome;
  }
  return filter;
}

function isoTime(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const time = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time.getTime())) throw new InputError(`${flag} must be an ISO date or time (2025-03-01 or 2025-03-01T10:00:00Z), got "${value}"`);
  return time.toISOString();
}

/** Pages through the trail (500 at a time) until `limit` entries match. */
export async function queryAudit(locator: ServiceLocator, filter: AuditFilter, limit = 1000): Promise<AuditRecord[]> {
  const log = locator.get(SecurityApi.AuditLog);
  const out: AuditRecord[] = [];
  let afterId: number | undefined;
  while (out.length < limit) {
    const page = await log.list({ ...filter, afterId, limit: Math.min(500, limit - out.length) });
    out.push(...page);
    if (page.length < 500) break;
    afterId = page[page.length - 1].id;
  }
  return out;
}

export function formatAuditTable(records: AuditRecord[]): string[] {
  const header = ['id', 'time (UTC)', 'actor', 'event', 'outcome', 'resource', 'channel', 'ip', 'details'];
  const rows = records.map((r) => [
    String(r.id),
    r.createdAt,
    [r.actorType, r.actorId].filter(Boolean).join(':') + (r.actorName ? ` (${r.actorName})` : ''),
    r.event,
    r.outcome,
    r.resourceType ? `${r.resourceType}:${r.resourceId ?? ''}` : '',
    r.channel,
    r.ip ?? '',
    summarize(r.details),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

function summarize(details: Record<string, unknown>): string {
  const text = Object.entries(details).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ');
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

export function registerAuditQuery(program: Command, ctx: CliContext): void {
  program
    .command('security:audit:query')
    .description("Lists audit entries: who read which customer's data, when, from where (--actor, --customer, --from, --to)")
    .option('--actor <actor>', 'admin:3, customer:42, admin, cli, or a user name/email')
    .option('--customer <id>', 'entries about this customer (PII reads, changes)')
    .option('--from <time>', 'ISO date/time, inclusive (UTC)')
    .option('--to <time>', 'ISO date/time, exclusive (UTC)')
    .option('--event <name>', 'e.g. customer_pii_read, config_change, lockdown_start')
    .option('--outcome <outcome>', 'success or failure')
    .option('--limit <n>', `at most this many entries (default 1000, max ${MAX_ROWS})`)
    .option('--json', 'one JSON array instead of a table')
    .action(async (flags: AuditQueryFlags) => {
      const filter = toAuditFilter(flags);
      const limit = flags.limit === undefined ? 1000 : Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ROWS) throw new InputError(`--limit must be a whole number from 1 to ${MAX_ROWS}`);
      const records = await queryAudit(await ctx.boot(), filter, limit);
      if (flags.json) ctx.out(JSON.stringify(records.map(({ prevHash: _p, ...r }) => r), null, 2));
      else if (!records.length) ctx.out('No audit entry matches.');
      else for (const line of formatAuditTable(records)) ctx.out(line);
    });
}

export const auditQueryCommand: CommandDeclaration = { name: 'security:audit:query', register: registerAuditQuery };
