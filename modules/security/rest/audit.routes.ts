import { z } from 'zod';
import type { RestRoute } from '../../../app';
import { InputError } from '../../../app';
import type { AuditRecord } from '../api/audit-log';
import { SecurityApi } from '../api/tokens';

export const AUDIT_RESOURCE = 'Comptoir_Security::audit_log';

const querySchema = z
  .object({
    event: z.string().regex(/^[a-z][a-z0-9_]{1,63}$/).optional(),
    actor_type: z.enum(['admin', 'customer', 'cli', 'system', 'anonymous']).optional(),
    actor_id: z.string().max(64).optional(),
    outcome: z.enum(['success', 'failure']).optional(),
    resource_type: z.string().max(64).optional(),
    resource_id: z.string().max(64).optional(),
    since: z.iso.datetime().optional(),
    until: z.iso.datetime().optional(),
    after_id: z.coerce.number().int().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
  })
  .strict();

const dto = (r: AuditRecord) => ({
  id: r.id,
  created_at: r.createdAt,
  actor_type: r.actorType,
  actor_id: r.actorId,
  actor_name: r.actorName,
  event: r.event,
  outcome: r.outcome,
  ip: r.ip,
  channel: r.channel,
  resource_type: r.resourceType,
  resource_id: r.resourceId,
  details: r.details,
  hash: r.hash,
});

export const auditRoutes: RestRoute[] = [
  {
    method: 'GET',
    path: '/security/audit-log',
    resource: AUDIT_RESOURCE,
    handler: async (req) => {
      const parsed = querySchema.safeParse(req.query);
      if (!parsed.success) throw new InputError(`Invalid filter: ${parsed.error.issues.map((i) => `${i.path.join('.') || i.message}`).join(', ')}`);
      const q = parsed.data;
      const items = await req.get(SecurityApi.AuditLog).list({
        event: q.event,
        actorType: q.actor_type,
        actorId: q.actor_id,
        outcome: q.outcome,
        resourceType: q.resource_type,
        resourceId: q.resource_id,
        since: q.since,
        until: q.until,
        afterId: q.after_id,
        limit: q.limit,
      });
      return { items: items.map(dto), total_count: items.length };
    },
  },
  {
    method: 'GET',
    path: '/security/audit-log/verify',
    resource: AUDIT_RESOURCE,
    handler: async (req) => {
      const r = await req.get(SecurityApi.AuditLog).verify();
      return { ok: r.ok, checked: r.checked, head_id: r.headId, head_hash: r.headHash, problems: r.problems };
    },
  },
];
