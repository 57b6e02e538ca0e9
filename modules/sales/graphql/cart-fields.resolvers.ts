import type { GraphQLContext } from '../../../app';
import { InputError } from '../../../app';
import { CatalogApi, labelIn } from '../../catalog/api';
import { DirectoryApi } from '../../directory/api';
import type { CartAddress } from '../api/sales-entities';
import type { ShippingRate, Totals, TotalsLine } from '../api/totals';
import { SalesInternal } from '../model/sales-internal-tokens';
import { CartView, itemUid, money } from './cart-view';

interface LineSource {
  view: CartView;
  line: TotalsLine;
}

const SORT_FIELDS: Record<string, (l: TotalsLine) => number | string> = {
  ITEM_ID: (l) => l.item.id,
  CREATED_AT: (l) => l.item.createdAt,
  PRODUCT_ID: (l) => l.item.productId,
  SKU: (l) => l.item.sku,
  NAME: (l) => l.parent.name,
  QTY: (l) => l.item.qty,
  PRICE: (l) => l.unitPrice,
  ROW_TOTAL: (l) => l.rowTotal,
};

/** Magento's Discount list: each rule's amount (the cart's, or one line's share), with its coupon when it has one. */
function discountsOutput(discounts: Totals['discounts'], currency: Pick<Totals, 'currency' | 'currencyDigits'>) {
  return discounts.map((d) => ({ label: d.label, amount: money(d.amount, currency), applied_to: 'ITEM', coupon: d.couponCode ? { code: d.couponCode } : null }));
}

/** An AvailableShippingMethod / SelectedShippingMethod answer (shipping is not taxed by default: excl. and incl. tax are the amount). */
export function rateOutput(rate: ShippingRate, currency: { currency: string; currencyDigits: number }) {
  const amount = money(rate.amount, currency);
  return {
    carrier_code: rate.carrierCode,
    carrier_title: rate.carrierTitle,
    method_code: rate.methodCode,
    method_title: rate.methodTitle,
    amount,
    price_excl_tax: amount,
    price_incl_tax: amount,
    available: rate.available,
    error_message: rate.errorMessage,
  };
}

const addressFields = {
  uid: (a: CartAddress) => Buffer.from(String(a.id)).toString('base64'),
  street: (a: CartAddress) => a.street,
  region: (a: CartAddress) => (a.region || a.regionCode ? { code: a.regionCode, label: a.region, region_id: a.regionId } : null),
  country: (a: CartAddress & { view?: CartView }, _args: unknown, ctx: GraphQLContext) => ({
    code: a.countryId,
    label: ctx.get(DirectoryApi.CountryDirectory).countryName(a.countryId, 'en_US'),
  }),
  vat_id: (a: CartAddress) => a.vatId,
};

type AddressSource = CartAddress & { view: CartView };

