import type { Customer } from './customer-entities';

/** Where an account was created from; every path goes through CustomerAccountManagement.createAccount. */
export type CustomerCreationSource = 'graphql' | 'rest' | 'admin' | 'sample_data' | 'service';

/** The storefront's personal fields (Magento's CustomerCreateInput / CustomerUpdateInput without email and password). */
export interface CustomerPersonalInput {
  prefix?: string | null;
  firstname?: string | null;
  middlename?: string | null;
  lastname?: string | null;
  suffix?: string | null;
  /** YYYY-MM-DD (a time part, as some clients send, is ignored). */
  dob?: string | null;
  taxvat?: string | null;
  gender?: number | null;
  isSubscribed?: boolean | null;
}

export interface CreateCustomerInput extends CustomerPersonalInput {
  email: string;
  firstname: string;
  lastname: string;
  /** Optional as in Magento: an account without a password signs in once its owner sets one through a reset. */
  password?: string | null;
}

/** The storefront's updateCustomer (v1): personal fields, and the email with the current password. */
export interface CustomerAccountInput extends CustomerPersonalInput {
  email?: string | null;
  password?: string | null;
}

export interface CreateCustomerOptions {
  /** The store view the account is created in; its website owns the account. */
  storeId: number;
  source: CustomerCreationSource;
  /** Admin and service paths only: storefront input never chooses its group (API-03). */
  groupId?: number;
}

/** What an admin may change besides the personal fields. */
export interface AdminCustomerChanges extends CustomerPersonalInput {
  email?: string;
  groupId?: number;
  isActive?: boolean;
}

/**
 * Magento's AccountManagementInterface: every change to an account, validated first, written in one transaction with its
 * events. Passwords are checked against the configurable rule and stored as scrypt hashes, which never leave this module.
 */
export interface CustomerAccountManagement {
  createAccount(input: CreateCustomerInput, options: CreateCustomerOptions): Promise<Customer>;
  /** The storefront's updateCustomerV2: personal fields only. */
  updatePersonalData(customerId: number, input: CustomerPersonalInput): Promise<Customer>;
  /**
   * The storefront's updateCustomer (v1): the personal fields and, when the email changes, the new email after the password is
   * checked (a wrong one counts toward the lockout), validated first and saved in one transaction.
   */
  updateAccount(customerId: number, input: CustomerAccountInput): Promise<Customer>;
  /** Re-checks the password first (step-up); a wrong one counts toward the lockout. */
  changeEmail(customerId: number, email: string, password: string): Promise<Customer>;
  /** Re-checks the current password; revokes every token of the customer. */
  changePassword(customerId: number, currentPassword: string, newPassword: string): Promise<Customer>;
  /** Admin edits (REST PUT /V1/customers/:id). Deactivating an account revokes its tokens. */
  adminUpdate(customerId: number, changes: AdminCustomerChanges): Promise<Customer>;
  deleteAccount(customerId: number): Promise<void>;
  /** Whether an account with this email exists in the website, answered truthfully (storefront callers mind enumeration). */
  emailExists(email: string, websiteId: number): Promise<boolean>;
}
