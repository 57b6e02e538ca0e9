import type { GraphQLContext } from '../../../app';
import { AuthorizationError, InputError, NoSuchEntityError } from '../../../app';
import { CustomerApi } from '../../customer/api';
import { StoreApi } from '../../store/api';
import { SalesInternal } from '../model/sales-internal-tokens';
import type { OrderSearch } from '../order/customer-order-query';
import { orderOutput } from './order-view';

/** API-04: no page larger than this. */
const MAX_PAGE_SIZE = 300;

interface OrdersArgs {
  filter?: { number?: OrderSearch['number'] } | null;
  currentPage?: number | null;
  pageSize?: number | null;
  sort?: { sort_field: OrderSearch['sortField']; sort_direction: OrderSearch['sortDirection'] } | null;
  scope?: 'GLOBAL' | 'WEBSITE' | 'STORE' | null;
}

/** The store views an order list covers: the current one (Magento's default), its website's, or all. */
async function storeIdsOf(ctx: GraphQLContext, scope: OrdersArgs['scope']): Promise<number[] | null> {
  if (scope === 'GLOBAL') return null;
  if (scope === 'WEBSITE') return (await ctx.get(StoreApi.StoreRepository).listStoreViews({ websiteId: ctx.store.websiteId })).map((s) => s.id);
  return [ctx.store.storeId];
}

const NOT_LOCATED = "We couldn't locate an order with the information provided.";

export const orderResolvers = {
  Customer: {
    /** The signed-in customer's orders only (API-01): the owner comes from the token, never from the parent object. */
    orders: async (_customer: unknown, args: OrdersArgs, ctx: GraphQLContext) => {
      const customer = await ctx.get(CustomerApi.CustomerAuth).requireCustomer(ctx);
      const currentPage = args.currentPage ?? 1;
      const pageSize = args.pageSize ?? 20;
      if (currentPage < 1) throw new InputError('currentPage value must be greater than 0.');
      if (pageSize < 1) throw new InputError('pageSize value must be greater than 0.');
      if (pageSize > MAX_PAGE_SIZE) throw new InputError(`pageSize value must be at most ${MAX_PAGE_SIZE}.`);
      const { rows, total } = await ctx.get(SalesInternal.CustomerOrderQuery).search({
        customerId: customer.customerId,
        storeIds: await storeIdsOf(ctx, args.scope),
        number: args.filter?.number,
        sortField: args.sort?.sort_field ?? 'CREATED_AT',
        sortDirection: args.sort?.sort_direction ?? 'DESC',
        pageSize,
        currentPage,
      });
      return {
        items: await Promise.all(rows.map((row) => orderOutput(ctx, row))),
        total_count: total,
        page_info: { current_page: currentPage, page_size: pageSize, total_pages: Math.ceil(total / pageSize) },
      };
    },
  },
  Query: {
    /**
     * Deprecated in Magento 2.4 for `customer { orders }`, still sent by older storefronts: the signed-in customer's orders in this
     * store view, newest first. It takes no paging arguments; API-04 still holds, so it answers the most recent 300 (the
     * total_count and page_info tell when there are more).
     */
    customerOrders: (_: unknown, _args: unknown, ctx: GraphQLContext) => orderResolvers.Customer.orders(null, { pageSize: MAX_PAGE_SIZE }, ctx),
    /** Magento's guest order lookup: number, email and billing postcode must all match an order of this store view. */
    guestOrder: async (_: unknown, args: { input?: { number?: string; email?: string; postcode?: string } | null }, ctx: GraphQLContext) => {
      const input = args.input ?? {};
      for (const field of ['number', 'email', 'postcode'] as const) {
        if (typeof input[field] !== 'string' || !input[field]!.trim()) throw new InputError(`Required parameter "${field}" is missing.`);
      }
      const row = await ctx.get(SalesInternal.CustomerOrderQuery).guestLookup(ctx.store.storeId, input.number!.trim(), input.email!, input.postcode!);
      if (!row) throw new NoSuchEntityError(NOT_LOCATED);
      // A customer's order is shown to its signed-in owner through customer.orders, as in Magento.
      if (row.customer_id !== null) throw new AuthorizationError('Please login to view the order.');
      return orderOutput(ctx, row);
    },
    /**
     * Magento_SalesGraphQl's lookup by CustomerOrder.token. API-01: a token that does not decrypt, or names another store view's
     * order, gets the same answer as an order that does not exist; a customer's order needs its owner signed in, as guestOrder.
     */
    guestOrderByToken: async (_: unknown, args: { input?: { token?: string } | null }, ctx: GraphQLContext) => {
      const token = args.input?.token;
      if (typeof token !== 'string' || !token.trim()) throw new InputError('Required parameter "token" is missing.');
      const target = ctx.get(SalesInternal.OrderToken).read(token);
      if (!target || target.storeId !== ctx.store.storeId) throw new NoSuchEntityError(NOT_LOCATED);
      const row = await ctx.get(SalesInternal.CustomerOrderQuery).byId(target.storeId, target.orderId);
      if (!row) throw new NoSuchEntityError(NOT_LOCATED);
      if (row.customer_id !== null) throw new AuthorizationError('Please login to view the order.');
      return orderOutput(ctx, row);
    },
  },
};
