import { htmlLink, htmlLines, htmlPage, htmlParagraph, wordsFor } from './mail-layout';

/** What an order comment email shows, already formatted for the store view's locale. */
export interface OrderCommentView {
  storeName: string;
  orderNumber: string;
  customerName: string;
  /** The order's status as the storefront labels it (Pending, Processing…). */
  status: string;
  /** The comment the customer is notified of. */
  comment: string;
  /** An https:// link to the order, or null (a mail never carries a plain http link). */
  orderLink: string | null;
}

export interface OrderCommentTemplate {
  subject(view: OrderCommentView): string;
  text(view: OrderCommentView): string;
  /** The HTML part: every value (names, the comment) is escaped. */
  html(view: OrderCommentView): string;
}

interface Words {
  subject: (v: OrderCommentView) => string;
  greeting: (v: OrderCommentView) => string;
  updated: (v: OrderCommentView) => string;
  statuses: Record<string, string>;
  view: string;
}

/** Magento's sales_email_order_comment_template, by language. */
const WORDS: Record<string, Words> & { en: Words } = {
  en: {
    subject: (v) => `Update to your ${v.storeName} order`,
    greeting: (v) => `${v.customerName},`,
    updated: (v) => `Your order #${v.orderNumber} has been updated with a status of: ${v.status}.`,
    statuses: { pending: 'Pending', processing: 'Processing', complete: 'Complete', closed: 'Closed', canceled: 'Canceled' },
    view: 'View your order:',
  },
  fr: {
    subject: (v) => `Mise à jour de votre commande chez ${v.storeName}`,
    greeting: (v) => `Bonjour ${v.customerName},`,
    updated: (v) => `Votre commande n° ${v.orderNumber} a été mise à jour, son statut est : ${v.status}.`,
    statuses: { pending: 'En attente', processing: 'En cours de traitement', complete: 'Terminée', closed: 'Clôturée', canceled: 'Annulée' },
    view: 'Voir votre commande :',
  },
};

/** The template for a Magento locale code (fr_FR, en_US…), English when the language has none; `statusLabel` names a status in it. */
export function orderCommentTemplateFor(locale: string): OrderCommentTemplate & { statusLabel(status: string): string } {
  const words = wordsFor(WORDS, locale);
  return {
    statusLabel: (status) => words.statuses[status] ?? status,
    subject: (v) => words.subject(v),
    text: (v) => [words.greeting(v), '', words.updated(v), '', v.comment, ...(v.orderLink ? ['', words.view, v.orderLink] : [])].join('\n'),
    html: (v) =>
      htmlPage(words.subject(v), [
        htmlParagraph(words.greeting(v)),
        htmlParagraph(words.updated(v)),
        htmlLines(v.comment),
        htmlLink(v.orderLink, words.view),
      ]),
  };
}
