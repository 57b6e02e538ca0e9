import { z } from 'zod';
import type { RestRequest, RestRoute } from '../../../app';
import { NoSuchEntityError } from '../../../app';
import type { AdminCustomerChanges } from '../api/customer-account';
import { CustomerApi } from '../api/tokens';
import { addressNotFound } from '../service/address-management';
import { noSuchCustomer } from '../service/account-management';
import { toRestAddress, toRestCustomer } from './customer-rest.mapper';
import { parseSearchCriteria } from './search-criteria';

/** Magento's ACL ids: reading customers needs Customers, changing them All Customers. */
export const CustomerAcl = { Customer: 'Magento_Customer::customer', Manage: 'Magento_Customer::manage' } as const;

function idParam(req: RestRequest, name: string, notFound: (id: number) => Error): number {
  const raw = req.params[name];
  if (!/^[1-9]\d{0,9}$/.test(raw ?? '')) throw notFound(Number(raw) || 0);
  return Number(raw);
}

async function customerJson(req: RestRequest, id: number) {
  const customer = await req.get(CustomerApi.CustomerRepository).getById(id);
  if (!customer) throw noSuchCustomer(id);
  return toRestCustomer(customer, await req.get(CustomerApi.CustomerRepository).listAddresses(id));
}

/** PUT /V1/customers/:id accepts these fields only (API-03): no password, no hash, no website move, no addresses. */
const customerUpdateBody = z.object({
  customer: z
    .object({
      id: z.number().int().optional(),
      email: z.string().optional(),
      firstname: z.string().optional(),
      lastname: z.string().optional(),
      middlename: z.string().nullable().optional(),
      prefix: z.string().nullable().optional(),
      suffix: z.string().nullable().optional(),
      dob: z.string().nullable().optional(),
      gender: z.number().int().nullable().optional(),
      taxvat: z.string().nullable().optional(),
      group_id: z.number().int().optional(),
      extension_attributes: z.object({ is_subscribed: z.boolean().optional(), is_active: z.boolean().optional() }).strict().optional(),
    })
    .strict(),
});
type CustomerUpdateBody = z.infer<typeof customerUpdateBody>;

export const customerRoutes: RestRoute[] = [
  {
    method: 'GET',
    path: '/customers/search',
    resource: CustomerAcl.Customer,
    handler: async (req) => {
      const criteria = parseSearchCriteria(req.query as Record<string, unknown>);
      const repository = req.get(CustomerApi.CustomerRepository);
      const result = await repository.search(criteria);
      const addresses = await repository.listAddressesOf(result.items.map((c) => c.id));
      return {
        items: result.items.map((c) => toRestCustomer(c, addresses.get(c.id) ?? [])),
        search_criteria: {
          filter_groups: criteria.filterGroups.map((g) => ({ filters: g.filters.map((f) => ({ field: f.field, value: f.value, condition_type: f.conditionType })) })),
          sort_orders: criteria.sortOrders,
          page_size: criteria.pageSize,
          current_page: criteria.currentPage,
        },
        total_count: result.totalCount,
      };
    },
  },
  {
    method: 'GET',
    path: '/customers/addresses/:addressId',
    resource: CustomerAcl.Manage,
    handler: async (req) => {
      const id = idParam(req, 'addressId', addressNotFound);
      const address = await req.get(CustomerApi.CustomerRepository).getAddress(id);
      if (!address) throw addressNotFound(id);
      return toRestAddress(address);
    },
  },
  {
    method: 'GET',
    path: '/customers/:customerId',
    resource: CustomerAcl.Customer,
    handler: async (req) => customerJson(req, idParam(req, 'customerId', noSuchCustomer)),
  },
  {
    method: 'PUT',
    path: '/customers/:id',
    resource: CustomerAcl.Manage,
    body: customerUpdateBody,
    handler: async (req) => {
      const id = idParam(req, 'id', noSuchCustomer);
      const { customer } = req.body as CustomerUpdateBody;
      if (customer.id !== undefined && customer.id !== id) throw new NoSuchEntityError(`The customer id in the body (${customer.id}) is not the one in the URL (${id}).`);
      const changes: AdminCustomerChanges = {
        email: customer.email,
        firstname: customer.firstname,
        lastname: customer.lastname,
        middlename: customer.middlename,
        prefix: customer.prefix,
        suffix: customer.suffix,
        dob: customer.dob,
        gender: customer.gender,
        taxvat: customer.taxvat,
        groupId: customer.group_id,
        isSubscribed: customer.extension_attributes?.is_subscribed,
        isActive: customer.extension_attributes?.is_active,
      };
      for (const key of Object.keys(changes) as Array<keyof AdminCustomerChanges>) if (changes[key] === undefined) delete changes[key];
      await req.get(CustomerApi.AccountManagement).adminUpdate(id, changes);
      return customerJson(req, id);
    },
  },
  {
    method: 'DELETE',
    path: '/customers/:customerId',
    resource: CustomerAcl.Manage,
    handler: async (req) => {
      await req.get(CustomerApi.AccountManagement).deleteAccount(idParam(req, 'customerId', noSuchCustomer));
      return true;
    },
  },
  {
    method: 'GET',
    path: '/customers/:customerId/addresses',
    resource: CustomerAcl.Manage,
    handler: async (req) => {
      const id = idParam(req, 'customerId', noSuchCustomer);
      if (!(await req.get(CustomerApi.CustomerRepository).getById(id))) throw noSuchCustomer(id);
      return (await req.get(CustomerApi.CustomerRepository).listAddresses(id)).map(toRestAddress);
    },
  },
  ...(['billing', 'shipping'] as const).map(
    (kind): RestRoute => ({
      method: 'GET',
      path: `/customers/:customerId/${kind}Address`,
      resource: CustomerAcl.Manage,
      handler: async (req) => {
        const id = idParam(req, 'customerId', noSuchCustomer);
        const customer = await req.get(CustomerApi.CustomerRepository).getById(id);
        if (!customer) throw noSuchCustomer(id);
        const addressId = kind === 'billing' ? customer.defaultBillingId : customer.defaultShippingId;
        const address = addressId === null ? undefined : await req.get(CustomerApi.CustomerRepository).getAddress(addressId);
        return address ? toRestAddress(address) : null;
      },
    }),
  ),
  {
    method: 'DELETE',
    path: '/addresses/:addressId',
    resource: CustomerAcl.Manage,
    handler: async (req) => {
      const id = idParam(req, 'addressId', addressNotFound);
      const address = await req.get(CustomerApi.CustomerRepository).getAddress(id);
      if (!address) throw addressNotFound(id);
      await req.get(CustomerApi.AddressManagement).delete(address.customerId, id);
      return true;
    },
  },
  {
    // Ours (Magento revokes from the admin grid): the admin action that signs a customer out everywhere.
    method: 'DELETE',
    path: '/customers/:customerId/tokens',
    resource: CustomerAcl.Manage,
    handler: async (req) => {
      const id = idParam(req, 'customerId', noSuchCustomer);
      if (!(await req.get(CustomerApi.CustomerRepository).getById(id))) throw noSuchCustomer(id);
      await req.get(CustomerApi.TokenService).revokeCustomerAccessTokens(id);
      return true;
    },
  },
];
