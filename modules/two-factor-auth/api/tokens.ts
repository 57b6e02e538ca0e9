import { createToken } from '../../../app';
import type { TfaManager } from './tfa-manager';

export const TfaApi = {
  Manager: createToken<TfaManager>('Comptoir_TwoFactorAuth.Manager'),
} as const;
