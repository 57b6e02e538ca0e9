import type { Request } from 'express';
import type { ZodType } from 'zod';
import type { StoreScope } from '../config/scope-resolver';
import type { ServiceLocator } from '../di/service-locator';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

/** Who may call a route: an ACL resource id (admin), `self` (an authenticated customer acting on their own data), or `anonymous`. */
export type RouteResource = string | 'self' | 'anonymous';

export interface RestRequest<B = unknown> {
  params: Record<string, string>;
  query: Request['query'];
  body: B;
  store: StoreScope;
  get: ServiceLocator['get'];
  /** The authenticated principal set by the authorizer (admin user, customer…), if any. */
  principal?: { type: string; id: string | number; [key: string]: unknown };
  ip: string;
  raw: Request;
}

export interface RestRoute<B = unknown> {
  method: HttpMethod;
  /** Path under /rest/V1, e.g. `/products/:sku`. */
  path: string;
  resource: RouteResource;
  /** Allowlist of accepted body fields; unknown fields are rejected (API-03). */
  body?: ZodType<B>;
  /** HTTP status on success (200 by default). */
  status?: number;
  handler: (req: RestRequest<B>) => Promise<unknown>;
}
