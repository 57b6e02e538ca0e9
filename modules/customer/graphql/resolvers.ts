import type { ResolverMap } from '../../../app';
import { accountResolvers } from './account.resolvers';
import { addressResolvers } from './address.resolvers';
import { customerResolvers } from './customer.resolvers';
import { passwordResetResolvers } from './password-reset.resolvers';
import { tokenResolvers } from './token.resolvers';

export const customerGraphQlResolvers: ResolverMap = {
  Query: { ...accountResolvers.Query, ...customerResolvers.Query },
  Mutation: { ...accountResolvers.Mutation, ...tokenResolvers.Mutation, ...passwordResetResolvers.Mutation, ...addressResolvers.Mutation },
  Customer: customerResolvers.Customer,
  StoreConfig: customerResolvers.StoreConfig,
};
