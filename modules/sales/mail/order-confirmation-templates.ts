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
const WORDS: Record<string, Words> = {
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

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-escapes text and attribute values alike (quotes included). */
export function escapeHtml(value: string): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

function text(words: Words, v: ConfirmationView): string {
  const lines = [words.greeting(v), '', words.thanks(v), '', `${words.items}:`];
  for (const item of v.items) lines.push(`  ${item.qty} × ${item.name} (${item.sku}) — ${item.price} — ${item.rowTotal}`);
  lines.push('', `${words.subtotal}: ${v.subtotal}`, `${words.shipping}: ${v.shipping}`);
  if (v.discount) lines.push(`${words.discount}: ${v.discount}`);
  lines.push(`${words.tax}: ${v.tax}`, `${words.grandTotal}: ${v.grandTotal}`);
  if (v.shippingAddress) lines.push('', `${words.shipTo}:`, ...v.shippingAddress.map((l) => `  ${l}`));
  if (v.billingAddress) lines.push('', `${words.billTo}:`, ...v.billingAddress.map((l) => `  ${l}`));
  if (v.shippingMethod) lines.push('', `${words.shippingMethod}: ${v.shippingMethod}`);
  if (v.paymentMethod) lines.push(`${words.paymentMethod}: ${v.paymentMethod}`);
  if (v.orderLink) lines.push('', words.view, v.orderLink);
  return lines.join('\n');
}

function html(words: Words, v: ConfirmationView): string {
  const e = escapeHtml;
  const cell = 'style="padding:4px 8px;border-bottom:1px solid #ddd"';
  const num = 'style="padding:4px 8px;border-bottom:1px solid #ddd;text-align:right"';
  const rows = v.items
    .map((i) => `<tr><td ${cell}>${e(i.name)}</td><td ${cell}>${e(i.sku)}</td><td ${num}>${i.qty}</td><td ${num}>${e(i.price)}</td><td ${num}>${e(i.rowTotal)}</td></tr>`)
    .join('');
  const total = (label: string, value: string, strong = false) =>
    `<tr><td colspan="4" ${num}>${strong ? `<strong>${e(label)}</strong>` : e(label)}</td><td ${num}>${strong ? `<strong>${e(value)}</strong>` : e(value)}</td></tr>`;
  const address = (title: string, lines: string[] | null) =>
    lines ? `<td style="vertical-align:top;padding:8px"><h3>${e(title)}</h3><p>${lines.map(e).join('<br>')}</p></td>` : '';
  const method = (title: string, value: string | null) => (value ? `<td style="vertical-align:top;padding:8px"><h3>${e(title)}</h3><p>${e(value)}</p></td>` : '');
  return [
    '<!DOCTYPE html>',
    `<html><head><meta charset="utf-8"><title>${e(words.subject(v))}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;color:#333">',
    `<p>${e(words.greeting(v))}</p>`,
    `<p>${e(words.thanks(v))}</p>`,
    v.orderLink ? `<p><a href="${e(v.orderLink)}">${e(words.view.replace(/\s*:$/, ''))}</a></p>` : '',
    `<table style="border-collapse:collapse;width:100%"><thead><tr><th ${cell}>${e(words.item)}</th><th ${cell}>${e(words.sku)}</th><th ${num}>${e(words.qty)}</th><th ${num}>${e(words.price)}</th><th ${num}>${e(words.subtotal)}</th></tr></thead>`,
    `<tbody>${rows}</tbody><tfoot>`,
    total(words.subtotal, v.subtotal),
    total(words.shipping, v.shipping),
    v.discount ? total(words.discount, v.discount) : '',
    total(words.tax, v.tax),
    total(words.grandTotal, v.grandTotal, true),
    '</tfoot></table>',
    `<table style="width:100%"><tr>${address(words.billTo, v.billingAddress)}${address(words.shipTo, v.shippingAddress)}</tr>`,
    `<tr>${method(words.paymentMethod, v.paymentMethod)}${method(words.shippingMethod, v.shippingMethod)}</tr></table>`,
    '</body></html>',
  ].join('\n');
}

function render(words: Words): ConfirmationTemplate {
  return { subject: words.subject, text: (v) => text(words, v), html: (v) => html(words, v) };
}

/** The template for a Magento locale code (fr_FR, en_US…); English when the language has none. */
export function confirmationTemplateFor(locale: string): ConfirmationTemplate {
  const language = locale.split(/[_-]/)[0].toLowerCase();
  return render(WORDS[language] ?? WORDS.en);
}
