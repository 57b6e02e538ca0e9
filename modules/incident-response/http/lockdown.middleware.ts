import type { RequestHandler } from 'express';
import type { MiddlewareDeclaration, ServiceLocator } from '../../../app';
import { LOCKDOWN_MESSAGE } from '../api/lockdown';
import { IncidentResponseApi } from '../api/tokens';

/** REST paths that serve customer data (admin customer routes, addresses); more modules will add theirs (orders, carts). */
const CUSTOMER_DATA = /^\/rest\/(?:[a-z0-9_]+\/)?V1\/(?:customers|addresses)(?:\/|$)/;
export const RETRY_AFTER_SECONDS = 300;

/**
 * IR-01 on REST: during a lockdown, customer-data routes answer 503 with Retry-After before any handler runs; the check is
 * the cached switch (at most one indexed read a second per process). GraphQL is guarded at the services instead, so one
 * request can still read the catalog while customer fields fail.
 */
export function lockdownMiddleware(locator: ServiceLocator): RequestHandler {
  const lockdown = locator.get(IncidentResponseApi.Lockdown);
  return (req, res, next) => {
    if (!CUSTOMER_DATA.test(req.originalUrl)) return next();
    lockdown.isActive().then((active) => {
      if (!active) return next();
      res.status(503).set('Retry-After', String(RETRY_AFTER_SECONDS)).json({ message: LOCKDOWN_MESSAGE });
    }, next);
  };
}

export const lockdownMiddlewareDeclaration: MiddlewareDeclaration = { name: 'incident_response_lockdown', stage: 'api', sortOrder: -900, create: lockdownMiddleware };
