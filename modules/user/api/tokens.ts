import { createToken } from '../../../app';
import type { AclService } from './acl';
import type { AdminNotifier } from './admin-notifier';
import type { AdminTokenService, StepUp } from './admin-token';
import type { AdminCredentialVerifier, AdminUserManager } from './admin-user';

export const UserApi = {
  AdminUserManager: createToken<AdminUserManager>('Comptoir_User.AdminUserManager'),
  CredentialVerifier: createToken<AdminCredentialVerifier>('Comptoir_User.CredentialVerifier'),
  AdminTokenService: createToken<AdminTokenService>('Comptoir_User.AdminTokenService'),
  StepUp: createToken<StepUp>('Comptoir_User.StepUp'),
  Acl: createToken<AclService>('Comptoir_User.Acl'),
  AdminNotifier: createToken<AdminNotifier>('Comptoir_User.AdminNotifier'),
} as const;
