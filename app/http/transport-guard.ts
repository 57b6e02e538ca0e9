import type { RequestHandler } from 'express';
import { asIdentifier } from '../di/token';
import type { Application } from '../kernel/application';
import { sendHttpError } from './error-response';
import { Http } from './http-tokens';
import { DefaultTransportPolicy, type TransportPolicy } from './transport-policy';

/**
 * The first 'front' middleware (TLS-03): a request over a refused transport gets a 403 JSON error before anything reads its
 * body — never a redirect, which would only invite the client to send the same data in clear again. The connection is
 * closed so the unread body is not taken for a next request.
 */
export function createTransportGuard(policy: TransportPolicy): RequestHandler {
  return (req, res, next) => {
    const decision = policy.evaluate(req);
    if (decision.allowed) {
      next();
      return;
    }
    res.setHeader('Connection', 'close');
    sendHttpError(req, res, { status: 403, message: decision.message });
  };
}

/** The policy a module bound at Http.TransportPolicy (the security module extends it so), or the kernel's default. */
export function transportPolicyFor(app: Application): TransportPolicy {
  if (app.container.isBound(asIdentifier(Http.TransportPolicy))) return app.get(Http.TransportPolicy);
  return new DefaultTransportPolicy(app.env);
}
