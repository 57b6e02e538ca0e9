import type { ResolverMap } from '../../../app';
import { cartFieldResolvers, cartItemResolvers } from './cart-fields.resolvers';
import { cartResolvers } from './cart.resolvers';
import { checkoutResolvers } from './checkout.resolvers';
import { paymentTokenResolvers } from './payment-token.resolvers';
import { orderResolvers } from './orders.resolvers';
import { customerOrderResolvers } from './order-view';
import { customerOrderActionResolvers } from './customer-order-actions.resolvers';

export const salesResolvers: ResolverMap = {
  Query: { ...cartResolvers.Query, ...paymentTokenResolvers.Query, ...orderResolvers.Query },
  Customer: orderResolvers.Customer,
  ...customerOrderResolvers,
  Mutation: { ...cartResolvers.Mutation, ...checkoutResolvers.Mutation, ...paymentTokenResolvers.Mutation, ...customerOrderActionResolvers.Mutation },
  StoreConfig: { ...cartResolvers.StoreConfig, ...customerOrderActionResolvers.StoreConfig },
  ...cartFieldResolvers,
  Cart: { ...cartFieldResolvers.Cart, ...checkoutResolvers.Cart },
  ...cartItemResolvers,
} as ResolverMap;
