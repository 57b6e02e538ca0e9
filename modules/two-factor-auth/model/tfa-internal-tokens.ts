import { createToken } from '../../../app';
import type { ConfigurationTokens } from '../service/configuration-tokens';
import type { GoogleProvider } from '../service/google-provider';
import type { OtpThrottle } from '../service/otp-throttle';
import type { RecoveryCodes } from '../service/recovery-codes';
import type { TfaEnrollment } from '../service/tfa-enrollment';
import type { TfaSettings } from '../service/tfa-settings';
import type { TfaSignIn } from '../service/tfa-sign-in';
import type { U2fKeyProvider } from '../service/u2fkey-provider';
import type { RecoveryCodeRepository } from './recovery-code-repository';
import type { TfaUserConfigRepository } from './tfa-user-config-repository';
import type { WebauthnRepository } from './webauthn-repository';

export const TfaInternal = {
  UserConfig: createToken<TfaUserConfigRepository>('Comptoir_TwoFactorAuth.internal.UserConfigRepository'),
  RecoveryCodeRepo: createToken<RecoveryCodeRepository>('Comptoir_TwoFactorAuth.internal.RecoveryCodeRepository'),
  Webauthn: createToken<WebauthnRepository>('Comptoir_TwoFactorAuth.internal.WebauthnRepository'),
  Settings: createToken<TfaSettings>('Comptoir_TwoFactorAuth.internal.Settings'),
  Throttle: createToken<OtpThrottle>('Comptoir_TwoFactorAuth.internal.OtpThrottle'),
  ConfigTokens: createToken<ConfigurationTokens>('Comptoir_TwoFactorAuth.internal.ConfigurationTokens'),
  Google: createToken<GoogleProvider>('Comptoir_TwoFactorAuth.internal.GoogleProvider'),
  U2fKey: createToken<U2fKeyProvider>('Comptoir_TwoFactorAuth.internal.U2fKeyProvider'),
  RecoveryCodes: createToken<RecoveryCodes>('Comptoir_TwoFactorAuth.internal.RecoveryCodes'),
  SignIn: createToken<TfaSignIn>('Comptoir_TwoFactorAuth.internal.SignIn'),
  Enrollment: createToken<TfaEnrollment>('Comptoir_TwoFactorAuth.internal.Enrollment'),
} as const;
