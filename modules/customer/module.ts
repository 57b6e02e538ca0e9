import { defineModule } from '../../app';
import { CustomerApi } from './api/tokens';
import { customerConfigFields } from './config/customer-config-fields';
import { customerGraphQlResolvers } from './graphql/resolvers';
import { customerMigrations } from './migrations';
import { AddressStore } from './model/address-store';
import { CustomerInternal } from './model/customer-internal-tokens';
import { CustomerStore } from './model/customer-store';
import { PiiCipher } from './model/pii-cipher';
import { ResetRequestStore } from './model/reset-request-store';
import { CustomerAcl, customerRoutes } from './rest/customer.routes';
import { DefaultAccountManagement } from './service/account-management';
import { DefaultAddressManagement } from './service/address-management';
import { AddressValidator } from './service/address-validator';
import { CustomerAuthenticator } from './service/customer-authenticator';
import { JwtCustomerAuth } from './service/customer-auth';
import { CustomerJwt } from './service/customer-jwt';
import { CustomerMailer } from './service/customer-mailer';
import { DbCustomerRepository } from './service/customer-repository';
import { CustomerSettings } from './service/customer-settings';
import { JwtCustomerTokenService } from './service/customer-token-service';
import { PasswordPolicy } from './service/password-policy';
import { TokenPasswordReset } from './service/password-reset';
import { ResetThrottle } from './service/reset-throttle';

/**
 * Magento_Customer's role (with CustomerGraphQl, JwtUserToken and the customer half of Magento_Security): accounts per website,
 * groups, the address book, passwords, tokens with revocation, lockout and throttled password reset; personal data encrypted
 * at rest.
 */
export default defineModule({
  name: 'Comptoir_Customer',
  version: '1.0.0',
  description: 'Customer accounts, groups and addresses; JWT tokens, lockout, password reset; encrypted personal data',
  sequence: ['Comptoir_Store', 'Comptoir_Directory'],
  services: (bind) => {
    bind(CustomerInternal.Cipher).to(PiiCipher).inSingletonScope();
    bind(CustomerInternal.CustomerStore).to(CustomerStore).inSingletonScope();
    bind(CustomerInternal.AddressStore).to(AddressStore).inSingletonScope();
    bind(CustomerInternal.ResetRequestStore).to(ResetRequestStore).inSingletonScope();
    bind(CustomerInternal.Settings).to(CustomerSettings).inSingletonScope();
    bind(CustomerInternal.PasswordPolicy).to(PasswordPolicy).inSingletonScope();
    bind(CustomerInternal.Authenticator).to(CustomerAuthenticator).inSingletonScope();
    bind(CustomerInternal.Jwt).to(CustomerJwt).inSingletonScope();
    bind(CustomerInternal.Mailer).to(CustomerMailer).inSingletonScope();
    bind(CustomerInternal.AddressValidator).to(AddressValidator).inSingletonScope();
    bind(CustomerInternal.ResetThrottle).to(ResetThrottle).inSingletonScope();
    bind(CustomerApi.CustomerRepository).to(DbCustomerRepository).inSingletonScope();
    bind(CustomerApi.AccountManagement).to(DefaultAccountManagement).inSingletonScope();
    bind(CustomerApi.AddressManagement).to(DefaultAddressManagement).inSingletonScope();
    bind(CustomerApi.CustomerAuth).to(JwtCustomerAuth).inSingletonScope();
    bind(CustomerApi.TokenService).to(JwtCustomerTokenService).inSingletonScope();
    bind(CustomerApi.PasswordReset).to(TokenPasswordReset).inSingletonScope();
  },
  graphql: { schema: ['graphql/customer.graphqls', 'graphql/customer-address.graphqls'], resolvers: customerGraphQlResolvers },
  rest: customerRoutes,
  migrations: customerMigrations,
  config: customerConfigFields,
  acl: [
    { id: CustomerAcl.Customer, title: 'Customers' },
    { id: CustomerAcl.Manage, title: 'All Customers', parent: CustomerAcl.Customer },
  ],
  logRedact: ['*.resetPasswordToken', '*.variables.password', '*.variables.newPassword', '*.variables.currentPassword'],
});
