import type { GraphQLContext } from '../../../app';
import { CustomerApi } from '../api/tokens';

export const passwordResetResolvers = {
  Mutation: {
    requestPasswordResetEmail: async (_root: unknown, args: { email: string }, ctx: GraphQLContext) => {
      await ctx.get(CustomerApi.PasswordReset).requestReset(args.email, { storeCode: ctx.store.storeCode, websiteId: ctx.store.websiteId, ip: ctx.ip });
      return true;
    },
    resetPassword: async (_root: unknown, args: { email: string; resetPasswordToken: string; newPassword: string }, ctx: GraphQLContext) => {
      await ctx.get(CustomerApi.PasswordReset).resetPassword(args.email, args.resetPasswordToken, args.newPassword, ctx.store.websiteId);
      return true;
    },
  },
};
