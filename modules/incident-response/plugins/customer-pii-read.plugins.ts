import type { PluginDeclaration } from '../../../app';
import { CustomerApi, type AuthenticatedCustomer, type Customer, type CustomerAddress, type CustomerSearchResult } from '../../customer/api';
import { identifyAuditActor } from '../../security/api';
import { recordPiiRead } from '../service/pii-read-recorder';

const REPO = CustomerApi.CustomerRepository;

function afterRead<R>(method: string, ids: (result: R, args: unknown[]) => number[], what: string): PluginDeclaration {
  return {
    name: `incident_response_audit_pii_${method}`,
    target: REPO,
    method,
    after: async (_subject: unknown, result: Promise<R> | R, ...args: unknown[]) => {
      const value = await result;
      for (const id of ids(value, args)) await recordPiiRead(id, what);
      return value;
    },
  };
}

function identify(method: string): PluginDeclaration {
  return {
    name: `incident_response_audit_identify_${method}`,
    target: CustomerApi.CustomerAuth,
    method,
    after: async (_subject: unknown, result: Promise<AuthenticatedCustomer | undefined> | AuthenticatedCustomer | undefined) => {
      const customer = await result;
      if (customer) identifyAuditActor({ type: 'customer', id: customer.customerId });
      return customer;
    },
  };
}

/** Who is asking (the customer behind a storefront token), then what they read. Admin principals come from the REST authorizer. */
export const customerPiiReadPlugins: PluginDeclaration[] = [
  identify('currentCustomer'),
  identify('requireCustomer'),
  afterRead<Customer | undefined>('getById', (c) => (c ? [c.id] : []), 'customer'),
  afterRead<Customer | undefined>('getByEmail', (c) => (c ? [c.id] : []), 'customer'),
  afterRead<CustomerSearchResult>('search', (r) => r.items.map((c) => c.id), 'customer_search'),
  afterRead<CustomerAddress[]>('listAddresses', (list, args) => (list.length ? [Number(args[0])] : []), 'addresses'),
  afterRead<Map<number, CustomerAddress[]>>('listAddressesOf', (map) => [...map.entries()].filter(([, l]) => l.length).map(([id]) => id), 'addresses'),
  afterRead<{ items: CustomerAddress[] }>('pageAddresses', (page, args) => (page.items.length ? [Number(args[0])] : []), 'addresses'),
  afterRead<CustomerAddress | undefined>('getAddress', (a) => (a ? [a.customerId] : []), 'address'),
  afterRead<CustomerAddress | undefined>('getCustomerAddress', (a) => (a ? [a.customerId] : []), 'address'),
];
