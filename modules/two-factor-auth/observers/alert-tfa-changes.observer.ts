import type { AnyObserverDeclaration } from '../../../app/module/manifest';
import type { RequestActor } from '../../security/api';
import { UserApi } from '../../user/api';

function by(actor: RequestActor): string {
  const who = actor.type === 'cli' ? `the command line${actor.name ? ` (system user ${actor.name})` : ''}` : `${actor.type} ${actor.name ?? actor.id ?? ''}`.trim();
  return `${who}${actor.ip ? ` from ${actor.ip}` : ''}`;
}

const CHANGE_TEXT = { activated: 'was activated', secret_set: 'was given a new secret from the command line', reset: 'was reset' } as const;

/** Issue point 5: a 2FA change on any admin account mails the other active admins. */
export const tfaAlertObservers: AnyObserverDeclaration[] = [
  {
    event: 'tfa_provider_activate_after',
    name: 'tfa_alert_provider_changed',
    handler: async ({ user, provider, change, actor }, ctx) => {
      await ctx.get(UserApi.AdminNotifier).notifyOtherAdmins(user.id, `Two-factor authentication changed for ${user.username}`, `The ${provider} provider of the admin account "${user.username}" ${CHANGE_TEXT[change]} by ${by(actor)}.`);
    },
  },
  {
    event: 'tfa_provider_reset_after',
    name: 'tfa_alert_provider_reset',
    handler: async ({ user, provider, actor }, ctx) => {
      await ctx.get(UserApi.AdminNotifier).notifyOtherAdmins(user.id, `Two-factor authentication reset for ${user.username}`, `The ${provider} provider of the admin account "${user.username}" was reset by ${by(actor)}. Its sessions were ended.`);
    },
  },
  {
    event: 'tfa_recovery_codes_generate_after',
    name: 'tfa_alert_recovery_codes',
    handler: async ({ user, actor }, ctx) => {
      await ctx.get(UserApi.AdminNotifier).notifyOtherAdmins(user.id, `New recovery codes for ${user.username}`, `New two-factor recovery codes were generated for the admin account "${user.username}" by ${by(actor)}; the previous ones no longer work.`);
    },
  },
];
