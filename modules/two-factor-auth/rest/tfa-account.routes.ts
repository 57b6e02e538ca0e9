import { z } from 'zod';
import type { RestRoute } from '../../../app';
import { AuthenticationError, NoSuchEntityError } from '../../../app';
import { restActor } from '../../security/api';
import { ACL_MY_ACCOUNT, UserApi, isAdminPrincipal } from '../../user/api';
import { TFA_PROVIDERS, TFA_PROVIDER_CODES } from '../api/tfa-providers';
import { TfaApi } from '../api/tokens';
import { TfaInternal } from '../model/tfa-internal-tokens';
import { knownProvider } from '../service/tfa-manager';

const stepUpBody = z
  .object({ password: z.string().max(1024), otp: z.string().max(16).optional(), recovery_code: z.string().max(32).optional(), publicKeyCredentialJson: z.string().max(16_384).optional() })
  .strict();
const resetBody = z.object({ user_id: z.number().int().positive(), provider: z.string().max(32) }).strict();
const TFA_RESOURCE = 'Magento_TwoFactorAuth::tfa';

const userIdParam = (raw: string) => {
  if (!/^\d+$/.test(raw)) throw new NoSuchEntityError(`The admin user with id ${raw} does not exist.`);
  return Number(raw);
};

/** The signed-in admin's own 2FA (step-up, recovery codes) and Magento's 2FA admin routes. */
export const tfaAccountRoutes: RestRoute[] = [
  {
    method: 'POST',
    path: '/tfa/step-up',
    resource: ACL_MY_ACCOUNT,
    body: stepUpBody,
    handler: async (req) => {
      const b = req.body as z.infer<typeof stepUpBody>;
      const until = await req.get(TfaInternal.SignIn).stepUp(req.principal, { password: b.password, otp: b.otp, recoveryCode: b.recovery_code, publicKeyCredentialJson: b.publicKeyCredentialJson }, restActor(req));
      return { valid_until: until.toISOString() };
    },
  },
  {
    method: 'POST',
    path: '/tfa/recovery-codes',
    resource: ACL_MY_ACCOUNT,
    handler: async (req) => {
      if (!isAdminPrincipal(req.principal)) throw new AuthenticationError('An admin token is required.');
      await req.get(UserApi.StepUp).require(req.principal);
      const codes = await req.get(TfaInternal.RecoveryCodes).generate(req.principal.id, restActor(req));
      return { codes, message: 'Store these codes somewhere safe: they are shown only once, and each works once.' };
    },
  },
  {
    method: 'GET',
    path: '/tfa/installed-providers',
    resource: TFA_RESOURCE,
    handler: async () => TFA_PROVIDER_CODES.map((code) => ({ code, name: TFA_PROVIDERS[code] })),
  },
  {
    method: 'GET',
    path: '/tfa/forced-providers',
    resource: TFA_RESOURCE,
    handler: async (req) => (await req.get(TfaInternal.Settings).forcedProviders()).map((code) => ({ code, name: TFA_PROVIDERS[code] })),
  },
  {
    method: 'GET',
    path: '/tfa/user-providers/:userId',
    resource: TFA_RESOURCE,
    handler: async (req) => {
      const userId = userIdParam(req.params.userId);
      if (!(await req.get(UserApi.AdminUserManager).get(userId))) throw new NoSuchEntityError(`The admin user with id ${userId} does not exist.`);
      return (await req.get(TfaApi.Manager).userProviders(userId)).map((p) => ({ code: p.code, name: p.name, allowed: p.allowed, active: p.active }));
    },
  },
  {
    method: 'POST',
    path: '/tfa/reset',
    resource: TFA_RESOURCE,
    body: resetBody,
    handler: async (req) => {
      await req.get(UserApi.StepUp).require(req.principal);
      const b = req.body as z.infer<typeof resetBody>;
      await req.get(TfaApi.Manager).reset(b.user_id, knownProvider(b.provider), restActor(req));
      return true;
    },
  },
];

export { TFA_RESOURCE };
