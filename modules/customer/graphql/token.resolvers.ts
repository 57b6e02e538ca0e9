import type { GraphQLContext } from '../../../app';
import { CustomerApi } from '../api/tokens';

/**
 * Sign-in and sign-out. Mutations run one after the other, so each aliased generateCustomerToken in a request is one try
 * against the lockout (AUTH-02).
 */
export const tokenResolvers = {
  Mutation: {
    generateCustomerToken: async (_root: unknown, args: { email: string; password: string }, ctx: GraphQLContext) => ({
      token: await ctx.get(CustomerApi.TokenService).createCustomerAccessToken(args.email, args.password, ctx.store.websiteId),
    }),
    revokeCustomerToken: async (_root: unknown, _args: unknown, ctx: GraphQLContext) => {
      const { customerId } = await ctx.get(CustomerApi.CustomerAuth).requireCustomer(ctx);
      await ctx.get(CustomerApi.TokenService).revokeCustomerAccessTokens(customerId);
      return { result: true };
    },
  },
};
