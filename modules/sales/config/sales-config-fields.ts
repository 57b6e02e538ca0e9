import { z } from 'zod';
import type { ConfigFieldDeclaration } from '../../../app';
import { SalesConfigPath as P } from '../api/sales-config-paths';

/** Magento's flags are "0"/"1" text: z.coerce.boolean() would read "0" as true, so the text forms are mapped explicitly. */
const flagSchema = z.preprocess((v) => (v === '0' || v === 'false' ? false : v === '1' || v === 'true' ? true : v), z.boolean());
const flag = (value: boolean, label: string): ConfigFieldDeclaration<boolean> => ({ schema: flagSchema, default: value, label });
const text = (value: string, label: string): ConfigFieldDeclaration<string> => ({ schema: z.string().min(1).max(255), default: value, label });
const amount = (value: string, label: string): ConfigFieldDeclaration<string> => ({
  schema: z.string().regex(/^\d{1,9}(\.\d{1,4})?$/, 'a decimal amount such as 5.00'),
  default: value,
  label,
});
/** `sales_email/<type>/copy_to`: comma-separated addresses, each validated on save. */
/** A count a storefront shows at most (1 to 1,000). */
const count = (value: number, label: string): ConfigFieldDeclaration<number> => ({ schema: z.coerce.number().int().min(1).max(1000), default: value, label });
const copyTo = (label: string): ConfigFieldDeclaration<string> => ({
  schema: z.string().max(1024).refine((value) => value.split(',').map((a) => a.trim()).filter(Boolean).every((a) => z.email().safeParse(a).success), 'a comma-separated list of email addresses'),
  default: '',
  label,
});

const taxRate = z.object({
  country: z.string().regex(/^([A-Z]{2}|\*)$/),
  region: z.string().max(32).optional(),
  product_tax_class: z.number().int().nonnegative().optional(),
  rate: z.number().min(0).max(100),
  label: z.string().max(64).optional(),
});
/** The rate table is JSON text so it can be set with config:set; it is validated on save. */
const taxRates = z.string().refine((value) => {
  try {
    return z.array(taxRate).max(2000).safeParse(JSON.parse(value)).success;
  } catch {
    return false;
  }
}, 'a JSON array of {country, region?, product_tax_class?, rate}');

/** Magento_OrderCancellation's default reasons (etc/config.xml sales/cancellation/reasons). */
export const DEFAULT_CANCELLATION_REASONS = [
  'The item(s) are no longer needed',
  'The order was placed by mistake',
  'Item(s) not arriving within the expected timeframe',
  'Found a better price elsewhere',
  'Other',
];
/** The cancellation reasons are JSON text (settable with config:set): a list of 1 to 50 distinct non-empty texts, validated on save. */
const cancellationReasons = z.string().refine((value) => {
  try {
    const list = z.array(z.string().trim().min(1).max(255)).min(1).max(50).safeParse(JSON.parse(value));
    return list.success && new Set(list.data).size === list.data.length;
  } catch {
    return false;
  }
}, 'a JSON list of 1 to 50 distinct reasons, such as ["Ordered by mistake", "Other"]');

