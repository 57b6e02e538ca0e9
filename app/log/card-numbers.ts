/**
 * Payment card numbers (PANs) in free text (PAY-01, PAY-03): 13 to 19 digits that pass the Luhn check, written together or in
 * groups separated by spaces or dashes. Used by the log scrubber and by the card-data guard, so both agree on what a card
 * number is.
 *
 * A run of digit groups is cut into candidates made of consecutive groups: "4111 1111 1111 1111 987" (a card number followed
 * by its CVV in a comment) still holds the card number. An unbroken run of more than 19 digits is not a card number, and runs
 * glued to letters are ignored (hexadecimal ids, JWTs, trace ids), which keeps false positives on ordinary traffic rare.
 */

/**
 * Digit groups joined by one or two spaces or dashes (or their URL encodings: `+`, `%20`, `%2D`, as a URL or a form body
 * carries them into a log line), not glued to a letter or digit on either side.
 */
const DIGIT_RUN = /(?<![A-Za-z0-9])\d+(?:(?:[ -]|\+|%20|%2[dD]){1,2}\d+)*(?![A-Za-z0-9])/g;

export interface CardNumberMatch {
  /** Offset and length of the candidate in the text (separators included). */
  index: number;
  length: number;
  /** The digits alone. */
  digits: string;
}

/**
 * Options of a search. `brandRangesOnly` narrows to numbers a card brand under PCI DSS could have issued: first digit 2-6
 * (Mastercard 2-series, Amex/JCB/Diners, Visa, Mastercard, Discover/UnionPay/Maestro), 13 digits only for Visa (4…), 14 only
 * for Diners (3…). It spares what ordinary traffic is full of — millisecond timestamps (13 digits starting with 1, in analytics
 * cookies such as _fbp) and most EAN-13 barcodes — and misses no PAN of those brands.
 */
export interface CardSearchOptions {
  brandRangesOnly?: boolean;
}

export function inBrandRange(digits: string): boolean {
  const first = digits.charCodeAt(0) - 48;
  if (first < 2 || first > 6) return false;
  if (digits.length === 13) return first === 4;
  if (digits.length === 14) return first === 3;
  return true;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Cheap pre-check: fewer than 13 digits in the whole text means no card number can be there. */
function hasEnoughDigits(text: string): boolean {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57 && ++count >= 13) return true;
  }
  return false;
}

/** Every card number in the text, in order, without overlaps. */
export function findCardNumbers(text: string, options: CardSearchOptions = {}): CardNumberMatch[] {
  if (!hasEnoughDigits(text)) return [];
  const found: CardNumberMatch[] = [];
  for (const run of text.matchAll(DIGIT_RUN)) {
    for (const match of cardNumbersInRun(run[0], false, options)) found.push({ ...match, index: run.index! + match.index });
  }
  return found;
}

export function containsCardNumber(text: string, options: CardSearchOptions = {}): boolean {
  if (!hasEnoughDigits(text)) return false;
  for (const run of text.matchAll(DIGIT_RUN)) if (cardNumbersInRun(run[0], true, options).length) return true;
  return false;
}

/** Replaces each card number with `[REDACTED PAN]`, or what `replacement` says for it (no digit kept: logs need none). */
export function redactCardNumbers(text: string, replacement: string | ((match: CardNumberMatch) => string) = '[REDACTED PAN]'): string {
  const matches = findCardNumbers(text);
  if (!matches.length) return text;
  let out = '';
  let last = 0;
  for (const m of matches) {
    out += text.slice(last, m.index) + (typeof replacement === 'string' ? replacement : replacement(m));
    last = m.index + m.length;
  }
  return out + text.slice(last);
}

/** Candidates made of consecutive groups; after a hit, the search goes on after it ("4111… 5555…" holds two). */
function cardNumbersInRun(run: string, firstOnly: boolean, options: CardSearchOptions): CardNumberMatch[] {
  const groups: Array<{ start: number; end: number; digits: string }> = [];
  let total = 0;
  // The digits of an encoded separator (%20, %2D) are not card digits: mask them, keeping offsets.
  for (const group of run.replace(/%2[0dD]/g, '%__').matchAll(/\d+/g)) {
    groups.push({ start: group.index!, end: group.index! + group[0].length, digits: group[0] });
    total += group[0].length;
  }
  if (total < 13) return [];
  const found: CardNumberMatch[] = [];
  let from = 0;
  while (from < groups.length) {
    let digits = '';
    let best: { match: CardNumberMatch; to: number } | undefined;
    // The longest candidate starting here, so "4111 1111 1111 1111" wins over a 13-digit prefix of it.
    for (let to = from; to < groups.length; to++) {
      digits += groups[to].digits;
      if (digits.length > 19) break;
      if (digits.length >= 13 && luhnValid(digits) && (!options.brandRangesOnly || inBrandRange(digits))) best = { match: { index: groups[from].start, length: groups[to].end - groups[from].start, digits }, to };
    }
    if (best) {
      found.push(best.match);
      if (firstOnly) return found;
      from = best.to + 1;
    } else from++;
  }
  return found;
}
