/** What a confirmation shows, already formatted for the store view's locale (amounts with their currency). */
export interface ConfirmationView {
  storeName: string;
  number: string;
  customerName: string;
  items: Array<{ name: string; sku: string; qty: number; rowTotal: string }>;
  subtotal: string;
  shipping: string;
  discount: string | null;
  tax: string;
  grandTotal: string;
  shippingAddress: string[] | null;
  /** An https:// link to the order, or null when the store view has no https base URL (a mail never carries a plain http link). */
  orderLink: string | null;
}

export interface ConfirmationTemplate {
  subject(view: ConfirmationView): string;
  text(view: ConfirmationView): string;
}

interface Words {
  subject: (v: ConfirmationView) => string;
  greeting: (v: ConfirmationView) => string;
  thanks: (v: ConfirmationView) => string;
  items: string;
  subtotal: string;
  shipping: string;
  discount: string;
  tax: string;
  grandTotal: string;
  shipTo: string;
  view: string;
}

/** Magento's sales_email_order_template in the languages we ship; a locale is matched by language (fr_CA uses French). */
const WORDS: Record<string, Words> = {
  en: {
    subject: (v) => `Your ${v.storeName} order confirmation #${v.number}`,
    greeting: (v) => `${v.customerName},`,
    thanks: (v) => `Thank you for your order from ${v.storeName}. Your order #${v.number} has been received.`,
    items: 'Items',
    subtotal: 'Subtotal',
    shipping: 'Shipping & Handling',
    discount: 'Discount',
    tax: 'Tax',
    grandTotal: 'Grand Total',
    shipTo: 'Shipping address',
    view: 'View your order:',
  },
  fr: {
    subject: (v) => `Confirmation de votre commande n° ${v.number} chez ${v.storeName}`,
    greeting: (v) => `Bonjour ${v.customerName},`,
    thanks: (v) => `Merci pour votre commande chez ${v.storeName}. Votre commande n° ${v.number} a bien été reçue.`,
    items: 'Articles',
    subtotal: 'Sous-total',
    shipping: 'Livraison',
    discount: 'Remise',
    tax: 'TVA',
    grandTotal: 'Total TTC',
    shipTo: 'Adresse de livraison',
    view: 'Voir votre commande :',
  },
};

function render(words: Words): ConfirmationTemplate {
  return {
    subject: words.subject,
    text: (v) => {
      const lines = [words.greeting(v), '', words.thanks(v), '', `${words.items}:`];
      for (const item of v.items) lines.push(`  ${item.qty} × ${item.name} (${item.sku}) — ${item.rowTotal}`);
      lines.push('', `${words.subtotal}: ${v.subtotal}`, `${words.shipping}: ${v.shipping}`);
      if (v.discount) lines.push(`${words.discount}: ${v.discount}`);
      lines.push(`${words.tax}: ${v.tax}`, `${words.grandTotal}: ${v.grandTotal}`);
      if (v.shippingAddress) lines.push('', `${words.shipTo}:`, ...v.shippingAddress.map((l) => `  ${l}`));
      if (v.orderLink) lines.push('', words.view, v.orderLink);
      return lines.join('\n');
    },
  };
}

/** The template for a Magento locale code (fr_FR, en_US…); English when the language has none. */
export function confirmationTemplateFor(locale: string): ConfirmationTemplate {
  const language = locale.split(/[_-]/)[0].toLowerCase();
  return render(WORDS[language] ?? WORDS.en);
}
