import type { CartAddress } from '../api/sales-entities';
import type { AdminOrder } from '../order/admin-order-query';

/** Magento's datetime format in REST payloads ("2026-01-31 10:00:00", UTC). */
/** Magento's REST date-time: `YYYY-MM-DD HH:MM:SS` in UTC. */
export const dateTime = (ms: unknown) => new Date(Number(ms)).toISOString().replace('T', ' ').slice(0, 19);

function addressDto(address: CartAddress, order: AdminOrder) {
  return {
    entity_id: address.id,
    parent_id: Number(order.row.entity_id),
    address_type: address.type,
    firstname: address.firstname,
    lastname: address.lastname,
    ...(address.middlename ? { middlename: address.middlename } : {}),
    ...(address.company ? { company: address.company } : {}),
    street: address.street,
    city: address.city,
    region: address.region,
    region_code: address.regionCode,
    region_id: address.regionId,
    postcode: address.postcode,
    country_id: address.countryId,
    telephone: address.telephone,
    email: order.email,
  };
}

/**
 * Magento's OrderInterface (sales_order as `GET /V1/orders/:id` shows it) for the fields Comptoir keeps: amounts are decimals
 * of the order currency (minor units / 10^digits) and the discount is negative, as Magento's. The payment shows brand, last 4
 * and expiry only (PAY-02).
 */
export function orderDto(order: AdminOrder, digits: number) {
  const r = order.row;
  const m = (minor: unknown) => Number(minor) / 10 ** digits;
  const billing = order.addresses.find((a) => a.type === 'billing');
  const shipping = order.addresses.find((a) => a.type === 'shipping');
  const p = order.payment;
  const currency = String(r.currency);
  return {
    entity_id: Number(r.entity_id),
    increment_id: r.increment_id,
    state: r.state,
    status: r.status,
    store_id: Number(r.store_id),
    customer_id: r.customer_id === null ? null : Number(r.customer_id),
    customer_is_guest: r.customer_id === null ? 1 : 0,
    customer_email: order.email,
    base_currency_code: currency,
    order_currency_code: currency,
    subtotal: m(r.subtotal),
    base_subtotal: m(r.subtotal),
    shipping_amount: m(r.shipping_amount),
    base_shipping_amount: m(r.shipping_amount),
    discount_amount: -m(r.discount_amount),
    base_discount_amount: -m(r.discount_amount),
    tax_amount: m(r.tax_amount),
    base_tax_amount: m(r.tax_amount),
    grand_total: m(r.grand_total),
    base_grand_total: m(r.grand_total),
    total_paid: m(r.total_paid),
    base_total_paid: m(r.total_paid),
    total_refunded: m(r.total_refunded),
    base_total_refunded: m(r.total_refunded),
    shipping_refunded: m(r.shipping_refunded),
    // Magento's cancelled totals (Order::registerCancellation): what a cancel took of the order, the discount positive as Magento writes it.
    subtotal_canceled: m(r.subtotal_canceled),
    base_subtotal_canceled: m(r.subtotal_canceled),
    discount_canceled: m(r.discount_canceled),
    base_discount_canceled: m(r.discount_canceled),
    tax_canceled: m(r.tax_canceled),
    base_tax_canceled: m(r.tax_canceled),
    shipping_canceled: m(r.shipping_canceled),
    base_shipping_canceled: m(r.shipping_canceled),
    total_canceled: m(r.total_canceled),
    base_total_canceled: m(r.total_canceled),
    total_qty_ordered: Number(r.total_qty),
    total_item_count: order.items.length,
    coupon_code: r.coupon_code,
    // Where an order on hold goes back to (Magento's OrderInterface), absent otherwise.
    ...(r.hold_before_state ? { hold_before_state: r.hold_before_state, hold_before_status: r.hold_before_status } : {}),
    shipping_description: r.shipping_description,
    created_at: dateTime(r.created_at),
    updated_at: dateTime(r.updated_at),
    items: order.items.map((i) => ({
      item_id: Number(i.item_id),
      order_id: Number(i.order_id),
      product_id: Number(i.product_id),
      sku: i.stock_sku,
      name: i.name,
      product_type: i.product_type,
      qty_ordered: Number(i.qty_ordered),
      qty_invoiced: Number(i.qty_invoiced),
      qty_shipped: Number(i.qty_shipped),
      qty_canceled: Number(i.qty_canceled),
      qty_refunded: Number(i.qty_refunded),
      price: m(i.price),
      base_price: m(i.price),
      row_total: m(i.row_total),
      base_row_total: m(i.row_total),
      discount_amount: m(i.discount_amount),
      tax_amount: m(i.tax_amount),
      tax_percent: Number(i.tax_percent_bp) / 100,
    })),
    billing_address: billing ? addressDto(billing, order) : null,
    payment: p
      ? {
          entity_id: Number(p.entity_id),
          parent_id: Number(p.order_id),
          method: p.method,
          po_number: p.po_number,
          cc_type: p.cc_type,
          cc_last4: p.cc_last_4,
          cc_exp_month: p.cc_exp_month === null ? null : String(p.cc_exp_month),
          cc_exp_year: p.cc_exp_year === null ? null : String(p.cc_exp_year),
          last_trans_id: p.last_trans_id,
          amount_authorized: m(p.amount_authorized),
          amount_paid: m(p.amount_paid),
          amount_refunded: m(p.amount_refunded),
        }
      : null,
    extension_attributes: {
      shipping_assignments: shipping ? [{ shipping: { address: addressDto(shipping, order), method: r.shipping_method } }] : [],
    },
  };
}
