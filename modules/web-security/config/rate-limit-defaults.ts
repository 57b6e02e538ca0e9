import type { RateLimitGroup } from '../api/web-security-config-paths';

export interface RateLimitGroupDefaults {
  label: string;
  perIp: number;
  perAccount: number;
  windowSeconds: number;
  /** GraphQL root field names, and REST routes as `METHOD /V1/path` (`*` matches one path segment). */
  operations: string[];
}

/**
 * What is limited out of the box (PAY-05, API-05), named as Magento names these operations so the limits apply as soon as the
 * module that serves them is enabled. Per account means the account a credential call targets (email, user name), else the
 * authenticated customer or admin, else the guest cart.
 */
export const RATE_LIMIT_DEFAULTS: Record<RateLimitGroup, RateLimitGroupDefaults> = {
  customer_login: {
    label: 'Customer login and token requests',
    perIp: 30,
    perAccount: 10,
    windowSeconds: 600,
    // changeCustomerPassword takes the current password: another way to guess it.
    operations: ['generateCustomerToken', 'generateCustomerTokenAsAdmin', 'exchangeExternalCustomerToken', 'changeCustomerPassword', 'POST /V1/integration/customer/token'],
  },
  admin_token: {
    label: 'Admin token and two-factor requests',
    perIp: 20,
    perAccount: 10,
    windowSeconds: 600,
    operations: ['POST /V1/integration/admin/token', 'POST /V1/tfa/*', 'POST /V1/tfa/*/*', 'POST /V1/tfa/*/*/*', 'POST /V1/tfa/*/*/*/*'],
  },
  password_reset: {
    label: 'Password reset',
    perIp: 10,
    perAccount: 5,
    windowSeconds: 3600,
    operations: ['requestPasswordResetEmail', 'resetPassword', 'PUT /V1/customers/password', 'POST /V1/customers/resetPassword'],
  },
  coupon: {
    label: 'Coupon codes',
    perIp: 30,
    perAccount: 10,
    windowSeconds: 600,
    operations: ['applyCouponToCart', 'applyCouponsToCart', 'PUT /V1/carts/mine/coupons/*', 'PUT /V1/guest-carts/*/coupons/*'],
  },
  checkout: {
    label: 'Payment method and order placement (anti-carding)',
    perIp: 30,
    perAccount: 15,
    windowSeconds: 3600,
    operations: [
      'setPaymentMethodOnCart',
      'setPaymentMethodAndPlaceOrder',
      'placeOrder',
      'POST /V1/carts/mine/payment-information',
      'POST /V1/guest-carts/*/payment-information',
      'PUT /V1/carts/mine/selected-payment-method',
      'PUT /V1/guest-carts/*/selected-payment-method',
      'PUT /V1/carts/mine/order',
      'PUT /V1/guest-carts/*/order',
    ],
  },
  order_lookup: {
    // guestOrder answers to number + email + postcode: without a limit, a way to enumerate orders and confirm addresses.
    label: 'Guest order lookup',
    perIp: 20,
    perAccount: 5,
    windowSeconds: 600,
    operations: ['guestOrder', 'guestOrderByToken'],
  },
};
