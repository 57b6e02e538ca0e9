import { redactCardNumbers } from './card-numbers';

/**
 * The last pass over every serialized log line, whatever its depth or shape (PAY-01, PAY-03, LOG-03): pino's path redaction
 * only knows the paths it was given, while a module may log a raw request body, a GraphQL query text with inline literals, a
 * query string or an error message holding a card number. This pass removes:
 * - card numbers (Luhn-valid 13-19 digits, spaced or not) anywhere in the line;
 * - the value next to a sensitive key (cvv, cvc, cc_cid, card_number, password, token, secret…) at any depth, in JSON
 *   (`"cvv":"987"`), JSON escaped inside a string (`\"cvv\":\"987\"`), GraphQL literals (`cvv: "987"`) and query strings (`cvv=987`).
 */

/** Key names whose values never reach a log. Matched case-insensitively, as a whole key or inside one (`new_password`, `accessToken`). */
const SENSITIVE_KEY_PART = ['cvv', 'cvc', 'cvn', 'cc_cid', 'cid', 'security_code', 'securitycode', 'card_number', 'cardnumber', 'cc_number', 'ccnumber', 'cc_num', 'pan', 'pin', 'track1', 'track2', 'password', 'passwd', 'secret', 'token', 'api_key', 'apikey', 'authorization', 'cookie', 'otp'];

/** Keys that contain a part above without being secret: kept readable. */
const HARMLESS_KEYS = new Set(['pid', 'span', 'spans', 'company', 'pin_code_required']);

const KEY_PATTERN = new RegExp(
  String.raw`(?<![A-Za-z0-9_])([A-Za-z0-9_]*(?:${SENSITIVE_KEY_PART.join('|')})[A-Za-z0-9_]*)(\\*"|')?[ \t]*[:=][ \t]*`,
  'gi',
);

export const REDACTED = '[REDACTED]';

export function scrubLogLine(line: string): string {
  return redactCvvInProse(redactSensitiveValues(redactCardNumbers(line, panReplacer(line))));
}

/** A CVV written in free text ("card … cvv 987", "security code: 1234"): the 3 or 4 digits after the word go. */
const CVV_IN_PROSE = /(?<![A-Za-z0-9_])(cvv2?|cvc2?|cvn|cid|security[ _-]?code)(\W{1,3})\d{3,4}(?!\d)/gi;

export function redactCvvInProse(text: string): string {
  return text.replace(CVV_IN_PROSE, (_m, word: string, between: string) => `${word}${between}[REDACTED]`);
}

/**
 * Inside a JSON string a card number becomes `[REDACTED PAN]`; as a bare JSON number it becomes the string "[REDACTED PAN]",
 * so the line stays valid JSON for whatever reads the logs. Whether a match is inside a string is known by counting the
 * unescaped quotes before it (matches come in order, so the count goes on from the previous one).
 */
function panReplacer(line: string): (match: { index: number }) => string {
  let position = 0;
  let inString = false;
  return ({ index }) => {
    for (; position < index; position++) {
      if (line[position] === '\\') position++;
      else if (line[position] === '"') inString = !inString;
    }
    return inString ? '[REDACTED PAN]' : '"[REDACTED PAN]"';
  };
}

export function redactSensitiveValues(text: string): string {
  let out = '';
  let last = 0;
  KEY_PATTERN.lastIndex = 0;
  for (let match = KEY_PATTERN.exec(text); match; match = KEY_PATTERN.exec(text)) {
    const key = match[1].toLowerCase();
    if (HARMLESS_KEYS.has(key) || !isWholePart(key)) continue;
    const valueStart = match.index + match[0].length;
    const valueEnd = endOfValue(text, valueStart);
    if (valueEnd <= valueStart) continue;
    const value = text.slice(valueStart, valueEnd);
    if (value === REDACTED || value === `"${REDACTED}"` || value === `\\"${REDACTED}\\"`) continue;
    out += text.slice(last, valueStart) + replacementFor(value, match[2]);
    last = valueEnd;
    KEY_PATTERN.lastIndex = valueEnd;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** `cid` or `pan` inside another word (`paid`, `company`, `expand`) is not a key part; compound keys use `_` or camelCase. */
function isWholePart(key: string): boolean {
  return SENSITIVE_KEY_PART.some((part) => {
    const at = key.indexOf(part);
    if (at < 0) return false;
    if (part.length > 3) return true;
    return key === part || key.startsWith(`${part}_`) || key.endsWith(`_${part}`) || key.includes(`_${part}_`);
  });
}

/** Where the value starting at `start` ends: a quoted string (plain JSON or JSON escaped once), an object/array is left alone, or a bare token. */
function endOfValue(text: string, start: number): number {
  let slashes = 0;
  while (text[start + slashes] === '\\') slashes++;
  const quote = text[start + slashes];
  if (quote === '"' || (quote === "'" && slashes === 0)) {
    for (let i = start + slashes + 1; i < text.length; i++) {
      if (text[i] !== quote) continue;
      let run = 0;
      while (text[i - 1 - run] === '\\') run++;
      // Plain JSON: an even run of backslashes leaves the quote unescaped. Escaped once inside a string: the closing quote is
      // written \" and an escaped quote inside the value \\\" — runs of 1, 5, 9… close.
      if (slashes === 0 ? run % 2 === 0 : run % 4 === 1) return i + 1;
    }
    return text.length;
  }
  if (slashes || quote === '{' || quote === '[') return start;
  let i = start;
  while (i < text.length && !/[\s,&;}\])"'\\]/.test(text[i])) i++;
  return i;
}

/** The replacement keeps the line's syntax: a bare JSON value (number, boolean) after a quoted key becomes a string. */
function replacementFor(value: string, keyQuote: string | undefined): string {
  if (!/^["'\\]/.test(value) && keyQuote?.endsWith('"')) {
    const escape = keyQuote.slice(0, -1);
    return `${escape}"${REDACTED}${escape}"`;
  }
  if (value.startsWith('\\')) {
    const slashes = value.length - value.replace(/^\\+/, '').length;
    const escape = '\\'.repeat(slashes);
    return `${escape}"${REDACTED}${escape}"`;
  }
  if (value.startsWith('"')) return `"${REDACTED}"`;
  if (value.startsWith("'")) return `'${REDACTED}'`;
  return REDACTED;
}
