import type { AdminRole } from '../api/acl';
import type { AdminUser } from '../api/admin-user';

/** What REST shows of an admin: an allowlist of fields, so a hash or a 2FA secret can never slip into a response (API-03). */
export const adminUserDto = (u: AdminUser) => ({
  id: u.id,
  username: u.username,
  firstname: u.firstname,
  lastname: u.lastname,
  email: u.email,
  is_active: u.isActive,
  lock_expires: u.lockExpiresAt ? u.lockExpiresAt.toISOString() : null,
  role_id: u.roleId,
  role_name: u.roleName,
  created: u.createdAt.toISOString(),
  logdate: u.lastLoginAt ? u.lastLoginAt.toISOString() : null,
});

export const roleDto = (r: AdminRole) => ({ id: r.id, name: r.name, resources: r.resources });
