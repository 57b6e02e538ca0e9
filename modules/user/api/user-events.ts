import type { RequestActor } from '../../security/api';
import type { AdminRole } from './acl';
import type { AdminUser } from './admin-user';

export interface AdminUserEvent {
  user: AdminUser;
  actor: RequestActor;
}

export interface AdminRoleEvent {
  role: AdminRole;
  actor: RequestActor;
}

declare module '../../../app/event/event-map' {
  interface EventMap {
    admin_user_create_after: AdminUserEvent;
    admin_user_unlock_after: AdminUserEvent;
    /** The account reached admin/security/lockout_failures. */
    admin_user_lock_after: AdminUserEvent;
    admin_user_password_change_after: AdminUserEvent;
    authorization_role_save_after: AdminRoleEvent;
  }
}
