import {
  escapeHtml,
  htmlInfoCell,
  htmlInfoTable,
  htmlLink,
  htmlPage,
  htmlParagraph,
  htmlTable,
  textBlock,
  wordsFor,
  type HtmlColumn,
  type HtmlTotal,
} from './mail-layout';

export type DocumentEmailKind = 'invoice' | 'shipment' | 'creditmemo';

/** One line of the document: a shipment line has no amounts. */
export interface DocumentLineView {
  name: string;
  sku: string;
  qty: number;
  price?: string;
  rowTotal?: string;
}

/** The document's totals that apply, already formatted; the ones left out are not shown. */
export interface DocumentTotalsView {
  subtotal: string;
  shipping: string;
  discount?: string | null;
  adjustmentRefund?: string | null;
  adjustmentFee?: string | null;
  tax: string;
  grandTotal: string;
}

/** What an invoice, shipment or credit memo email shows, already formatted for the store view's locale. */
export interface DocumentView {
  kind: DocumentEmailKind;
  storeName: string;
  orderNumber: string;
  /** The document's own number (its increment id). */
  number: string;
  customerName: string;
  items: DocumentLineView[];
  /** Null for a shipment. */
  totals: DocumentTotalsView | null;
  /** An invoice created without capture (open, state 1): its amount is not charged yet, and the email says so. */
  paymentPending: boolean;
  /** A shipment's tracking numbers with their carrier titles. */
  tracks: Array<{ title: string; number: string }>;
  shippingAddress: string[] | null;
  billingAddress: string[] | null;
  shippingMethod: string | null;
  /** The method's title only: a sales email never carries card data. */
  paymentMethod: string | null;
  /** The document's comment, only when the admin made it visible on the storefront (is_visible_on_front). */
  comment: string | null;
  /** An https:// link to the order, or null (a mail never carries a plain http link). */
  orderLink: string | null;
}

export interface DocumentTemplate {
  subject(view: DocumentView): string;
  text(view: DocumentView): string;
  /** The HTML part: every value from the order and the document (names, addresses, tracks, comment) is escaped. */
  html(view: DocumentView): string;
}

interface Words {
  subject: Record<DocumentEmailKind, (v: DocumentView) => string>;
  intro: Record<DocumentEmailKind, (v: DocumentView) => string>;
  greeting: (v: DocumentView) => string;
  thanks: (v: DocumentView) => string;
  items: string;
  item: string;
  sku: string;
  qty: string;
  price: string;
  subtotal: string;
  shipping: string;
  discount: string;
  adjustmentRefund: string;
  adjustmentFee: string;
  tax: string;
  grandTotal: string;
  pending: string;
  tracking: string;
  carrier: string;
  trackNumber: string;
  shipTo: string;
  billTo: string;
  shippingMethod: string;
  paymentMethod: string;
  comment: string;
  view: string;
}

/** Magento's sales_email_invoice_template, sales_email_shipment_template and sales_email_creditmemo_template, by language. */
const WORDS: Record<string, Words> & { en: Words } = {
  en: {
    subject: {
      invoice: (v) => `Invoice for your ${v.storeName} order #${v.orderNumber}`,
      shipment: (v) => `Your ${v.storeName} order has shipped`,
      creditmemo: (v) => `Credit memo for your ${v.storeName} order #${v.orderNumber}`,
    },
    intro: {
      invoice: (v) => `Your Invoice #${v.number} for Order #${v.orderNumber}`,
      shipment: (v) => `Your Shipment #${v.number} for Order #${v.orderNumber}`,
      creditmemo: (v) => `Your Credit Memo #${v.number} for Order #${v.orderNumber}`,
    },
    greeting: (v) => `${v.customerName},`,
    thanks: (v) => `Thank you for your order from ${v.storeName}.`,
    items: 'Items',
    item: 'Item',
    sku: 'SKU',
    qty: 'Qty',
    price: 'Price',
    subtotal: 'Subtotal',
    shipping: 'Shipping & Handling',
    discount: 'Discount',
    adjustmentRefund: 'Adjustment Refund',
    adjustmentFee: 'Adjustment Fee',
    tax: 'Tax',
    grandTotal: 'Grand Total',
    pending: 'Payment pending: this amount has not been charged yet.',
    tracking: 'Tracking',
    carrier: 'Carrier',
    trackNumber: 'Tracking number',
    shipTo: 'Shipping address',
    billTo: 'Billing address',
    shippingMethod: 'Shipping method',
    paymentMethod: 'Payment method',
    comment: 'Comment',
    view: 'View your order:',
  },
  fr: {
    subject: {
      invoice: (v) => `Facture de votre commande n° ${v.orderNumber} chez ${v.storeName}`,
      shipment: (v) => `Votre commande chez ${v.storeName} a été expédiée`,
      creditmemo: (v) => `Avoir sur votre commande n° ${v.orderNumber} chez ${v.storeName}`,
    },
    intro: {
      invoice: (v) => `Votre facture n° ${v.number} pour la commande n° ${v.orderNumber}`,
      shipment: (v) => `Votre expédition n° ${v.number} pour la commande n° ${v.orderNumber}`,
      creditmemo: (v) => `Votre avoir n° ${v.number} pour la commande n° ${v.orderNumber}`,
    },
    greeting: (v) => `Bonjour ${v.customerName},`,
    thanks: (v) => `Merci pour votre commande chez ${v.storeName}.`,
    items: 'Articles',
    item: 'Article',
    sku: 'Référence',
    qty: 'Qté',
    price: 'Prix',
    subtotal: 'Sous-total',
    shipping: 'Livraison',
    discount: 'Remise',
    adjustmentRefund: 'Remboursement ajusté',
    adjustmentFee: "Frais d'ajustement",
    tax: 'TVA',
    grandTotal: 'Total TTC',
    pending: "Paiement en attente : ce montant n'a pas encore été débité.",
    tracking: 'Suivi',
    carrier: 'Transporteur',
    trackNumber: 'Numéro de suivi',
    shipTo: 'Adresse de livraison',
    billTo: 'Adresse de facturation',
    shippingMethod: 'Mode de livraison',
    paymentMethod: 'Mode de paiement',
    comment: 'Commentaire',
    view: 'Voir votre commande :',
  },
};

