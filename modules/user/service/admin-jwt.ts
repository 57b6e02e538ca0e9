/** Claims that set an admin token apart from a customer's or a 2FA configuration token signed with the same keys. */
export const JWT_ISSUER = 'comptoir';
export const ADMIN_AUDIENCE = 'comptoir:admin';
/** Magento's user type id for admins (UserContextInterface::USER_TYPE_ADMIN), carried as in Magento_JwtUserToken. */
export const ADMIN_USER_TYPE_ID = 2;
