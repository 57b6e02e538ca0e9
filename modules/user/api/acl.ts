import type { RequestActor } from '../../security/api';

/** The resource that grants everything, as in Magento. */
export const ACL_ALL = 'Magento_Backend::all';
/** Granted to every signed-in admin: their own session, step-up and recovery codes. */
export const ACL_MY_ACCOUNT = 'Magento_Backend::myaccount';

export const AclResource = {
  All: ACL_ALL,
  MyAccount: ACL_MY_ACCOUNT,
  Permissions: 'Magento_User::acl',
  Users: 'Magento_User::acl_users',
  Roles: 'Magento_User::acl_roles',
  Locks: 'Magento_User::locks',
} as const;

export interface AclResourceNode {
  id: string;
  title: string;
  parent: string | null;
  module: string;
}

export interface AdminRole {
  id: number;
  name: string;
  resources: string[];
}

/** Roles (Magento's authorization_role of type G) and their allowed resources (authorization_rule). Deny by default. */
export interface AclService {
  /** Every resource declared by the enabled modules' manifests (`acl`). */
  resources(): AclResourceNode[];
  /** Allowed when the role has the resource, one of its ancestors, or Magento_Backend::all. */
  isAllowed(roleId: number | null, resource: string): Promise<boolean>;
  /** Refuses a resource no enabled module declares, with the unknown ids named. */
  createRole(input: { name: string; resources: string[] }, actor: RequestActor): Promise<AdminRole>;
  getRole(idOrName: number | string): Promise<AdminRole | undefined>;
  listRoles(): Promise<AdminRole[]>;
}

export const DEFAULT_ADMIN_ROLE = 'Administrators';
