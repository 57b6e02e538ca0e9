import { z } from 'zod';
import type { RestRoute } from '../../../app';
import { restActor } from '../../security/api';
import { TfaInternal } from '../model/tfa-internal-tokens';

const tfaToken = z.string().max(4096);
const configure = z.object({ tfaToken }).strict();
const activateGoogle = z.object({ tfaToken, otp: z.string().max(16) }).strict();
const activateKey = z.object({ tfaToken, publicKeyCredentialJson: z.string().max(16_384) }).strict();

/**
 * First-time enrollment with the mailed configuration token (Magento's tfat). The configure answer is the one place a TOTP
 * secret is ever shown: to the holder of the mailed token, before activation.
 */
export const tfaEnrollmentRoutes: RestRoute[] = [
  {
    method: 'POST',
    path: '/tfa/provider/google/configure',
    resource: 'anonymous',
    body: configure,
    handler: async (req) => {
      const data = await req.get(TfaInternal.Enrollment).configureGoogle((req.body as z.infer<typeof configure>).tfaToken);
      return { qr_code_url: data.qrCodeUrl, secret_code: data.secret, otpauth_uri: data.uri };
    },
  },
  {
    method: 'POST',
    path: '/tfa/provider/google/activate',
    resource: 'anonymous',
    body: activateGoogle,
    handler: async (req) => {
      const b = req.body as z.infer<typeof activateGoogle>;
      await req.get(TfaInternal.Enrollment).activateGoogle(b.tfaToken, b.otp, restActor(req));
      return true;
    },
  },
  {
    method: 'POST',
    path: '/tfa/provider/u2fkey/configure',
    resource: 'anonymous',
    body: configure,
    handler: async (req) => ({ credential_request_options_json: await req.get(TfaInternal.Enrollment).configureU2fKey((req.body as z.infer<typeof configure>).tfaToken) }),
  },
  {
    method: 'POST',
    path: '/tfa/provider/u2fkey/activate',
    resource: 'anonymous',
    body: activateKey,
    handler: async (req) => {
      const b = req.body as z.infer<typeof activateKey>;
      await req.get(TfaInternal.Enrollment).activateU2fKey(b.tfaToken, b.publicKeyCredentialJson, restActor(req));
      return true;
    },
  },
];
