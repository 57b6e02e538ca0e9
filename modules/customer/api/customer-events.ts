import type { CustomerCreationSource } from './customer-account';

/*
 * Payloads carry ids, never personal data: an async observer's payload is stored in event_outbox, and names, emails and
 * addresses must not sit there in clear. Observers load what they need through CustomerApi.CustomerRepository.
 */

export interface CustomerRegisteredEvent {
  customerId: number;
  websiteId: number;
  storeId: number;
  source: CustomerCreationSource;
}

export interface CustomerLoginEvent {
  customerId: number;
  websiteId: number;
}

export interface CustomerSavedEvent {
  customerId: number;
  websiteId: number;
  isNew: boolean;
  /** Names of the fields that changed (email, firstname, group_id…). */
  changed: string[];
}

export interface CustomerAddressSavedEvent {
  addressId: number;
  customerId: number;
  isNew: boolean;
}

export interface CustomerAddressDeletedEvent {
  addressId: number;
  customerId: number;
}

export interface CustomerPasswordChangedEvent {
  customerId: number;
  reason: 'change' | 'reset';
}

export interface CustomerDeletedEvent {
  customerId: number;
  websiteId: number;
}

declare module '../../../app/event/event-map' {
  interface EventMap {
    customer_register_success: CustomerRegisteredEvent;
    customer_login: CustomerLoginEvent;
    customer_save_after: CustomerSavedEvent;
    customer_address_save_after: CustomerAddressSavedEvent;
    customer_address_delete_after: CustomerAddressDeletedEvent;
    customer_password_changed: CustomerPasswordChangedEvent;
    customer_delete_after: CustomerDeletedEvent;
  }
}
