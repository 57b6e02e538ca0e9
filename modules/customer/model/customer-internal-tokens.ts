import { createToken } from '../../../app';
import type { AddressValidator } from '../service/address-validator';
import type { CustomerAuthenticator } from '../service/customer-authenticator';
import type { CustomerMailer } from '../service/customer-mailer';
import type { CustomerSettings } from '../service/customer-settings';
import type { CustomerJwt } from '../service/customer-jwt';
import type { PasswordPolicy } from '../service/password-policy';
import type { ResetThrottle } from '../service/reset-throttle';
import type { AddressStore } from './address-store';
import type { CustomerStore } from './customer-store';
import type { PiiCipher } from './pii-cipher';
import type { ResetRequestStore } from './reset-request-store';

/** This module's own services: bound in module.ts, never imported by other modules (they use api/). */
export const CustomerInternal = {
  Cipher: createToken<PiiCipher>('Comptoir_Customer.internal.PiiCipher'),
  CustomerStore: createToken<CustomerStore>('Comptoir_Customer.internal.CustomerStore'),
  AddressStore: createToken<AddressStore>('Comptoir_Customer.internal.AddressStore'),
  ResetRequestStore: createToken<ResetRequestStore>('Comptoir_Customer.internal.ResetRequestStore'),
  Settings: createToken<CustomerSettings>('Comptoir_Customer.internal.Settings'),
  PasswordPolicy: createToken<PasswordPolicy>('Comptoir_Customer.internal.PasswordPolicy'),
  Authenticator: createToken<CustomerAuthenticator>('Comptoir_Customer.internal.Authenticator'),
  Jwt: createToken<CustomerJwt>('Comptoir_Customer.internal.Jwt'),
  Mailer: createToken<CustomerMailer>('Comptoir_Customer.internal.Mailer'),
  AddressValidator: createToken<AddressValidator>('Comptoir_Customer.internal.AddressValidator'),
  ResetThrottle: createToken<ResetThrottle>('Comptoir_Customer.internal.ResetThrottle'),
} as const;
