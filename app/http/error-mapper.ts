import { ZodError } from 'zod';
import { INTERNAL_ERROR_MESSAGE } from '../graphql/error-formatter';
import { clientCategoryOf, type ErrorCategory } from '../graphql/errors';
import type { HttpErrorBody } from './error-response';

/** The HTTP status of each client-aware category (Magento's Webapi exceptions use the same ones). */
export const STATUS_BY_CATEGORY: Record<ErrorCategory, number> = {
  graphql: 400,
  'graphql-input': 400,
  'graphql-authentication': 401,
  'graphql-authorization': 403,
  'graphql-no-such-entity': 404,
  'graphql-already-exists': 409,
  internal: 500,
};

export interface ErrorMappingOptions {
  developer: boolean;
  /** The configured limit, as written in env.json, for the 413 message. */
  bodyLimit: string;
}

/** body-parser's failures: the client sent something unreadable, or too much. */
const BODY_ERRORS: Record<string, (options: ErrorMappingOptions) => Omit<HttpErrorBody, 'category'>> = {
  'entity.too.large': (o) => ({ status: 413, message: `The request body is larger than the ${o.bodyLimit} limit.` }),
  'entity.parse.failed': () => ({ status: 400, message: 'The request body is not valid JSON.' }),
  'charset.unsupported': () => ({ status: 415, message: 'Unsupported charset: send UTF-8.' }),
  'encoding.unsupported': () => ({ status: 415, message: 'Unsupported content encoding.' }),
  'request.aborted': () => ({ status: 400, message: 'The request was aborted.' }),
  'request.size.invalid': () => ({ status: 400, message: 'The request body does not match its Content-Length.' }),
  'parameters.too.many': () => ({ status: 413, message: 'Too many parameters.' }),
};

/**
 * What a client is told about an error: client-aware errors (and KernelErrors with a client code) with their own message and
 * the status of their category, malformed bodies with a fixed message, anything else as a bare 500.
 */
export function describeHttpError(err: unknown, options: ErrorMappingOptions): HttpErrorBody {
  const category = clientCategoryOf(err);
  if (category) return { status: STATUS_BY_CATEGORY[category], message: (err as Error).message, category };
  const bodyType = (err as { type?: unknown } | null)?.type;
  if (typeof bodyType === 'string' && BODY_ERRORS[bodyType]) return { ...BODY_ERRORS[bodyType](options), category: 'graphql' };
  if (err instanceof ZodError) {
    const details = err.issues.map((i) => `${i.path.map(String).join('.') || '(value)'}: ${i.message}`).join('; ');
    return { status: 400, message: `Invalid input: ${details}`, category: 'graphql-input' };
  }
  const internal: HttpErrorBody = { status: 500, message: INTERNAL_ERROR_MESSAGE, category: 'internal' };
  if (options.developer && err instanceof Error) internal.debug = { message: err.message, stack: err.stack };
  return internal;
}
