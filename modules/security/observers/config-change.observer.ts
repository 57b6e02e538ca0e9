import type { ObserverDeclaration } from '../../../app';
import { currentAuditActor } from '../api/audit-context';
import { SecurityApi } from '../api/tokens';

/**
 * LOG-01 / IR-02: every configuration change with its scope, old and new value (sensitive values arrive masked from the
 * kernel), written in the change's own transaction: no change without its entry, no entry for a change that rolled back.
 */
export const configChangeObserver: ObserverDeclaration<'config_save_after'> = {
  event: 'config_save_after',
  name: 'security_audit_config_change',
  handler: async (change, ctx) => {
    await ctx.get(SecurityApi.AuditLog).record({
      actor: currentAuditActor(),
      event: 'config_change',
      outcome: 'success',
      resource: { type: 'config', id: change.path },
      details: {
        scope: change.scope,
        scope_code: change.scopeCode,
        scope_id: change.scopeId,
        old_value: change.oldValue,
        new_value: change.newValue,
        sensitive: change.sensitive,
      },
    });
  },
};
