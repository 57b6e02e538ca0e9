import { htmlInfoCell, htmlInfoTable, htmlLink, htmlPage, htmlParagraph, htmlTable, textBlock, wordsFor, type HtmlTotal } from './mail-layout';

/** What a confirmation shows, already formatted for the store view's locale (amounts with their currency). */
export interface ConfirmationView {
  storeName: string;
  number: string;
  customerName: string;
  items: Array<{ name: string; sku: string; qty: number; price: string; rowTotal: string }>;
  subtotal: string;
  shipping: string;
  discount: string | null;
  tax: string;
  grandTotal: string;
  shippingAddress: string[] | null;
  billingAddress: string[] | null;
  shippingMethod: string | null;
  paymentMethod: string | null;
  /** An https:// link to the order, or null when the store view has no https base URL (a mail never carries a plain http link). */
  orderLink: string | null;
}

export interface ConfirmationTemplate {
  subject(view: ConfirmationView): string;
  text(view: ConfirmationView): string;
  /** The HTML part: every value from the order (names, addresses, methods) is escaped. */
  html(view: ConfirmationView): string;
}

interface Words {
  subject: (v: ConfirmationView) => string;
  greeting: (v: ConfirmationView) => string;
  thanks: (v: ConfirmationView) => string;
  items: string;
  item: string;
  sku: string;
  qty: string;
  price: string;
  subtotal: string;
  shipping: string;
  discount: string;
  tax: string;
  grandTotal: string;
  shipTo: string;
  billTo: string;
  shippingMethod: string;
  paymentMethod: string;
  view: string;
}

/** Magento's sales_email_order_template in the languages we ship; a locale is matched by language (fr_CA uses French). */
const WORDS: Record<string, Words> & { en: Words } = {
  en: {
    subject: (v) => `Your ${v.storeName} order confirmation #${v.number}`,
    greeting: (v) => `${v.customerName},`,
    thanks: (v) => `Thank you for your order from ${v.storeName}. Your order #${v.number} has been received.`,
    items: 'Items',
    item: 'Item',
    sku: 'SKU',
    qty: 'Qty',
    price: 'Price',
    subtotal: 'Subtotal',
    shipping: 'Shipping & Handling',
    discount: 'Discount',
    tax: 'Tax',
    grandTotal: 'Grand Total',
    shipTo: 'Shipping address',
    billTo: 'Billing address',
    shippingMethod: 'Shipping method',
    paymentMethod: 'Payment method',
    view: 'View your order:',
  },
  fr: {
    subject: (v) => `Confirmation de votre commande n° ${v.number} chez ${v.storeName}`,
    greeting: (v) => `Bonjour ${v.customerName},`,
    thanks: (v) => `Merci pour votre commande chez ${v.storeName}. Votre commande n° ${v.number} a bien été reçue.`,
    items: 'Articles',
    item: 'Article',
    sku: 'Référence',
    qty: 'Qté',
    price: 'Prix',
    subtotal: 'Sous-total',
    shipping: 'Livraison',
    discount: 'Remise',
    tax: 'TVA',
    grandTotal: 'Total TTC',
    shipTo: 'Adresse de livraison',
    billTo: 'Adresse de facturation',
    shippingMethod: 'Mode de livraison',
    paymentMethod: 'Mode de paiement',
    view: 'Voir votre commande :',
  },
};

export { escapeHtml } from './mail-layout';

function text(words: Words, v: ConfirmationView): string {
  const lines = [words.greeting(v), '', words.thanks(v), '', `${words.items}:`];
  for (const item of v.items) lines.push(`  ${item.qty} × ${item.name} (${item.sku}) — ${item.price} — ${item.rowTotal}`);
  lines.push('', `${words.subtotal}: ${v.subtotal}`, `${words.shipping}: ${v.shipping}`);
  if (v.discount) lines.push(`${words.discount}: ${v.discount}`);
  lines.push(`${words.tax}: ${v.tax}`, `${words.grandTotal}: ${v.grandTotal}`);
  lines.push(...textBlock(words.shipTo, v.shippingAddress), ...textBlock(words.billTo, v.billingAddress));
  if (v.shippingMethod) lines.push('', `${words.shippingMethod}: ${v.shippingMethod}`);
  if (v.paymentMethod) lines.push(`${words.paymentMethod}: ${v.paymentMethod}`);
  if (v.orderLink) lines.push('', words.view, v.orderLink);
  return lines.join('\n');
}

function html(words: Words, v: ConfirmationView): string {
  const totals: HtmlTotal[] = [
    { label: words.subtotal, value: v.subtotal },
    { label: words.shipping, value: v.shipping },
    ...(v.discount ? [{ label: words.discount, value: v.discount }] : []),
    { label: words.tax, value: v.tax },
    { label: words.grandTotal, value: v.grandTotal, strong: true },
  ];
  return htmlPage(words.subject(v), [
    htmlParagraph(words.greeting(v)),
    htmlParagraph(words.thanks(v)),
    htmlLink(v.orderLink, words.view),
    htmlTable(
      [{ label: words.item }, { label: words.sku }, { label: words.qty, numeric: true }, { label: words.price, numeric: true }, { label: words.subtotal, numeric: true }],
      v.items.map((i) => [i.name, i.sku, i.qty, i.price, i.rowTotal]),
      totals,
    ),
    htmlInfoTable([
      [htmlInfoCell(words.billTo, v.billingAddress), htmlInfoCell(words.shipTo, v.shippingAddress)],
      [htmlInfoCell(words.paymentMethod, v.paymentMethod ? [v.paymentMethod] : null), htmlInfoCell(words.shippingMethod, v.shippingMethod ? [v.shippingMethod] : null)],
    ]),
  ]);
}

function render(words: Words): ConfirmationTemplate {
  return { subject: words.subject, text: (v) => text(words, v), html: (v) => html(words, v) };
}

/** The template for a Magento locale code (fr_FR, en_US…); English when the language has none. */
export function confirmationTemplateFor(locale: string): ConfirmationTemplate {
  return render(wordsFor(WORDS, locale));
}
