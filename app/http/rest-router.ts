import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { StoreScope } from '../config/scope-resolver';
import { NoSuchEntityError } from '../graphql/errors';
import type { Application } from '../kernel/application';
import { KernelError } from '../kernel/errors';
import { Kernel } from '../kernel/tokens';
import { sendHttpError } from './error-response';
import { sendsBody } from './request-body';
import { validateRestBody } from './rest-body-validator';
import type { HttpMethod, RestRequest, RestRoute } from './rest-route';

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
const STORE_PARAM = 'storeCode';
/** Magento's `/rest/all/V1/...` addresses the admin (global) scope. */
const ALL_STORES = 'all';

/**
 * The enabled modules' admin REST routes, for mounting under `/rest/V1` and `/rest/:storeCode/V1`. A route redeclared by a
 * later module (same method and path) replaces the earlier one, as a later webapi.xml does in Magento. Each request goes
 * through, in order: the AdminAuthorizer (deny by default), the content type, the store, the body allowlist, the handler.
 */
export function createRestRouter(app: Application): Router {
  const router = express.Router({ mergeParams: true });
  for (const { route, module } of collectRoutes(app)) {
    const method = route.method.toLowerCase() as Lowercase<HttpMethod>;
    try {
      router[method](route.path, restHandler(app, route));
    } catch (err) {
      throw new KernelError(`Module ${module} declares an invalid REST path "${route.path}": ${(err as Error).message}`, 'REST_ROUTE_INVALID');
    }
  }
  return router;
}

function collectRoutes(app: Application): Array<{ route: RestRoute; module: string }> {
  const byKey = new Map<string, { route: RestRoute; module: string }>();
  for (const mod of app.modules) {
    for (const route of mod.manifest.rest ?? []) {
      const module = mod.manifest.name;
      if (!METHODS.includes(route.method)) throw new KernelError(`Module ${module} declares REST route ${route.path} with unknown method "${route.method}"`, 'REST_ROUTE_INVALID');
      if (typeof route.path !== 'string' || !route.path.startsWith('/')) throw new KernelError(`Module ${module} declares a REST path that does not start with "/": "${route.path}"`, 'REST_ROUTE_INVALID');
      if (!route.resource) throw new KernelError(`Module ${module} declares REST route ${route.method} ${route.path} without a resource (an ACL id, 'self' or 'anonymous')`, 'REST_ROUTE_INVALID');
      if (typeof route.handler !== 'function') throw new KernelError(`Module ${module} declares REST route ${route.method} ${route.path} without a handler`, 'REST_ROUTE_INVALID');
      byKey.set(`${route.method} ${route.path}`, { route, module });
    }
  }
  return [...byKey.values()];
}

function restHandler(app: Application, route: RestRoute): RequestHandler {
  return async (req: Request, res: Response) => {
    // Admin answers must not end up in a shared cache.
    res.setHeader('Cache-Control', 'no-store');
    const auth = await app.get(Kernel.AdminAuthorizer).authorize(req, route.resource);
    if (!auth.allowed) {
      sendHttpError(req, res, { status: auth.status, message: auth.message });
      return;
    }
    if (sendsBody(req) && !req.is('application/json')) {
      sendHttpError(req, res, { status: 415, message: 'Unsupported content type: send the request body as application/json.' });
      return;
    }
    const store = await storeOf(app, req.params[STORE_PARAM] as string | undefined);
    const body = validateRestBody(route.body, req.body);
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.params)) if (name !== STORE_PARAM) params[name] = String(value);
    const restRequest: RestRequest = {
      params,
      query: req.query,
      body,
      store,
      get: (token) => app.get(token),
      principal: auth.principal,
      ip: req.ip ?? req.socket.remoteAddress ?? '',
      raw: req,
    };
    const result = await route.handler(restRequest);
    const status = route.status ?? 200;
    if (status === 204) res.status(204).end();
    else res.status(status).json(result ?? null);
  };
}

async function storeOf(app: Application, code: string | undefined): Promise<StoreScope> {
  const scopes = app.get(Kernel.ScopeResolver);
  const store = code === undefined ? await scopes.getStore() : await scopes.getStore(code === ALL_STORES ? 'admin' : code);
  if (!store || !store.isActive) throw new NoSuchEntityError('Requested store is not found');
  return store;
}
