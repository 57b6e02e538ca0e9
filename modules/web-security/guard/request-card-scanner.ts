import type { Request } from 'express';
import { isGraphQlPath } from '../../../app/http/error-response';
import type { CardNumberFinder, CardNumberHit } from './card-number-finder';

/** The URL: its path (path parameters: /V1/carts/4111…) and its query string, decoded (`+` and %20 become spaces). */
export function scanUrl(req: Request, find: CardNumberFinder): CardNumberHit | undefined {
  const [rawPath, rawQuery = ''] = req.originalUrl.split('?', 2);
  const inPath = find.inText(decodeLoosely(rawPath), 'URL path');
  if (inPath) return inPath;
  const inQuery = find.inText(decodeLoosely(rawQuery.replace(/\+/g, ' ')), 'query string');
  // Named by its parameter when the parsed query shows it (it may not: a key in brackets, a malformed escape).
  if (inQuery) return find.inValue(req.query, 'query string') ?? inQuery;
  if (isGraphQlPath(req) && typeof req.query.query === 'string') return find.inGraphQlDocument(req.query.query, 'query');
  return undefined;
}

/** Every header value, cookies and authorization included (a card number pasted into a custom header is still a card number). */
export function scanHeaders(req: Request, find: CardNumberFinder): CardNumberHit | undefined {
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    const hit = find.inText(Array.isArray(value) ? value.join(', ') : value, `header ${name}`);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * The body as read by the HTTP app. REST bodies arrive as decoded JSON. /graphql bodies arrive as raw text: the text is
 * scanned as it is, and decoded only when it must be — to name the field of a hit, or when escapes (\u0034…, %34…) could
 * hide digits from the raw scan; then the query's own string literals are scanned decoded too.
 */
export function scanBody(req: Request, find: CardNumberFinder): CardNumberHit | undefined {
  const body: unknown = req.body;
  if (body === undefined || body === null || body === '') return undefined;
  if (typeof body !== 'string') return find.inValue(body, 'body');
  const inText = find.inText(body, 'body');
  const escaped = body.includes('\\u') || body.includes('%');
  if (!inText && !escaped) return undefined;
  const decoded = decodeBodyText(req, body);
  const inDecoded = decoded === undefined ? undefined : find.inValue(decoded, '');
  if (inDecoded || inText) return inDecoded ?? inText;
  const query = decoded && typeof decoded === 'object' ? (decoded as Record<string, unknown>).query : undefined;
  return typeof query === 'string' ? find.inGraphQlDocument(query, 'query') : undefined;
}

function decodeBodyText(req: Request, text: string): unknown {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  }
  if (req.is('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  return undefined;
}

function decodeLoosely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/%20/gi, ' ');
  }
}
