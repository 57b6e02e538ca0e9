import { z } from 'zod';
import type { RestRoute } from '../../../app';
import { AuthenticationError } from '../../../app';
import { restActor } from '../../security/api';
import { ACL_MY_ACCOUNT } from '../api/acl';
import { isAdminPrincipal } from '../api/admin-token';
import { UserApi } from '../api/tokens';

export const credentialsBody = z.object({ username: z.string().max(255), password: z.string().max(1024) }).strict();

/**
 * Magento's admin token route. AUTH-03: a password alone never gets a token. Without the two-factor module this route can only
 * say so; Comptoir_TwoFactorAuth redeclares it with the enrollment flow.
 */
export const adminTokenRoutes: RestRoute[] = [
  {
    method: 'POST',
    path: '/integration/admin/token',
    resource: 'anonymous',
    body: credentialsBody,
    handler: async (req) => {
      const { username, password } = req.body as z.infer<typeof credentialsBody>;
      await req.get(UserApi.CredentialVerifier).verify(username, password, restActor(req));
      throw new AuthenticationError('Two-factor authentication is required to sign in, and no two-factor module is enabled: enable Comptoir_TwoFactorAuth.');
    },
  },
  {
    method: 'DELETE',
    path: '/integration/admin/token',
    resource: ACL_MY_ACCOUNT,
    handler: async (req) => {
      if (!isAdminPrincipal(req.principal)) throw new AuthenticationError('An admin token is required.');
      await req.get(UserApi.AdminTokenService).revoke(req.principal.tokenId, restActor(req));
      return true;
    },
  },
];
