import type { Request, Response } from 'express';
import type { ErrorCategory } from '../graphql/errors';

export interface HttpErrorBody {
  status: number;
  message: string;
  /** For GraphQL-shaped answers; REST answers carry only the message, as Magento's do. */
  category?: ErrorCategory;
  /** Developer mode only: the real message and stack of an internal error. */
  debug?: { message: string; stack?: string };
}

/**
 * Answers an error the way the endpoint's clients read errors: `{ errors: [{ message, extensions: { category } }] }` on
 * /graphql, `{ message }` everywhere else. Always JSON, never a redirect.
 */
export function sendHttpError(req: Request, res: Response, error: HttpErrorBody): void {
  res.status(error.status);
  if (isGraphQlPath(req)) {
    const extensions: Record<string, unknown> = { category: error.category ?? 'graphql' };
    if (error.debug) extensions.debug = error.debug;
    res.json({ errors: [{ message: error.message, extensions }] });
    return;
  }
  res.json(error.debug ? { message: error.message, debug: error.debug } : { message: error.message });
}

export function isGraphQlPath(req: Request): boolean {
  const path = (req.originalUrl ?? req.url).split('?')[0];
  return path === '/graphql' || path.startsWith('/graphql/');
}
