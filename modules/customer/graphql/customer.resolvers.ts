import type { GraphQLContext } from '../../../app';
import { AuthorizationError, InputError } from '../../../app';
import { storeConfigField } from '../../store/api';
import { CustomerConfigPath as P } from '../api/customer-config-paths';
import { CustomerApi } from '../api/tokens';
import { NOT_AUTHORIZED } from '../service/customer-auth';
import { toAddressOutput, toCustomerOutput, type CustomerOutput } from './customer-output.mapper';

/** API-04: no page may be larger than this. */
const MAX_PAGE_SIZE = 300;

export const customerResolvers = {
  Query: {
    customer: async (_root: unknown, _args: unknown, ctx: GraphQLContext) => {
      const { customerId } = await ctx.get(CustomerApi.CustomerAuth).requireCustomer(ctx);
      const customer = await ctx.get(CustomerApi.CustomerRepository).getById(customerId);
      if (!customer) throw new AuthorizationError(NOT_AUTHORIZED);
      return toCustomerOutput(customer);
    },
  },
  Customer: {
    addresses: async (parent: CustomerOutput, _args: unknown, ctx: GraphQLContext) =>
      (await ctx.get(CustomerApi.CustomerRepository).listAddresses(parent.customerId)).map(toAddressOutput),
    addressesV2: async (parent: CustomerOutput, args: { currentPage: number; pageSize: number }, ctx: GraphQLContext) => {
      if (args.currentPage < 1) throw new InputError('currentPage value must be greater than 0.');
      if (args.pageSize < 1) throw new InputError('pageSize value must be greater than 0.');
      if (args.pageSize > MAX_PAGE_SIZE) throw new InputError(`pageSize value must be at most ${MAX_PAGE_SIZE}.`);
      const page = await ctx.get(CustomerApi.CustomerRepository).pageAddresses(parent.customerId, args);
      return {
        items: page.items.map(toAddressOutput),
        total_count: page.totalCount,
        page_info: { current_page: args.currentPage, page_size: args.pageSize, total_pages: Math.ceil(page.totalCount / args.pageSize) },
      };
    },
  },
  StoreConfig: {
    minimum_password_length: storeConfigField(P.MinimumPasswordLength, String),
    required_character_classes_number: storeConfigField(P.RequiredCharacterClasses, String),
    create_account_confirmation: storeConfigField(P.Confirm),
    autocomplete_on_storefront: storeConfigField(P.AutocompleteOnStorefront),
  },
};
