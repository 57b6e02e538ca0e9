import { createToken } from '../../../app';
import type { UserSettings } from '../service/user-settings';
import type { AdminTokenRepository } from './admin-token-repository';
import type { AdminUserRepository } from './admin-user-repository';
import type { RoleRepository } from './role-repository';

/** This module's own services: not part of its api, other modules never ask for them. */
export const UserInternal = {
  Users: createToken<AdminUserRepository>('Comptoir_User.internal.AdminUserRepository'),
  Tokens: createToken<AdminTokenRepository>('Comptoir_User.internal.AdminTokenRepository'),
  Roles: createToken<RoleRepository>('Comptoir_User.internal.RoleRepository'),
  Settings: createToken<UserSettings>('Comptoir_User.internal.UserSettings'),
} as const;
