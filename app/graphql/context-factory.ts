import type { Request as ExpressRequest } from 'express';
import type { ScopeResolver, StoreScope } from '../config/scope-resolver';
import type { ServiceLocator } from '../di/service-locator';
import { bearerTokenOf } from '../http/bearer-token';
import type { Logger } from '../log/logger';
import type { GraphQLContext } from './context';

/**
 * The store view a request asks for with the `Store` header (Magento's StoreValidator): the default view when the header is
 * absent or empty, undefined when the code is unknown or the view inactive.
 */
export async function resolveRequestStore(scopes: ScopeResolver, header: string | string[] | undefined): Promise<StoreScope | undefined> {
  const code = typeof header === 'string' ? header.trim() : undefined;
  const store = await scopes.getStore(code || undefined);
  // As Magento's StoreValidator, only storefront views qualify: naming the admin scope is "not found".
  if (code && store?.storeCode === 'admin') return undefined;
  return store?.isActive ? store : undefined;
}

/** A fresh context per request: nothing here may outlive it (loaders and auth results go in `extensions`). */
export function createGraphQlContext(locator: ServiceLocator, logger: Logger, req: ExpressRequest, store: StoreScope): GraphQLContext {
  let ip: string | undefined;
  return {
    get: (token) => locator.get(token),
    store,
    bearerToken: bearerTokenOf(req.headers.authorization),
    // Worked out when asked (rate limits, audit): express's req.ip parses the forwarding headers each time.
    get ip() {
      return (ip ??= req.ip ?? req.socket.remoteAddress ?? '');
    },
    headers: req.headers,
    logger,
    extensions: new Map(),
  };
}
