import type { Customer, CustomerAddress, CustomerGroup } from './customer-entities';

export type SearchCondition = 'eq' | 'neq' | 'in' | 'nin' | 'gt' | 'gteq' | 'lt' | 'lteq' | 'from' | 'to';

export interface CustomerSearchFilter {
  /** id, email, website_id, group_id, store_id, created_at, updated_at, is_active. */
  field: string;
  value: string;
  conditionType: SearchCondition;
}

/** Magento's SearchCriteria: filters inside a group are ORed, groups are ANDed. */
export interface CustomerSearchCriteria {
  filterGroups: Array<{ filters: CustomerSearchFilter[] }>;
  sortOrders: Array<{ field: string; direction: 'ASC' | 'DESC' }>;
  pageSize: number;
  currentPage: number;
}

export interface CustomerSearchResult {
  items: Customer[];
  totalCount: number;
}

/** Read side. Email lookups go through the keyed blind index; names, addresses and phones are decrypted on the way out. */
export interface CustomerRepository {
  getById(id: number): Promise<Customer | undefined>;
  getByEmail(email: string, websiteId: number): Promise<Customer | undefined>;
  /** Throws InputError naming the fields and conditions allowed. Email can be matched exactly only (it is encrypted). */
  search(criteria: CustomerSearchCriteria): Promise<CustomerSearchResult>;
  listAddresses(customerId: number): Promise<CustomerAddress[]>;
  /** The addresses of several customers with one query (search results, exports). */
  listAddressesOf(customerIds: number[]): Promise<Map<number, CustomerAddress[]>>;
  /** One page of a customer's addresses, oldest first, and their count. */
  pageAddresses(customerId: number, page: { pageSize: number; currentPage: number }): Promise<{ items: CustomerAddress[]; totalCount: number }>;
  getAddress(addressId: number): Promise<CustomerAddress | undefined>;
  /** The address if it belongs to this customer; undefined otherwise (API-01: a foreign id is "not found"). */
  getCustomerAddress(customerId: number, addressId: number): Promise<CustomerAddress | undefined>;
  listGroups(): Promise<CustomerGroup[]>;
}
