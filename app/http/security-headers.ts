import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

export const HSTS_MAX_AGE = 31_536_000;

/**
 * Headers on every response, refusals included (TLS-02, TLS-05, API-05). The API serves JSON only, so its CSP allows nothing
 * to load and nothing to frame it; upgrade-insecure-requests still tells browsers never to fall back to http.
 *
 * helmet decides the headers, once, at boot: with this configuration (no nonce, nothing computed per request) its answer is
 * the same for every request, so it is recorded on a stand-in response and replayed by one middleware, rather than run as its
 * eleven middleware (a call and a next() each) on every request.
 */
export function createSecurityHeaders(): RequestHandler {
  return replayedHeaders(
    helmet({
      strictTransportSecurity: { maxAge: HSTS_MAX_AGE, includeSubDomains: true },
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'none'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: [],
        },
      },
      referrerPolicy: { policy: 'no-referrer' },
      xContentTypeOptions: true,
      xFrameOptions: { action: 'deny' },
    }),
  );
}

/** A middleware that gives every response what `middleware` (whose headers are the same for every request) gave a stand-in. */
export function replayedHeaders(middleware: Parameters<typeof recordHeaders>[0]): RequestHandler {
  const { removed, set } = recordHeaders(middleware);
  return (_req, res, next) => {
    for (let i = 0; i < removed.length; i++) res.removeHeader(removed[i]);
    for (let i = 0; i < set.length; i++) res.setHeader(set[i][0], set[i][1]);
    next();
  };
}

/**
 * What a header middleware does to a response, run once on a stand-in: the headers it sets (in its order, the last value of
 * each) and those it removes. It must call `next()` synchronously without an error, which helmet does.
 */
export function recordHeaders(middleware: (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void): {
  set: Array<[string, string | string[]]>;
  removed: string[];
} {
  const set = new Map<string, [string, string | string[]]>();
  const removed = new Set<string>();
  const stand = {
    setHeader(name: string, value: string | number | readonly string[]) {
      set.set(name.toLowerCase(), [name, Array.isArray(value) ? [...(value as string[])] : String(value)]);
      removed.delete(name.toLowerCase());
      return stand;
    },
    removeHeader(name: string) {
      set.delete(name.toLowerCase());
      removed.add(name.toLowerCase());
    },
    getHeader(name: string) {
      return set.get(name.toLowerCase())?.[1];
    },
  };
  let done = false;
  middleware({ headers: {}, method: 'GET', url: '/' } as IncomingMessage, stand as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error(String(err));
    done = true;
  });
  if (!done) throw new Error('The security headers middleware did not finish synchronously; it cannot be recorded once');
  return { set: [...set.values()], removed: [...removed] };
}
