import type { GraphQLContext } from '../../../app';
import { Kernel } from '../../../app';
import { AuthorizationError, InputError } from '../../../app';
import { CustomerConfigPath as P } from '../api/customer-config-paths';
import { CustomerApi } from '../api/tokens';
import { isValidEmail } from '../service/email-address';
import { toCustomerOutput } from './customer-output.mapper';
import { toPersonalInput } from './customer-input.mapper';

type Args<T> = T & Record<string, unknown>;

/** Account mutations and isEmailAvailable. The storefront never chooses a group or any admin field (API-03): the input types lack them. */
export const accountResolvers = {
  Query: {
    isEmailAvailable: async (_root: unknown, args: Args<{ email: string }>, ctx: GraphQLContext) => {
      const email = args.email?.trim();
      if (!email) throw new InputError('Email must be specified');
      if (!isValidEmail(email)) throw new InputError('Email is invalid');
      // Magento 2.4.7: unless guest checkout login is on, the answer is always "available", so the query cannot enumerate accounts.
      if (!(await ctx.get(Kernel.Config).getForStore<boolean>(P.GuestCheckoutLogin, ctx.store.storeCode))) return { is_email_available: true };
      return { is_email_available: !(await ctx.get(CustomerApi.AccountManagement).emailExists(email, ctx.store.websiteId)) };
    },
  },
  Mutation: {
    createCustomerV2: async (_root: unknown, args: Args<{ input: Record<string, unknown> }>, ctx: GraphQLContext) => {
      const { input } = args;
      const customer = await ctx.get(CustomerApi.AccountManagement).createAccount(
        { ...toPersonalInput(input), email: input.email as string, firstname: input.firstname as string, lastname: input.lastname as string, password: input.password as string | null },
        { storeId: ctx.store.storeId, source: 'graphql' },
      );
      return { customer: toCustomerOutput(customer) };
    },
    updateCustomerV2: async (_root: unknown, args: Args<{ input: Record<string, unknown> }>, ctx: GraphQLContext) => {
      const { customerId } = await ctx.get(CustomerApi.CustomerAuth).requireCustomer(ctx);
      if (!args.input || !Object.keys(args.input).length) throw new InputError('"input" value should be specified');
      return { customer: toCustomerOutput(await ctx.get(CustomerApi.AccountManagement).updatePersonalData(customerId, toPersonalInput(args.input))) };
    },
    /** Magento's first createCustomer (CustomerInput: every field optional in the schema, the names and email required here). */
    createCustomer: async (_root: unknown, args: Args<{ input: Record<string, unknown> }>, ctx: GraphQLContext) => {
      const missing = ['email', 'firstname', 'lastname'].filter((field) => typeof args.input?.[field] !== 'string' || !(args.input[field] as string).trim());
      if (missing.length) throw new InputError(`Required parameters are missing: ${missing.join(', ')}`);
      return accountResolvers.Mutation.createCustomerV2(_root, args, ctx);
    },
    /** Magento's first updateCustomer: the personal fields, and the email when `password` (the current one) is given too. */
    updateCustomer: async (_root: unknown, args: Args<{ input: Record<string, unknown> }>, ctx: GraphQLContext) => {
      const { customerId } = await ctx.get(CustomerApi.CustomerAuth).requireCustomer(ctx);
      if (!args.input || !Object.keys(args.input).length) throw new InputError('"input" value should be specified');
      const { email, password } = args.input as { email?: string | null; password?: string | null };
      return { customer: toCustomerOutput(await ctx.get(CustomerApi.AccountManagement).updateAccount(customerId, { ...toPersonalInput(args.input), email, password })) };
    },
    updateCustomerEmail: async (_root: unknown, args: Args<{ email: string; password: string }>, ctx: GraphQLContext) => {
      const { customerId } = await ctx.get(CustomerApi.CustomerAuth).requireCustomer(ctx);
      return { customer: toCustomerOutput(await ctx.get(CustomerApi.AccountManagement).changeEmail(customerId, args.email, args.password)) };
    },
    changeCustomerPassword: async (_root: unknown, args: Args<{ currentPassword: string; newPassword: string }>, ctx: GraphQLContext) => {
      const { customerId } = await ctx.get(CustomerApi.CustomerAuth).requireCustomer(ctx);
      return toCustomerOutput(await ctx.get(CustomerApi.AccountManagement).changePassword(customerId, args.currentPassword, args.newPassword));
    },
    deleteCustomer: async (_root: unknown, _args: unknown, ctx: GraphQLContext) => {
      const { customerId } = await ctx.get(CustomerApi.CustomerAuth).requireCustomer(ctx);
      if (!(await ctx.get(Kernel.Config).getForStore<boolean>(P.AllowGraphQlDelete, ctx.store.storeCode))) {
        throw new AuthorizationError('Customers cannot delete their account in this store.');
      }
      await ctx.get(CustomerApi.AccountManagement).deleteAccount(customerId);
      return true;
    },
  },
};
