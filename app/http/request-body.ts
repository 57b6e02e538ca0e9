import express, { type Request, type RequestHandler } from 'express';

/**
 * /graphql: any body is read as text, up to the limit, and left for graphql-http to judge (content type, JSON). graphql-http's
 * express adapter reads the stream itself, with no limit, whenever it finds no body, so it must always find one here.
 */
export function graphQlBodyReader(limit: string): RequestHandler {
  return express.text({ type: () => true, limit, defaultCharset: 'utf-8' });
}

/** /rest: JSON bodies only (other content types are left unread and refused with 415 by the router). */
export function restBodyReader(limit: string): RequestHandler {
  return express.json({ type: 'application/json', limit, strict: true });
}

/** Whether the client sent a body at all; `Content-Length: 0`, which many clients add to bodiless POSTs, does not count. */
export function sendsBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(req.headers['content-length']);
  return Number.isFinite(length) && length > 0;
}
