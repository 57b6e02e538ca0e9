import type { CartAddress } from '../api/sales-entities';

/**
 * What every sales email shares (order confirmation, invoice, shipment, credit memo): HTML escaping, money and address
 * formatting, the https order link, words by language, and the building blocks of the text and HTML parts, so the four
 * mails look alike and escape alike.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-escapes text and attribute values alike (quotes included). */
export function escapeHtml(value: string): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

const formatters = new Map<string, (minor: number) => string>();

/**
 * Amounts are stored in minor units; Intl knows how many fraction digits each currency has (JPY none, USD two). Kept per
 * locale and currency: building an Intl.NumberFormat cost more than rendering the rest of an order email.
 */
export function moneyFormatter(locale: string, currency: string): (minor: number) => string {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const format = new Intl.NumberFormat(locale.replace('_', '-'), { style: 'currency', currency });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    formatter = (minor) => format.format(Number(minor) / 10 ** digits);
    // Locales and currencies come from configuration: a handful. The bound keeps a misconfiguration from growing it forever.
    if (formatters.size < 100) formatters.set(key, formatter);
  }
  return formatter;
}

export function addressLines(address: CartAddress): string[] {
  return [
    [address.firstname, address.lastname].filter(Boolean).join(' '),
    ...(address.company ? [address.company] : []),
    ...address.street,
    [address.postcode, address.city].filter(Boolean).join(' '),
    [address.region, address.countryId].filter(Boolean).join(', '),
    ...(address.telephone ? [`T: ${address.telephone}`] : []),
  ];
}

/** `sales_email/<type>/copy_to`: a comma-separated list of addresses (validated when saved). */
export function copyToList(value: string | null | undefined): string[] {
  return String(value ?? '').split(',').map((a) => a.trim()).filter(Boolean);
}

/**
 * A customer's order page, or the guest order lookup form for a guest (a guest has no account page). Only ever https (TLS-05):
 * a store view whose secure URL is not https gets no link rather than a plain-http one.
 */
export function secureOrderLink(secureLinkBase: string, customerOrderId: number | null): string | null {
  if (!/^https:\/\//i.test(secureLinkBase)) return null;
  const base = secureLinkBase.endsWith('/') ? secureLinkBase : `${secureLinkBase}/`;
  return customerOrderId === null ? `${base}sales/guest/form/` : `${base}sales/order/view/order_id/${customerOrderId}/`;
}

/** The words of a Magento locale code (fr_FR, fr_CA, en_US…), matched by language; English when the language has none. */
export function wordsFor<W>(table: Record<string, W> & { en: W }, locale: string): W {
  const language = locale.split(/[_-]/)[0].toLowerCase();
  return table[language] ?? table.en;
}

// ---- Text part -------------------------------------------------------------------------------------------------------

/** A titled block of lines, indented, after a blank line; nothing when there are no lines. */
export function textBlock(title: string, lines: string[] | null): string[] {
  return lines?.length ? ['', `${title}:`, ...lines.map((l) => `  ${l}`)] : [];
}

// ---- HTML part -------------------------------------------------------------------------------------------------------

const CELL = 'style="padding:4px 8px;border-bottom:1px solid #ddd"';
const NUM = 'style="padding:4px 8px;border-bottom:1px solid #ddd;text-align:right"';

/** The page around a mail's body parts; the title is escaped, the parts are HTML already built with these helpers. */
export function htmlPage(title: string, parts: string[]): string {
  return [
    '<!DOCTYPE html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;color:#333">',
    ...parts.filter(Boolean),
    '</body></html>',
  ].join('\n');
}

export const htmlParagraph = (text: string) => `<p>${escapeHtml(text)}</p>`;

/** A paragraph of several lines (a comment): each escaped, joined by <br>. */
export const htmlLines = (text: string) => `<p>${text.split(/\r?\n/).map(escapeHtml).join('<br>')}</p>`;

/** The order link (only ever https, see secureOrderLink); nothing without one. The label loses a trailing colon. */
export function htmlLink(href: string | null, label: string): string {
  return href ? `<p><a href="${escapeHtml(href)}">${escapeHtml(label.replace(/\s*:$/, ''))}</a></p>` : '';
}

export interface HtmlColumn {
  label: string;
  /** Right-aligned (quantities, amounts). */
  numeric?: boolean;
}

export interface HtmlTotal {
  label: string;
  value: string;
  strong?: boolean;
}

/** A table of lines with its header and, under the last column, totals; every cell is escaped. */
export function htmlTable(columns: HtmlColumn[], rows: Array<Array<string | number>>, totals: HtmlTotal[] = []): string {
  const e = escapeHtml;
  const head = columns.map((c) => `<th ${c.numeric ? NUM : CELL}>${e(c.label)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((value, i) => `<td ${columns[i]?.numeric ? NUM : CELL}>${e(String(value))}</td>`).join('')}</tr>`).join('');
  const bold = (value: string, strong?: boolean) => (strong ? `<strong>${e(value)}</strong>` : e(value));
  const foot = totals.map((t) => `<tr><td colspan="${columns.length - 1}" ${NUM}>${bold(t.label, t.strong)}</td><td ${NUM}>${bold(t.value, t.strong)}</td></tr>`);
  return [
    `<table style="border-collapse:collapse;width:100%"><thead><tr>${head}</tr></thead>`,
    `<tbody>${body}</tbody>${foot.length ? '<tfoot>' : ''}`,
    ...foot,
    `${foot.length ? '</tfoot>' : ''}</table>`,
  ].join('\n');
}

/** A titled cell of lines (an address, a method); nothing when there are none. */
export function htmlInfoCell(title: string, lines: string[] | null): string {
  return lines?.length ? `<td style="vertical-align:top;padding:8px"><h3>${escapeHtml(title)}</h3><p>${lines.map(escapeHtml).join('<br>')}</p></td>` : '';
}

/** Rows of info cells side by side (addresses, methods); nothing when every cell is empty. */
export function htmlInfoTable(rows: string[][]): string {
  const filled = rows.filter((cells) => cells.some(Boolean));
  return filled.length ? `<table style="width:100%">${filled.map((cells) => `<tr>${cells.join('')}</tr>`).join('\n')}</table>` : '';
}
