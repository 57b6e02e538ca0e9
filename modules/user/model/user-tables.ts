/** Magento's table names (admin_user, admin_passwords, authorization_role/rule) plus admin_token for server-side sessions. */
export const UserTable = {
  user: 'admin_user',
  passwords: 'admin_passwords',
  role: 'authorization_role',
  rule: 'authorization_rule',
  token: 'admin_token',
} as const;

/** authorization_role.role_type: a role (group) or a user's membership row, as in Magento. */
export const ROLE_TYPE_GROUP = 'G';
export const ROLE_TYPE_USER = 'U';
/** Magento's UserContextInterface::USER_TYPE_ADMIN. */
export const USER_TYPE_ADMIN = '2';
/** The role created at install (Magento's "Administrators", id 1). */
export const ADMINISTRATORS_ROLE_ID = 1;