export const cartFieldResolvers = {
  Cart: {
    id: (view: CartView) => view.cart.maskedId,
    email: (view: CartView) => view.cart.email,
    total_quantity: async (view: CartView) => (await view.totals()).totalQty,
    is_virtual: async (view: CartView) => (await view.totals()).isVirtual,
    items: async (view: CartView) => (await view.totals()).lines.map((line) => ({ view, line })),
    itemsV2: async (view: CartView, args: { pageSize?: number; currentPage?: number; sort?: { field: string; order: 'ASC' | 'DESC' } | null }) => {
      const pageSize = args.pageSize ?? 20;
      const currentPage = args.currentPage ?? 1;
      if (pageSize < 1 || pageSize > 300) throw new InputError('pageSize must be between 1 and 300.');
      if (currentPage < 1) throw new InputError('currentPage value must be greater than 0.');
      const lines = [...(await view.totals()).lines];
      if (args.sort) {
        const key = SORT_FIELDS[args.sort.field];
        if (!key) throw new InputError(`Sorting by ${args.sort.field} is not supported.`);
        const dir = args.sort.order === 'DESC' ? -1 : 1;
        lines.sort((a, b) => (key(a) < key(b) ? -dir : key(a) > key(b) ? dir : 0));
      }
      return {
        items: lines.slice((currentPage - 1) * pageSize, currentPage * pageSize).map((line) => ({ view, line })),
        total_count: lines.length,
        page_info: { page_size: pageSize, current_page: currentPage, total_pages: Math.ceil(lines.length / pageSize) },
      };
    },
    shipping_addresses: async (view: CartView) => (await view.addresses()).filter((a) => a.type === 'shipping').map((a) => ({ ...a, view })),
    billing_address: async (view: CartView) => {
      const billing = (await view.addresses()).find((a) => a.type === 'billing');
      return billing ? { ...billing, view } : null;
    },
    applied_coupon: async (view: CartView) => ((await view.totals()).discounts.some((d) => d.couponCode) ? { code: view.cart.couponCode } : null),
    applied_coupons: async (view: CartView) => ((await view.totals()).discounts.some((d) => d.couponCode) ? [{ code: view.cart.couponCode }] : []),
    prices: async (view: CartView) => {
      const t = await view.totals();
      return {
        grand_total: money(t.grandTotal, t),
        grand_total_excluding_tax: money(t.grandTotal - t.tax, t),
        subtotal_excluding_tax: money(t.subtotal, t),
        subtotal_including_tax: money(t.subtotal + t.lines.reduce((n, l) => n + l.taxAmount, 0), t),
        subtotal_with_discount_excluding_tax: money(t.subtotal - t.discount, t),
        applied_taxes: t.appliedTaxes.map((a) => ({ label: a.label, amount: money(a.amount, t) })),
        discounts: discountsOutput(t.discounts, t),
        discount: t.discounts.length ? { amount: money(t.discount, t), label: t.discounts.map((d) => d.label) } : null,
      };
    },
  },
  CartItemInterface: {
    __resolveType: ({ line }: LineSource) => (line.parent.typeId === 'configurable' ? 'ConfigurableCartItem' : line.parent.typeId === 'virtual' ? 'VirtualCartItem' : 'SimpleCartItem'),
  },
  ShippingCartAddress: {
    ...addressFields,
    customer_notes: (a: CartAddress) => a.customerNotes,
    available_shipping_methods: async (a: AddressSource, _args: unknown, ctx: GraphQLContext) => {
      const [totals, rates] = await Promise.all([a.view.totals(), a.view.shippingRates()]);
      return rates.map((r) => rateOutput(r, totals));
    },
    selected_shipping_method: async (a: AddressSource) => {
      const totals = await a.view.totals();
      return totals.shippingRate ? rateOutput(totals.shippingRate, totals) : null;
    },
    cart_items_v2: async (a: AddressSource) => (await a.view.totals()).lines.map((line) => ({ view: a.view, line })),
    cart_items: async (a: AddressSource) => (await a.view.totals()).lines.map((line) => ({ cart_item_id: line.item.id, quantity: line.item.qty })),
  },
  BillingCartAddress: addressFields,
};

const itemFields = {
  id: ({ line }: LineSource) => String(line.item.id),
  uid: ({ line }: LineSource) => itemUid(line.item.id),
  quantity: ({ line }: LineSource) => line.item.qty,
  is_available: ({ line }: LineSource) => line.product.stock.isInStock && line.product.stock.salableQty >= line.item.qty,
  errors: ({ line }: LineSource) =>
    line.product.stock.salableQty >= line.item.qty ? null : [{ code: 'ITEM_QTY', message: 'The requested qty is not available' }],
  product: ({ line }: LineSource) => line.parent,
  discount: async ({ view, line }: LineSource) => {
    const t = await view.totals();
    return discountsOutput(line.discounts, t);
  },
  prices: async ({ view, line }: LineSource) => {
    const t = await view.totals();
    const unitTax = line.item.qty ? Math.round(line.taxAmount / line.item.qty) : 0;
    return {
      price: money(line.unitPrice, t),
      price_including_tax: money(line.unitPrice + unitTax, t),
      row_total: money(line.rowTotal, t),
      row_total_including_tax: money(line.rowTotal + line.taxAmount, t),
      total_item_discount: money(line.discount, t),
      discounts: discountsOutput(line.discounts, t),
    };
  },
};

export const cartItemResolvers = {
  SimpleCartItem: itemFields,
  VirtualCartItem: itemFields,
  ConfigurableCartItem: {
    ...itemFields,
    configured_variant: ({ line }: LineSource) => line.product,
    // value_label: the chosen option's label in the cart's store view (attributes come from the catalog's shared snapshot).
    configurable_options: async ({ line }: LineSource, _args: unknown, ctx: GraphQLContext) => {
      const attributes = ctx.get(CatalogApi.AttributeRepository);
      const options = line.parent.configurable?.options ?? [];
      const metadata = await Promise.all(options.map((o) => attributes.get(o.attributeCode)));
      return options.map((o, i) => {
        const valueId = Number(line.product.attributes[o.attributeCode]);
        const option = metadata[i]?.options.find((v) => v.id === valueId);
        return {
          id: o.attributeId,
          configurable_product_option_uid: Buffer.from(`configurable/${line.parent.id}/${o.attributeId}`).toString('base64'),
          configurable_product_option_value_uid: Buffer.from(`configurable/${o.attributeId}/${valueId}`).toString('base64'),
          option_label: o.label,
          value_id: valueId,
          value_label: option ? labelIn(option, ctx.store.storeId) : String(valueId),
        };
      });
    },
  },
};
