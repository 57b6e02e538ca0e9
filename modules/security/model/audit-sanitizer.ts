/**
 * LOG-03: what must never reach the audit trail in clear. Values under secret-looking keys are masked whatever they are;
 * strings that look like bearer tokens or card numbers are masked wherever they appear; control characters are escaped so an
 * entry can't forge a line break in an export or a terminal (log injection).
 */
import { redactCardNumbers } from '../../../app/log/card-numbers';

export const MASK = '******';

const SECRET_KEY = /pass(word|wd)?|secret|token|otp|recovery|cvv|cvc|card|pan$|hash|credential|signature|private|api_?key|^key$|^code$/i;
const JWT_LIKE = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const MAX_STRING = 1000;
const MAX_DEPTH = 5;

export function sanitizeDetails(details: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!details) return {};
  return sanitizeObject(details, 0);
}

function sanitizeObject(value: Record<string, unknown>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const safeKey = escapeControl(key).slice(0, 100);
    if (item === undefined) continue;
    out[safeKey] = SECRET_KEY.test(key) && item !== null && typeof item !== 'boolean' ? MASK : sanitizeValue(item, depth + 1);
  }
  return out;
}

function sanitizeValue(value: unknown, depth: number): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string') return sanitizeText(value);
  if (depth > MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) return value.slice(0, 100).map((item) => sanitizeValue(item, depth + 1));
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return sanitizeObject(value as Record<string, unknown>, depth);
  return String(value);
}

/**
 * Masks token- and card-looking substrings, escapes control characters and caps the length. Card numbers are found as the
 * kernel's log scrubber and card guard find them (app/log/card-numbers): Luhn-valid runs of 13-19 digits, grouped or not,
 * never digits glued to letters — a hex digest holding a Luhn-valid digit run (an email's blind index) stays whole.
 */
export function sanitizeText(value: string, max = MAX_STRING): string {
  const masked = redactCardNumbers(value.replace(JWT_LIKE, MASK), MASK);
  const escaped = escapeControl(masked);
  return escaped.length > max ? `${escaped.slice(0, max - 1)}…` : escaped;
}

/** \n, \r, ESC, DEL, the Unicode line separators… become visible `\uXXXX` sequences. */
export function escapeControl(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
