import { z } from 'zod';
import type { RestRoute } from '../../../app';
import { UserApi } from '../../user/api';
import { restActor } from '../../security/api';
import { IncidentResponseApi } from '../api/tokens';

export const LOCKDOWN_RESOURCE = 'Comptoir_IncidentResponse::lockdown';

export const lockdownRoutes: RestRoute[] = [
  {
    method: 'GET',
    path: '/security/lockdown',
    resource: LOCKDOWN_RESOURCE,
    handler: async (req) => {
      const s = await req.get(IncidentResponseApi.Lockdown).state();
      return { active: s.active, reason: s.reason, started_at: s.startedAt, ended_at: s.endedAt, started_by: s.startedBy };
    },
  },
  {
    method: 'POST',
    path: '/security/lockdown',
    resource: LOCKDOWN_RESOURCE,
    body: z.object({ active: z.boolean(), reason: z.string().trim().min(1).max(255).optional() }).strict(),
    handler: async (req) => {
      // AUTH-05: a stolen session alone must not be able to flip this either way.
      await req.get(UserApi.StepUp).require(req.principal);
      const body = req.body as { active: boolean; reason?: string };
      const lockdown = req.get(IncidentResponseApi.Lockdown);
      if (!body.active) {
        const r = await lockdown.deactivate(restActor(req));
        return { active: false, mail_released: r.mailReleased };
      }
      const r = await lockdown.activate(restActor(req), body.reason ?? '');
      return {
        active: true,
        admin_tokens_revoked: r.adminTokensRevoked,
        customer_tokens_revoked: r.customerTokensRevoked,
        integration_tokens_revoked: r.integrationTokensRevoked,
        mail_held: r.mailHeld,
        key_version: r.keyVersion,
        reencrypted: r.reencrypted,
      };
    },
  },
];
