/** The config paths this module declares, under Magento's names. */
export const CustomerConfigPath = {
  MinimumPasswordLength: 'customer/password/minimum_password_length',
  RequiredCharacterClasses: 'customer/password/required_character_classes_number',
  LockoutFailures: 'customer/password/lockout_failures',
  /** Minutes. */
  LockoutThreshold: 'customer/password/lockout_threshold',
  /** Hours. */
  ResetLinkExpirationPeriod: 'customer/password/reset_link_expiration_period',
  /** 0 none, 1 by IP and email, 2 by IP, 3 by email (Magento_Security's ResetMethod). */
  ResetProtectionType: 'customer/password/password_reset_protection_type',
  /** Per hour; 0 disables the check. */
  MaxResetRequests: 'customer/password/max_number_password_reset_requests',
  /** Minutes; 0 disables the check. */
  MinTimeBetweenResetRequests: 'customer/password/min_time_between_password_reset_requests',
  AutocompleteOnStorefront: 'customer/password/autocomplete_on_storefront',
  DefaultGroup: 'customer/create_account/default_group',
  Confirm: 'customer/create_account/confirm',
  StreetLines: 'customer/address/street_lines',
  TelephoneShow: 'customer/address/telephone_show',
  AllowGraphQlDelete: 'customer/account_information/graphql_allow_customer_delete',
  /** Minutes (Magento_JwtUserToken). */
  TokenLifetime: 'webapi/jwtauth/customer_expiration',
  /** Magento 2.4.7: isEmailAvailable answers truthfully only when this is on (it stops email enumeration otherwise). */
  GuestCheckoutLogin: 'checkout/options/enable_guest_checkout_login',
} as const;
