import { z } from 'zod';
import type { ConfigFieldDeclaration } from '../../../app';
import { TfaConfigPath as P } from '../api/tfa-config-paths';
import { TFA_PROVIDER_CODES, type TfaProviderCode } from '../api/tfa-providers';

const int = z.coerce.number().int();
const global: ConfigFieldDeclaration['scopes'] = ['default'];

/** Magento stores the multiselect as "google,u2fkey"; a JSON array is accepted too. */
const providers = z.preprocess(
  (v) => (typeof v === 'string' && !v.trim().startsWith('[') ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
  z.array(z.enum(TFA_PROVIDER_CODES as [TfaProviderCode, ...TfaProviderCode[]], { error: `known providers: ${TFA_PROVIDER_CODES.join(', ')}` })).min(1, { error: 'at least one provider is required: 2FA cannot be switched off' }),
);

export const tfaConfigFields: Record<string, ConfigFieldDeclaration> = {
  [P.ForceProviders]: { schema: providers, default: ['google'], scopes: global, label: 'Providers to Enforce' },
  [P.Retry]: { schema: int.min(1).max(10, { error: 'at most 10 tries may be allowed' }), default: 10, scopes: global, label: 'Retry attempt limit for Two-Factor Authentication' },
  [P.LockExpire]: { schema: int.min(300, { error: 'the lock must last at least 300 seconds' }).max(86_400), default: 300, scopes: global, label: 'Two-Factor Authentication lockout time (seconds)' },
  [P.WebapiNotificationUrl]: {
    schema: z.union([z.literal(''), z.url({ protocol: /^https$/, error: 'must be an https URL' }).refine((u) => u.includes(':tfat'), { error: 'must contain the :tfat placeholder' })]),
    default: '',
    scopes: global,
    label: 'Web API 2FA configuration email URL (":tfat" is replaced by the token)',
  },
  [P.GoogleLeeway]: { schema: int.min(0).max(29, { error: 'must be less than 30 seconds' }), default: 29, scopes: global, label: 'OTP Window (seconds)' },
  [P.GoogleIssuer]: { schema: z.string().trim().min(1).max(64), default: 'Comptoir', scopes: global, label: 'Issuer name shown in authenticator apps' },
  [P.U2fDomain]: {
    schema: z.union([z.literal(''), z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, { error: 'must be a domain name such as admin.example.com' })]),
    default: '',
    scopes: global,
    label: 'WebAuthn domain (relying party id)',
  },
};
