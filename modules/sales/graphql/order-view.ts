import DataLoader from 'dataloader';
import type { GraphQLContext } from '../../../app';
import { CatalogApi } from '../../catalog/api';
import type { CartAddress } from '../api/sales-entities';
import { SalesApi } from '../api/tokens';
import type { OrderRow, PaymentRow } from '../order/customer-order-query';
import { SalesInternal } from '../model/sales-internal-tokens';
import { discounts, orderDocumentResolvers } from './order-documents.resolvers';

/** What CustomerOrder field resolvers receive: the answer's scalar fields and the order id for the batched ones. */
export interface OrderOutput {
  orderId: number;
  [field: string]: unknown;
}

/** Magento's default status labels (sales_order_status): the storefront's CustomerOrder.status is the label, REST keeps the code. */
const STATUS_LABELS: Record<string, string> = { pending: 'Pending', processing: 'Processing', complete: 'Complete', closed: 'Closed', canceled: 'Canceled', holded: 'On Hold' };

export async function orderOutput(ctx: GraphQLContext, row: OrderRow): Promise<OrderOutput> {
  const { currencyDigits: digits } = await ctx.get(CatalogApi.Context).forStore(Number(row.store_id));
  const m = (minor: number) => ({ value: Number(minor) / 10 ** digits, currency: row.currency });
  const source = { orderId: Number(row.entity_id), digits, currency: row.currency, couponCode: row.coupon_code };
  return {
    ...source,
    id: Buffer.from(String(row.entity_id)).toString('base64'),
    number: row.increment_id,
    order_number: row.increment_id,
    storeId: Number(row.store_id),
    order_date: magentoDate(Number(row.created_at)),
    // Magento 2.4's deprecated aliases, still answered for older storefronts.
    created_at: magentoDate(Number(row.created_at)),
    increment_id: row.increment_id,
    grand_total: Number(row.grand_total) / 10 ** digits,
    // No gift message module: no order carries one.
    gift_message: null,
    status: STATUS_LABELS[row.status] ?? row.status,
    email: ctx.get(SalesInternal.AddressCodec).decryptEmail(row.customer_email, 'sales_order.customer_email'),
    shipping_method: row.shipping_description,
    // Magento's carrier is the carrier's title ("Flat Rate" of "Flat Rate - Fixed").
    carrier: row.shipping_description ? row.shipping_description.split(' - ')[0] : null,
    applied_coupons: row.coupon_code ? [{ code: row.coupon_code }] : [],
    total: {
      __order: { ...source, shipping: Number(row.shipping_amount), tax: Number(row.tax_amount) },
      grand_total: m(row.grand_total),
      base_grand_total: m(row.grand_total),
      subtotal: m(row.subtotal),
      total_shipping: m(row.shipping_amount),
      total_tax: m(row.tax_amount),
      discounts: discounts(source, row.discount_amount),
    },
  };
}

type OrderCommentRow = { comment: string; createdAt: number };

/** Magento's date format for the storefront ("2024-05-01 09:30:00", UTC). */
const magentoDate = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

interface OrderLoaders {
  addresses: DataLoader<number, CartAddress[]>;
  payments: DataLoader<number, PaymentRow | null>;
  comments: DataLoader<number, OrderCommentRow[]>;
}

/** Per-request loaders: a page of orders costs one query for all their addresses, one for their payments, one for their comments. */
function loaders(ctx: GraphQLContext): OrderLoaders {
  const key = 'Comptoir_Sales.orderLoaders';
  let found = ctx.extensions.get(key) as OrderLoaders | undefined;
  if (!found) {
    const query = ctx.get(SalesInternal.CustomerOrderQuery);
    found = {
      addresses: new DataLoader(async (ids: readonly number[]) => {
        const byOrder = await query.addresses(ids);
        return ids.map((id) => byOrder.get(id) ?? []);
      }),
      payments: new DataLoader(async (ids: readonly number[]) => {
        const byOrder = await query.payments(ids);
        return ids.map((id) => byOrder.get(id) ?? null);
      }),
      comments: new DataLoader(async (ids: readonly number[]) => {
        const byOrder = await query.comments(ids);
        return ids.map((id) => byOrder.get(id) ?? []);
      }),
    };
    ctx.extensions.set(key, found);
  }
  return found;
}

function addressOutput(address: CartAddress | undefined) {
  if (!address) return null;
  return {
    firstname: address.firstname,
    lastname: address.lastname,
    middlename: address.middlename,
    prefix: address.prefix,
    suffix: address.suffix,
    company: address.company,
    street: address.street,
    city: address.city,
    region: address.region,
    region_id: address.regionId === null ? null : String(address.regionId),
    postcode: address.postcode,
    country_code: address.countryId,
    telephone: address.telephone,
    fax: address.fax,
    vat_id: address.vatId,
  };
}

/** PAY-02: a card shows its brand, last 4 digits and expiry, nothing more. */
function paymentData(row: PaymentRow): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  if (row.po_number) out.push({ name: 'po_number', value: row.po_number });
  if (row.cc_type) out.push({ name: 'cc_type', value: row.cc_type });
  if (row.cc_last_4) out.push({ name: 'cc_last4', value: row.cc_last_4 });
  if (row.cc_exp_month && row.cc_exp_year) out.push({ name: 'cc_exp', value: `${String(row.cc_exp_month).padStart(2, '0')}/${row.cc_exp_year}` });
  return out;
}

export const customerOrderResolvers = {
  ...orderDocumentResolvers,
  CustomerOrder: {
    ...orderDocumentResolvers.CustomerOrder,
    billing_address: async (order: OrderOutput, _args: unknown, ctx: GraphQLContext) => addressOutput((await loaders(ctx).addresses.load(order.orderId)).find((a) => a.type === 'billing')),
    shipping_address: async (order: OrderOutput, _args: unknown, ctx: GraphQLContext) => addressOutput((await loaders(ctx).addresses.load(order.orderId)).find((a) => a.type === 'shipping')),
    /** The order's history comments meant for the customer (is_visible_on_front), oldest first; one query per page of orders. */
    comments: async (order: OrderOutput, _args: unknown, ctx: GraphQLContext) =>
      (await loaders(ctx).comments.load(order.orderId)).map((c) => ({ message: c.comment, timestamp: magentoDate(c.createdAt) })),
    /** Opens the order through guestOrderByToken (the order confirmation page): issued only with the order already shown. */
    token: (order: OrderOutput, _args: unknown, ctx: GraphQLContext) => ctx.get(SalesInternal.OrderToken).issue(order.orderId, order.storeId as number),
    payment_methods: async (order: OrderOutput, _args: unknown, ctx: GraphQLContext) => {
      const row = await loaders(ctx).payments.load(order.orderId);
      if (!row) return [];
      const method = ctx.get(SalesApi.PaymentMethodPool).list().find((m) => m.code === row.method);
      return [{ type: row.method, name: method ? await method.title(ctx.store.storeCode) : row.method, additional_data: paymentData(row) }];
    },
  },
};
