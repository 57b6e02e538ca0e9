import type { ResolverMap } from '../../../app';
import { cartFieldResolvers, cartItemResolvers } from './cart-fields.resolvers';
import { cartResolvers } from './cart.resolvers';
import { checkoutResolvers } from './checkout.resolvers';

export const salesResolvers: ResolverMap = {
  Query: { ...cartResolvers.Query },
  Mutation: { ...cartResolvers.Mutation, ...checkoutResolvers.Mutation },
  StoreConfig: cartResolvers.StoreConfig,
  ...cartFieldResolvers,
  Cart: { ...cartFieldResolvers.Cart, ...checkoutResolvers.Cart },
  ...cartItemResolvers,
} as ResolverMap;
