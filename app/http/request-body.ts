import bytes from 'bytes';
import express, { type Request, type RequestHandler } from 'express';

/**
 * /graphql: any body is read as text, up to the limit, and left for graphql-http to judge (content type, JSON). graphql-http's
 * express adapter reads the stream itself, with no limit, whenever it finds no body, so it must always find one here.
 *
 * What storefronts send (a Content-Length within the limit, no Content-Encoding, UTF-8 or no charset) is read here directly:
 * body-parser's general path (type checks, iconv's decoder, raw-body's listeners and callbacks) cost about 2.5% of a checkout's
 * server time, three times what collecting the chunks does. Everything else (chunked or compressed bodies, other charsets, a
 * declared length over the limit) goes to body-parser, which reads, inflates, decodes or refuses it as before.
 */
export function graphQlBodyReader(limit: string): RequestHandler {
  const general = express.text({ type: () => true, limit, defaultCharset: 'utf-8' });
  const maxBytes = bytes.parse(limit);
  if (maxBytes === null || !Number.isFinite(maxBytes)) throw new TypeError(`Invalid body limit "${limit}"`);
  return (req, res, next) => {
    const length = plainUtf8Length(req);
    // A body already read (the stream has ended) is left alone, as body-parser leaves it.
    if (length === undefined || length > maxBytes || req.readableEnded || (req.complete && !req.readable)) return general(req, res, next);
    readUtf8(req, length, next);
  };
}

/** The declared length of a body read as is: identity encoding, not chunked, UTF-8 (or no charset); else undefined. */
function plainUtf8Length(req: Request): number | undefined {
  const { headers } = req;
  if (headers['transfer-encoding'] !== undefined) return undefined;
  const encoding = headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return undefined;
  const declared = headers['content-length'];
  if (declared === undefined || !/^\d{1,15}$/.test(declared)) return undefined;
  const type = headers['content-type'];
  if (type !== undefined) {
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(type)?.[1]?.toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return undefined;
  }
  return Number(declared);
}

/** Collects exactly `length` bytes into req.body as text (a leading BOM dropped, as iconv does), then next(); errors as body-parser's. */
function readUtf8(req: Request, length: number, next: (err?: unknown) => void): void {
  const chunks: Buffer[] = [];
  let received = 0;
  let settled = false;
  const finish = (err?: unknown) => {
    if (settled) return;
    settled = true;
    req.removeListener('data', onData);
    req.removeListener('end', onEnd);
    req.removeListener('aborted', onAborted);
    req.removeListener('error', onError);
    if (err) {
      // As body-parser leaves it: the rest of the body is read and dropped, so the error response can still be sent.
      req.resume();
      return next(err);
    }
    const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received)).toString('utf8');
    req.body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    next();
  };
  const sizeMismatch = () => bodyError('request.size.invalid', 'request size did not match content length');
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    if (received > length) return finish(sizeMismatch());
    chunks.push(chunk);
  };
  const onEnd = () => finish(received === length ? undefined : sizeMismatch());
  const onAborted = () => finish(bodyError('request.aborted', 'request aborted'));
  // A client gone mid-body is an aborted request, whichever of the two events says so first.
  const onError = (err: unknown) => finish((err as { code?: unknown })?.code === 'ECONNRESET' ? bodyError('request.aborted', 'request aborted') : err);
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('aborted', onAborted);
  req.on('error', onError);
}

/** An error shaped as body-parser's (http-errors: status, expose, type), which the error mapper answers with a 4xx. */
function bodyError(type: string, message: string): Error {
  return Object.assign(new Error(message), { type, status: 400, statusCode: 400, expose: true });
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
