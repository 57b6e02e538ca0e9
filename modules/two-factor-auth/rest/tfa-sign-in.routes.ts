import { z } from 'zod';
import type { RestRoute } from '../../../app';
import { restActor } from '../../security/api';
import { TfaInternal } from '../model/tfa-internal-tokens';

const username = z.string().max(255);
const password = z.string().max(1024);
const credentials = z.object({ username, password }).strict();
const withOtp = z.object({ username, password, otp: z.string().max(16) }).strict();
const withKey = z.object({ username, password, publicKeyCredentialJson: z.string().max(16_384) }).strict();
const withRecovery = z.object({ username, password, code: z.string().max(32) }).strict();

/**
 * Magento_TwoFactorAuth's sign-in routes. `POST /V1/integration/admin/token` is redeclared here (it replaces the user
 * module's): it never returns a token (AUTH-03); the provider routes return the admin token as a JSON string, as Magento does.
 */
export const tfaSignInRoutes: RestRoute[] = [
  {
    method: 'POST',
    path: '/integration/admin/token',
    resource: 'anonymous',
    body: credentials,
    handler: async (req) => {
      const b = req.body as z.infer<typeof credentials>;
      return req.get(TfaInternal.SignIn).requestAdminToken(b.username, b.password, restActor(req));
    },
  },
  {
    method: 'POST',
    path: '/tfa/provider/google/authenticate',
    resource: 'anonymous',
    body: withOtp,
    handler: async (req) => {
      const b = req.body as z.infer<typeof withOtp>;
      return req.get(TfaInternal.SignIn).withGoogle(b.username, b.password, b.otp, restActor(req));
    },
  },
  {
    method: 'POST',
    path: '/tfa/provider/u2fkey/authentication-challenge',
    resource: 'anonymous',
    body: credentials,
    handler: async (req) => {
      const b = req.body as z.infer<typeof credentials>;
      return { credential_request_options_json: await req.get(TfaInternal.SignIn).u2fChallenge(b.username, b.password, restActor(req)) };
    },
  },
  {
    method: 'POST',
    path: '/tfa/provider/u2fkey/verify',
    resource: 'anonymous',
    body: withKey,
    handler: async (req) => {
      const b = req.body as z.infer<typeof withKey>;
      return req.get(TfaInternal.SignIn).withU2fKey(b.username, b.password, b.publicKeyCredentialJson, restActor(req));
    },
  },
  {
    method: 'POST',
    path: '/tfa/recovery-codes/authenticate',
    resource: 'anonymous',
    body: withRecovery,
    handler: async (req) => {
      const b = req.body as z.infer<typeof withRecovery>;
      return req.get(TfaInternal.SignIn).withRecoveryCode(b.username, b.password, b.code, restActor(req));
    },
  },
];
