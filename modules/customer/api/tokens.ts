import { createToken } from '../../../app';
import type { CustomerAccountManagement } from './customer-account';
import type { CustomerAddressManagement } from './customer-address-management';
import type { CustomerAuth } from './customer-auth';
import type { CustomerRepository } from './customer-repository';
import type { CustomerTokenService } from './customer-tokens';
import type { CustomerPasswordReset } from './password-reset';

/** Service ids other modules ask the container for. */
export const CustomerApi = {
  CustomerRepository: createToken<CustomerRepository>('Comptoir_Customer.CustomerRepository'),
  AccountManagement: createToken<CustomerAccountManagement>('Comptoir_Customer.AccountManagement'),
  AddressManagement: createToken<CustomerAddressManagement>('Comptoir_Customer.AddressManagement'),
  CustomerAuth: createToken<CustomerAuth>('Comptoir_Customer.CustomerAuth'),
  TokenService: createToken<CustomerTokenService>('Comptoir_Customer.TokenService'),
  PasswordReset: createToken<CustomerPasswordReset>('Comptoir_Customer.PasswordReset'),
} as const;
