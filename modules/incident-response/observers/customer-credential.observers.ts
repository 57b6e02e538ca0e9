import type { ObserverDeclaration } from '../../../app';
import { SecurityApi, currentAuditActor, currentAuditScope } from '../../security/api';

/** LOG-01: sign-ins, credential changes (password, email) of customers, in the transaction that made them. */
export const customerLoginObserver: ObserverDeclaration<'customer_login'> = {
  event: 'customer_login',
  name: 'incident_response_audit_customer_login',
  handler: async (e, ctx) => {
    const origin = currentAuditScope()?.actor;
    await ctx.get(SecurityApi.AuditLog).record({
      actor: { type: 'customer', id: e.customerId, ip: origin?.ip ?? null, channel: origin?.channel ?? 'system' },
      event: 'customer_login',
      outcome: 'success',
      resource: { type: 'customer', id: e.customerId },
      details: { website_id: e.websiteId },
    });
  },
};

export const customerPasswordObserver: ObserverDeclaration<'customer_password_changed'> = {
  event: 'customer_password_changed',
  name: 'incident_response_audit_customer_password',
  handler: async (e, ctx) => {
    await ctx.get(SecurityApi.AuditLog).record({
      actor: currentAuditActor(),
      event: 'customer_password_change',
      outcome: 'success',
      resource: { type: 'customer', id: e.customerId },
      details: { reason: e.reason },
    });
  },
};

export const customerEmailObserver: ObserverDeclaration<'customer_save_after'> = {
  event: 'customer_save_after',
  name: 'incident_response_audit_customer_email',
  handler: async (e, ctx) => {
    if (e.isNew || !e.changed.includes('email')) return;
    await ctx.get(SecurityApi.AuditLog).record({
      actor: currentAuditActor(),
      event: 'customer_email_change',
      outcome: 'success',
      resource: { type: 'customer', id: e.customerId },
    });
  },
};
