import type { GraphQLContext } from '../../../app';
import { InputError, NoSuchEntityError } from '../../../app';
import { CustomerApi } from '../api/tokens';
import { toAddressInput } from './customer-input.mapper';
import { toAddressOutput } from './customer-output.mapper';

const V2_NOT_FOUND = 'Could not find an address with the specified ID';

function requireInput(input: Record<string, unknown> | null | undefined): Record<string, unknown> {
  if (!input || !Object.keys(input).length) throw new InputError('"input" value should be specified');
  return input;
}

function requireId(id: number): number {
  if (!id || id < 1) throw new InputError('Address "id" value should be specified');
  return id;
}

/** A uid is the base64 of the numeric id (as Magento's); anything else is refused before any lookup. */
function idOfUid(uid: string): number {
  const decoded = Buffer.from(uid ?? '', 'base64').toString('utf8');
  if (!/^[1-9]\d{0,9}$/.test(decoded) || Buffer.from(decoded).toString('base64') !== uid) throw new InputError(`Value of uid "${uid}" is incorrect.`);
  return Number(decoded);
}

/** API-01: another customer's address id behaves exactly as an id that does not exist. */
async function withV2NotFound<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof NoSuchEntityError) throw new NoSuchEntityError(V2_NOT_FOUND);
    throw err;
  }
}

export const addressResolvers = {
  Mutation: {
    createCustomerAddress: async (_root: unknown, args: { input: Record<string, unknown> }, ctx: GraphQLContext) => {
      const { customerId } = await ctx.get(CustomerApi.CustomerAuth).requireCustomer(ctx);
      const address = await ctx.get(CustomerApi.AddressManagement).create(customerId, toAddressInput(requireInput(args.input)), ctx.store.storeCode);
      return toAddressOutput(address);
    },
    updateCustomerAddress: async (_root: unknown, args: { id: number; input?: Record<string, unknown> | null }, ctx: GraphQLContext) => {
      const { customerId } = await ctx.get(CustomerApi.CustomerAuth).requireCustomer(ctx);
      const id = requireId(args.id);
      const address = await ctx.get(CustomerApi.AddressManagement).update(customerId, id, toAddressInput(requireInput(args.input)), ctx.store.storeCode);
      return toAddressOutput(address);
    },
    deleteCustomerAddress: async (_root: unknown, args: { id: number }, ctx: GraphQLContext) => {
      const { customerId } = await ctx.get(CustomerApi.CustomerAuth).requireCustomer(ctx);
      await ctx.get(CustomerApi.AddressManagement).delete(customerId, requireId(args.id), { keepDefaults: true });
      return true;
    },
    updateCustomerAddressV2: async (_root: unknown, args: { uid: string; input?: Record<string, unknown> | null }, ctx: GraphQLContext) => {
      const { customerId } = await ctx.get(CustomerApi.CustomerAuth).requireCustomer(ctx);
      const id = idOfUid(args.uid);
      const input = toAddressInput(requireInput(args.input));
      return toAddressOutput(await withV2NotFound(() => ctx.get(CustomerApi.AddressManagement).update(customerId, id, input, ctx.store.storeCode)));
    },
    deleteCustomerAddressV2: async (_root: unknown, args: { uid: string }, ctx: GraphQLContext) => {
      const { customerId } = await ctx.get(CustomerApi.CustomerAuth).requireCustomer(ctx);
      const id = idOfUid(args.uid);
      await withV2NotFound(() => ctx.get(CustomerApi.AddressManagement).delete(customerId, id, { keepDefaults: true }));
      return true;
    },
  },
};
