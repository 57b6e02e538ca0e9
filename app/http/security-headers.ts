import type { RequestHandler } from 'express';
import helmet from 'helmet';

export const HSTS_MAX_AGE = 31_536_000;

/**
 * Headers on every response, refusals included (TLS-02, TLS-05, API-05). The API serves JSON only, so its CSP allows nothing
 * to load and nothing to frame it; upgrade-insecure-requests still tells browsers never to fall back to http.
 */
export function createSecurityHeaders(): RequestHandler {
  return helmet({
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
  });
}
