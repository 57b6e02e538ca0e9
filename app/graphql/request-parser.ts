import type { Request as ExpressRequest } from 'express';
import { parseRequestParams, type Request, type RequestParams, type Response } from 'graphql-http';
import { RequestError } from './errors';

/**
 * graphql-http's own request parsing (methods, content types, JSON), fed with the body the HTTP app already read under the
 * size limit. graphql-http's express adapter would otherwise read the stream itself, without any limit, whenever `req.body`
 * is empty. Its parse failures become client-aware errors, so they are reported as they are instead of masked as internal.
 */
export async function parseGraphQlRequest(req: Request<ExpressRequest, unknown>): Promise<RequestParams | Response> {
  const received: unknown = req.raw.body;
  const body = typeof received === 'string' || (typeof received === 'object' && received !== null) ? (received as string | Record<string, unknown>) : '';
  try {
    return await parseRequestParams({ ...req, body });
  } catch (err) {
    if (typeof body === 'string' ? body.trimStart().startsWith('[') : Array.isArray(body)) {
      // Batching multiplies what one request can try (guesses, aliases…) past every per-request limit.
      throw new RequestError('Batched requests are not supported: send one GraphQL operation per request.');
    }
    throw new RequestError((err as Error).message);
  }
}