/** The totals shown, in Magento's order; optional ones only when they are set. */
function totalsOf(words: Words, totals: DocumentTotalsView | null): HtmlTotal[] {
  if (!totals) return [];
  const rows: Array<[string, string | null | undefined, boolean?]> = [
    [words.subtotal, totals.subtotal],
    [words.shipping, totals.shipping],
    [words.discount, totals.discount],
    [words.adjustmentRefund, totals.adjustmentRefund],
    [words.adjustmentFee, totals.adjustmentFee],
    [words.tax, totals.tax],
    [words.grandTotal, totals.grandTotal, true],
  ];
  return rows.filter(([, value]) => value).map(([label, value, strong]) => ({ label, value: value!, ...(strong ? { strong } : {}) }));
}

const commentLines = (v: DocumentView) => (v.comment ? v.comment.split(/\r?\n/) : null);

function text(words: Words, v: DocumentView): string {
  const lines = [words.greeting(v), '', words.thanks(v), '', words.intro[v.kind](v), '', `${words.items}:`];
  for (const item of v.items) {
    const amounts = item.price !== undefined ? ` — ${item.price} — ${item.rowTotal}` : '';
    lines.push(`  ${item.qty} × ${item.name} (${item.sku})${amounts}`);
  }
  const totals = totalsOf(words, v.totals);
  if (totals.length) lines.push('', ...totals.map((t) => `${t.label}: ${t.value}`));
  if (v.paymentPending) lines.push('', words.pending);
  lines.push(...textBlock(words.tracking, v.tracks.map((t) => `${t.title}: ${t.number}`)));
  lines.push(...textBlock(words.comment, commentLines(v)));
  lines.push(...textBlock(words.shipTo, v.shippingAddress), ...textBlock(words.billTo, v.billingAddress));
  const methods = [
    ...(v.shippingMethod ? [`${words.shippingMethod}: ${v.shippingMethod}`] : []),
    ...(v.paymentMethod ? [`${words.paymentMethod}: ${v.paymentMethod}`] : []),
  ];
  if (methods.length) lines.push('', ...methods);
  if (v.orderLink) lines.push('', words.view, v.orderLink);
  return lines.join('\n');
}

function html(words: Words, v: DocumentView): string {
  const priced = v.kind !== 'shipment';
  const columns: HtmlColumn[] = [
    { label: words.item },
    { label: words.sku },
    { label: words.qty, numeric: true },
    ...(priced ? [{ label: words.price, numeric: true }, { label: words.subtotal, numeric: true }] : []),
  ];
  const rows = v.items.map((i) => [i.name, i.sku, i.qty, ...(priced ? [i.price ?? '', i.rowTotal ?? ''] : [])]);
  const list = (value: string | null) => (value ? [value] : null);
  return htmlPage(words.subject[v.kind](v), [
    htmlParagraph(words.greeting(v)),
    htmlParagraph(words.thanks(v)),
    htmlLink(v.orderLink, words.view),
    `<h2>${escapeHtml(words.intro[v.kind](v))}</h2>`,
    htmlTable(columns, rows, totalsOf(words, v.totals)),
    v.paymentPending ? htmlParagraph(words.pending) : '',
    v.tracks.length ? htmlTable([{ label: words.carrier }, { label: words.trackNumber }], v.tracks.map((t) => [t.title, t.number])) : '',
    htmlInfoTable([[htmlInfoCell(words.comment, commentLines(v))]]),
    htmlInfoTable([
      [htmlInfoCell(words.billTo, v.billingAddress), htmlInfoCell(words.shipTo, v.shippingAddress)],
      [htmlInfoCell(words.paymentMethod, list(v.paymentMethod)), htmlInfoCell(words.shippingMethod, list(v.shippingMethod))],
    ]),
  ]);
}

/** The template of a kind of document for a Magento locale code (fr_FR, en_US…); English when the language has none. */
export function documentTemplateFor(locale: string): DocumentTemplate {
  const words = wordsFor(WORDS, locale);
  return { subject: (v) => words.subject[v.kind](v), text: (v) => text(words, v), html: (v) => html(words, v) };
}
