import { defineModule } from '../../app';
import { TfaApi } from './api/tokens';
import { tfaGoogleSetSecretCommand } from './cli/tfa-google-set-secret.command';
import { tfaProvidersCommand } from './cli/tfa-providers.command';
import { tfaResetCommand } from './cli/tfa-reset.command';
import { tfaConfigFields } from './config/tfa-config-fields';
import { tfaMigrations } from './migrations/0001-create-tfa-tables';
import { RecoveryCodeRepository } from './model/recovery-code-repository';
import { TfaInternal } from './model/tfa-internal-tokens';
import { TfaUserConfigRepository } from './model/tfa-user-config-repository';
import { WebauthnRepository } from './model/webauthn-repository';
import { tfaAlertObservers } from './observers/alert-tfa-changes.observer';
import { TFA_RESOURCE, tfaAccountRoutes } from './rest/tfa-account.routes';
import { tfaEnrollmentRoutes } from './rest/tfa-enrollment.routes';
import { tfaSignInRoutes } from './rest/tfa-sign-in.routes';
import { ConfigurationTokens } from './service/configuration-tokens';
import { GoogleProvider } from './service/google-provider';
import { OtpThrottle } from './service/otp-throttle';
import { RecoveryCodes } from './service/recovery-codes';
import { TfaEnrollment } from './service/tfa-enrollment';
import { DefaultTfaManager } from './service/tfa-manager';
import { TfaSettings } from './service/tfa-settings';
import { TfaSignIn } from './service/tfa-sign-in';
import { U2fKeyProvider } from './service/u2fkey-provider';

/**
 * Magento_TwoFactorAuth's role: mandatory 2FA for every admin (AUTH-03). TOTP (`google`, RFC 6238 on node:crypto, OTP-01..05),
 * WebAuthn (`u2fkey`, OTP-07), recovery codes (OTP-06), Magento's REST flow and CLI, and step-up re-authentication (AUTH-05).
 */
export default defineModule({
  name: 'Comptoir_TwoFactorAuth',
  version: '1.0.0',
  sequence: ['Comptoir_Security', 'Comptoir_User'],
  description: 'Mandatory two-factor authentication for admins: TOTP, WebAuthn, recovery codes',
  services: (bind) => {
    bind(TfaInternal.UserConfig).to(TfaUserConfigRepository).inSingletonScope();
    bind(TfaInternal.RecoveryCodeRepo).to(RecoveryCodeRepository).inSingletonScope();
    bind(TfaInternal.Webauthn).to(WebauthnRepository).inSingletonScope();
    bind(TfaInternal.Settings).to(TfaSettings).inSingletonScope();
    bind(TfaInternal.Throttle).to(OtpThrottle).inSingletonScope();
    bind(TfaInternal.ConfigTokens).to(ConfigurationTokens).inSingletonScope();
    bind(TfaInternal.Google).to(GoogleProvider).inSingletonScope();
    bind(TfaInternal.U2fKey).to(U2fKeyProvider).inSingletonScope();
    bind(TfaInternal.RecoveryCodes).to(RecoveryCodes).inSingletonScope();
    bind(TfaInternal.SignIn).to(TfaSignIn).inSingletonScope();
    bind(TfaInternal.Enrollment).to(TfaEnrollment).inSingletonScope();
    bind(TfaApi.Manager).to(DefaultTfaManager).inSingletonScope();
  },
  migrations: tfaMigrations,
  config: tfaConfigFields,
  observers: tfaAlertObservers,
  rest: [...tfaSignInRoutes, ...tfaEnrollmentRoutes, ...tfaAccountRoutes],
  acl: [{ id: TFA_RESOURCE, title: 'Two Factor Auth', parent: 'Magento_User::acl' }],
  commands: [tfaProvidersCommand, tfaResetCommand, tfaGoogleSetSecretCommand],
  logRedact: ['req.body.otp', 'req.body.code', 'req.body.recovery_code', 'req.body.tfaToken', 'req.body.publicKeyCredentialJson'],
});
