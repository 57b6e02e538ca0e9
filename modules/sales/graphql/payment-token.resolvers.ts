import type { GraphQLContext } from '../../../app';
import { InputError, NoSuchEntityError } from '../../../app';
import { CustomerApi } from '../../customer/api';
import { SalesInternal } from '../model/sales-internal-tokens';

async function tokensOf(ctx: GraphQLContext, customerId: number) {
  const items = await ctx.get(SalesInternal.VaultTokens).listVisible(customerId);
  return { items: items.map((t) => ({ public_hash: t.publicHash, payment_method_code: t.paymentMethodCode, type: t.type, details: t.details })) };
}

/** Magento's vault queries: the signed-in customer's own saved cards only (API-01); a foreign hash is "not found". */
export const paymentTokenResolvers = {
  Query: {
    customerPaymentTokens: async (_: unknown, _args: unknown, ctx: GraphQLContext) => {
      const customer = await ctx.get(CustomerApi.CustomerAuth).requireCustomer(ctx);
      return tokensOf(ctx, customer.customerId);
    },
  },
  Mutation: {
    deletePaymentToken: async (_: unknown, args: { public_hash?: string | null }, ctx: GraphQLContext) => {
      const customer = await ctx.get(CustomerApi.CustomerAuth).requireCustomer(ctx);
      const hash = typeof args.public_hash === 'string' ? args.public_hash.trim() : '';
      if (!hash) throw new InputError('Required parameter "public_hash" is missing.');
      if (!(await ctx.get(SalesInternal.VaultTokens).delete(customer.customerId, hash))) throw new NoSuchEntityError(`Could not find a token using public hash: ${hash}`);
      return { result: true, customerPaymentTokens: await tokensOf(ctx, customer.customerId) };
    },
  },
};
