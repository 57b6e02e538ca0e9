import { z } from 'zod';
import type { ConfigFieldDeclaration } from '../../../app';
import { CustomerConfigPath as P } from '../api/customer-config-paths';

const count = (min: number, max: number) => z.number().int().min(min).max(max);
const WEBSITE: ConfigFieldDeclaration['scopes'] = ['default', 'websites'];

/**
 * Defaults are Magento's (Customer, Security and JwtUserToken config.xml). Two additions of ours: graphql_allow_customer_delete
 * (Magento lets every customer delete their account; here it is off until the merchant turns it on) and the refusal of
 * create_account/confirm = 1, since email confirmation is not implemented: accepting the setting would silently ignore it.
 */
export const customerConfigFields: Record<string, ConfigFieldDeclaration> = {
  [P.MinimumPasswordLength]: { schema: count(1, 256), default: 8, scopes: WEBSITE, label: 'Minimum Password Length' },
  [P.RequiredCharacterClasses]: { schema: count(1, 4), default: 3, scopes: WEBSITE, label: 'Number of Required Character Classes' },
  [P.LockoutFailures]: { schema: count(0, 1000), default: 10, scopes: WEBSITE, label: 'Maximum Login Failures to Lockout Account (0 disables)' },
  [P.LockoutThreshold]: { schema: count(0, 10080), default: 10, scopes: WEBSITE, label: 'Lockout Time (minutes)' },
  [P.ResetLinkExpirationPeriod]: { schema: count(1, 720), default: 2, scopes: WEBSITE, label: 'Recovery Link Expiration Period (hours)' },
  [P.ResetProtectionType]: { schema: count(0, 3), default: 1, scopes: WEBSITE, label: 'Limit Password Reset Requests Method (0 none, 1 IP and email, 2 IP, 3 email)' },
  [P.MaxResetRequests]: { schema: count(0, 1000), default: 5, scopes: WEBSITE, label: 'Max Number of Password Reset Requests (per hour, 0 disables)' },
  [P.MinTimeBetweenResetRequests]: { schema: count(0, 1440), default: 10, scopes: WEBSITE, label: 'Min Time Between Password Reset Requests (minutes, 0 disables)' },
  [P.AutocompleteOnStorefront]: { schema: z.boolean(), default: false, label: 'Enable Autocomplete on login/forgot password forms' },
  [P.DefaultGroup]: { schema: count(1, 65535), default: 1, label: 'Default Group' },
  [P.Confirm]: {
    schema: z.boolean().refine((on) => !on, { error: 'email confirmation of new accounts is not supported yet' }),
    default: false,
    scopes: WEBSITE,
    label: 'Require Emails Confirmation',
  },
  [P.StreetLines]: { schema: count(1, 20), default: 2, scopes: WEBSITE, label: 'Number of Lines in a Street Address' },
  [P.TelephoneShow]: { schema: z.enum(['', 'opt', 'req']), default: 'req', scopes: WEBSITE, label: 'Show Telephone' },
  [P.AllowGraphQlDelete]: { schema: z.boolean(), default: false, scopes: WEBSITE, label: 'Allow customers to delete their account (deleteCustomer)' },
  [P.TokenLifetime]: { schema: count(1, 525600), default: 60, scopes: ['default'], label: 'Customer JWT Expires In (minutes)' },
  [P.GuestCheckoutLogin]: { schema: z.boolean(), default: false, label: 'Enable Guest Checkout Login (isEmailAvailable answers truthfully)' },
};
