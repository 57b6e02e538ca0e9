import type { AnyObserverDeclaration } from '../../../app/module/manifest';
import type { RequestActor } from '../../security/api';
import type { AdminUser } from '../api/admin-user';
import { UserApi } from '../api/tokens';

export function describeActor(actor: RequestActor): string {
  const who = actor.type === 'cli' ? `the command line${actor.name ? ` (system user ${actor.name})` : ''}` : `${actor.type} ${actor.name ?? actor.id ?? ''}`.trim();
  return `${who}${actor.ip ? ` from ${actor.ip}` : ''} via ${actor.channel}`;
}

const line = (user: AdminUser) => `"${user.username}" (${user.firstname} ${user.lastname}, ${user.email})`;

/** Security alerts (issue point 5): each of these events mails the other active admins, in the event's transaction. */
export const alertObservers: AnyObserverDeclaration[] = [
  {
    event: 'admin_user_create_after',
    name: 'user_alert_admin_created',
    handler: async ({ user, actor }, ctx) => {
      await ctx.get(UserApi.AdminNotifier).notifyOtherAdmins(user.id, 'A new admin account was created', `The admin account ${line(user)} with role "${user.roleName}" was created by ${describeActor(actor)}.`);
    },
  },
  {
    event: 'admin_user_unlock_after',
    name: 'user_alert_admin_unlocked',
    handler: async ({ user, actor }, ctx) => {
      await ctx.get(UserApi.AdminNotifier).notifyOtherAdmins(user.id, 'An admin account was unlocked', `The admin account ${line(user)} was unlocked by ${describeActor(actor)}.`);
    },
  },
  {
    event: 'admin_user_lock_after',
    name: 'user_alert_admin_locked',
    handler: async ({ user, actor }, ctx) => {
      await ctx.get(UserApi.AdminNotifier).notifyOtherAdmins(user.id, 'An admin account was locked', `The admin account ${line(user)} was locked after too many failed sign-ins (last attempt ${describeActor(actor)}).`);
    },
  },
];
