import { defineModule, Kernel } from '../../app';
import { AclResource } from './api/acl';
import { UserApi } from './api/tokens';
import { adminRoleCreateCommand } from './cli/admin-role-create.command';
import { adminUserCreateCommand } from './cli/admin-user-create.command';
import { adminUserUnlockCommand } from './cli/admin-user-unlock.command';
import { userConfigFields } from './config/user-config-fields';
import { userMigrations } from './migrations/0001-create-user-tables';
import { AdminTokenRepository } from './model/admin-token-repository';
import { AdminUserRepository } from './model/admin-user-repository';
import { RoleRepository } from './model/role-repository';
import { UserInternal } from './model/user-internal-tokens';
import { alertObservers } from './observers/alert-other-admins.observer';
import { adminRoleRoutes } from './rest/admin-roles.routes';
import { adminTokenRoutes } from './rest/admin-token.routes';
import { adminUserRoutes } from './rest/admin-users.routes';
import { ManifestAclService } from './service/acl-service';
import { DefaultAdminCredentialVerifier } from './service/admin-credential-verifier';
import { AdminMailNotifier } from './service/admin-mail-notifier';
import { JwtAdminTokenService } from './service/admin-token-service';
import { DefaultAdminUserManager } from './service/admin-user-manager';
import { installAdminUser } from './service/install-admin';
import { JwtAdminAuthorizer } from './service/jwt-admin-authorizer';
import { TokenStepUp } from './service/step-up-service';
import { UserSettings } from './service/user-settings';

/**
 * Magento_User's role: admin accounts (AUTH-01 passwords, AUTH-02 lockout), roles and ACL resources, admin JWTs with an idle
 * timeout, an absolute lifetime and revocation (AUTH-04/05), step-up, and the REST authorizer every admin route goes through.
 */
export default defineModule({
  name: 'Comptoir_User',
  version: '1.0.0',
  sequence: ['Comptoir_Security'],
  description: 'Admin users, roles and ACL, admin tokens, the admin REST authorizer',
  services: (bind) => {
    bind(UserInternal.Users).to(AdminUserRepository).inSingletonScope();
    bind(UserInternal.Tokens).to(AdminTokenRepository).inSingletonScope();
    bind(UserInternal.Roles).to(RoleRepository).inSingletonScope();
    bind(UserInternal.Settings).to(UserSettings).inSingletonScope();
    bind(UserApi.Acl).to(ManifestAclService).inSingletonScope();
    bind(UserApi.AdminTokenService).to(JwtAdminTokenService).inSingletonScope();
    bind(UserApi.StepUp).to(TokenStepUp).inSingletonScope();
    bind(UserApi.CredentialVerifier).to(DefaultAdminCredentialVerifier).inSingletonScope();
    bind(UserApi.AdminUserManager).to(DefaultAdminUserManager).inSingletonScope();
    bind(UserApi.AdminNotifier).to(AdminMailNotifier).inSingletonScope();
  },
  preferences: [{ for: Kernel.AdminAuthorizer, type: JwtAdminAuthorizer }],
  migrations: userMigrations,
  config: userConfigFields,
  observers: alertObservers,
  rest: [...adminTokenRoutes, ...adminUserRoutes, ...adminRoleRoutes],
  acl: [
    { id: AclResource.All, title: 'All resources' },
    { id: AclResource.MyAccount, title: 'My Account (every signed-in admin)' },
    { id: 'Magento_Backend::system', title: 'System' },
    { id: AclResource.Permissions, title: 'Permissions', parent: 'Magento_Backend::system' },
    { id: AclResource.Users, title: 'All Users', parent: AclResource.Permissions },
    { id: AclResource.Roles, title: 'User Roles', parent: AclResource.Permissions },
    { id: AclResource.Locks, title: 'Locked Users', parent: AclResource.Permissions },
  ],
  commands: [adminUserCreateCommand, adminUserUnlockCommand, adminRoleCreateCommand],
  setup: { install: installAdminUser },
  logRedact: ['req.body.password', 'req.body.otp', 'req.body.tfaToken', 'req.headers.authorization'],
});