export const salesConfigFields: Record<string, ConfigFieldDeclaration> = {
  [P.CartLifetimeDays]: { schema: z.coerce.number().int().min(1).max(3650), default: 30, label: 'Quote Lifetime (days)' },
  [P.GuestCheckout]: flag(true, 'Allow Guest Checkout'),
  [P.FlatrateActive]: flag(true, 'Flat Rate enabled'),
  [P.FlatrateTitle]: text('Flat Rate', 'Flat Rate title'),
  [P.FlatrateName]: text('Fixed', 'Flat Rate method name'),
  [P.FlatratePrice]: amount('5.00', 'Flat Rate price'),
  [P.FlatrateType]: { schema: z.enum(['I', 'O']), default: 'I', label: 'Flat Rate type (I per item, O per order)' },
  [P.FreeShippingActive]: flag(false, 'Free Shipping enabled'),
  [P.FreeShippingTitle]: text('Free Shipping', 'Free Shipping title'),
  [P.FreeShippingName]: text('Free', 'Free Shipping method name'),
  [P.FreeShippingSubtotal]: amount('0', 'Minimum order amount for free shipping'),
  [P.TaxRates]: { schema: taxRates, default: '[]', label: 'Tax rates' },
  [P.ShippingTaxClass]: { schema: z.coerce.number().int().nonnegative(), default: 0, label: 'Tax class of shipping (0: not taxed)' },
  [P.OrderEmailEnabled]: flag(true, 'Send order confirmation'),
  [P.OrderEmailCopyTo]: copyTo('Send order email copy to (Bcc, comma-separated)'),
  [P.InvoiceEmailEnabled]: flag(true, 'Send invoice email (when notify is asked)'),
  [P.InvoiceEmailCopyTo]: copyTo('Send invoice email copy to (Bcc, comma-separated)'),
  [P.ShipmentEmailEnabled]: flag(true, 'Send shipment email (when notify is asked)'),
  [P.ShipmentEmailCopyTo]: copyTo('Send shipment email copy to (Bcc, comma-separated)'),
  [P.CreditmemoEmailEnabled]: flag(true, 'Send credit memo email (when notify is asked)'),
  [P.CreditmemoEmailCopyTo]: copyTo('Send credit memo email copy to (Bcc, comma-separated)'),
  [P.OrderCommentEmailEnabled]: flag(true, 'Send order comment email (when the customer is notified)'),
  [P.OrderCommentEmailCopyTo]: copyTo('Send order comment email copy to (Bcc, comma-separated)'),
  [P.CheckmoActive]: flag(true, 'Check / Money order enabled'),
  [P.CheckmoTitle]: text('Check / Money order', 'Check / Money order title'),
  [P.CheckmoPayableTo]: { schema: z.string().max(255), default: '', label: 'Check / Money order: Make Check Payable to' },
  [P.CheckmoMailingAddress]: { schema: z.string().max(1000), default: '', label: 'Check / Money order: Send Check to' },
  [P.OnepageCheckoutEnabled]: flag(true, 'Enable Onepage Checkout (storefront)'),
  [P.OrderSummaryMaxItems]: count(10, 'Maximum Number of Items to Display in Order Summary'),
  [P.MinicartDisplay]: flag(true, 'Display Shopping Cart Sidebar'),
  [P.MinicartMaxItems]: count(10, 'Maximum Number of Items to Display in the Shopping Cart Sidebar'),
  [P.CartLinkUseQty]: { schema: z.coerce.number().int().min(0).max(1), default: 1, label: 'Display Cart Summary (0: number of lines, 1: quantities)' },
  [P.FreeActive]: flag(true, 'Zero subtotal checkout enabled'),
  [P.FreeTitle]: text('No Payment Information Required', 'Zero subtotal checkout title'),
  [P.PurchaseOrderActive]: flag(false, 'Purchase order enabled'),
  [P.PurchaseOrderTitle]: text('Purchase Order', 'Purchase order title'),
  [P.CardActive]: flag(true, 'Card payments enabled'),
  [P.CardTitle]: text('Credit Card', 'Card payment title'),
  [P.CardGateway]: { schema: z.string().regex(/^[a-z0-9_]{1,32}$/), default: 'sandbox', scopes: ['default', 'websites'], label: 'Card gateway' },
  [P.CardHostedFieldsOrigin]: {
    schema: z.string().regex(/^https:\/\/[a-z0-9.-]+(:\d{1,5})?$/i, 'an https origin such as https://hosted-fields.example.com (no path)'),
    default: 'https://localhost:8090',
    scopes: ['default', 'websites'],
    label: 'Card gateway hosted-fields origin (allowed by the storefront CSP)',
  },
  [P.CardVaultActive]: flag(true, 'Saved cards enabled'),
  [P.CardVaultTitle]: text('Stored Cards', 'Saved cards title'),
  [P.OrderCancellationEnabled]: flag(false, 'Order cancellation by customers enabled'),
  [P.OrderCancellationReasons]: { schema: cancellationReasons, default: JSON.stringify(DEFAULT_CANCELLATION_REASONS), label: 'Order cancellation reasons (JSON list)' },
  [P.ReorderAllow]: flag(true, 'Allow reorder'),
};
