import express from 'express';
import { createGraphQlHandler, type GraphQlHandlerOptions } from '../graphql/graphql-handler';
import type { Application } from '../kernel/application';
import { compileAddressMatcher } from './address-matcher';
import { chainHandlers } from './handler-chain';
import { enforceCookiePolicy } from './cookie-policy';
import { createErrorHandler, notFoundHandler } from './error-handler';
import { moduleMiddleware } from './middleware-pipeline';
import { graphQlBodyReader, restBodyReader } from './request-body';
import { createRestRouter } from './rest-router';
import { createSecurityHeaders } from './security-headers';
import { storefrontCspHandler } from './storefront-csp';
import { createTransportGuard, transportPolicyFor } from './transport-guard';

export interface HttpAppOptions {
  graphql?: GraphQlHandlerOptions;
}

/**
 * The whole HTTP surface, in pipeline order: security headers (so even refusals carry HSTS) → transport guard → modules'
 * 'front' middleware → bounded body reading → modules' 'api' middleware → /csp/storefront, /graphql and /rest → JSON 404 →
 * JSON errors.
 * The GraphQL schema and every module's routes and middleware are built here, so a broken module fails the boot.
 */
export function createHttpApp(app: Application, options: HttpAppOptions = {}): express.Express {
  const { http } = app.env;
  const web = express();
  web.disable('x-powered-by');
  // TLS-06: every cookie set by anyone through this app is Secure, HttpOnly, SameSite and __Host- prefixed.
  enforceCookiePolicy(web);
  // Checked first so a typo fails the boot with our message; express would then trust exactly the same peers.
  compileAddressMatcher(http.trustedProxies);
  web.set('trust proxy', http.trustedProxies.length ? [...http.trustedProxies] : false);

  const securityHeaders = createSecurityHeaders();
  const transportGuard = createTransportGuard(transportPolicyFor(app));
  const front = moduleMiddleware(app, 'front');
  const graphQlBody = graphQlBodyReader(http.bodyLimit);
  const api = moduleMiddleware(app, 'api');
  const graphql = createGraphQlHandler(app, options.graphql);

  // POST /graphql, every storefront call but cacheable GETs, runs the same pipeline as below in one layer (see chainHandlers),
  // without the router matching each layer's path: 3.6% less CPU per order in the checkout benchmark. Not when a module's
  // middleware is an error handler: express alone knows where those sit.
  const errorHandler = createErrorHandler(app);
  if ([...front, ...api].every((handler) => handler.length < 4)) {
    const graphQlPost = chainHandlers([securityHeaders, transportGuard, ...front, graphQlBody, ...api, graphql]);
    web.post('/graphql', graphQlPost);
    routeGraphQlPostsFirst(web, graphQlPost, errorHandler);
  }

  web.use(securityHeaders);
  web.use(transportGuard);
  for (const handler of front) web.use(handler);

  web.use('/graphql', graphQlBody);
  web.use('/rest', restBodyReader(http.bodyLimit));
  for (const handler of api) web.use(handler);

  web.get('/csp/storefront', storefrontCspHandler(app));
  web.all('/graphql', graphql);
  const rest = createRestRouter(app);
  web.use('/rest/V1', rest);
  web.use('/rest/:storeCode/V1', rest);

  web.use(notFoundHandler);
  web.use(errorHandler);
  return web;
}

type RouterHandle = (req: express.Request, res: express.Response, done: express.NextFunction) => void;

/**
 * `POST /graphql` (the exact path, any query string) goes straight to its chain, ahead of the router's matching (its layer
 * walk, path matching and per-request closures were 1.4% of a checkout's server time and a twentieth of what it allocated):
 * what express does before the router (prototypes, `res.locals`, the final handler) still happens, and what the router would
 * do afterwards is done here too: an error goes to the application's error handler, a chain that answers nothing to the JSON
 * 404. Other spellings of the path (`/graphql/`, `/GraphQL`) take the router's way to the same chain.
 */
function routeGraphQlPostsFirst(web: express.Express, graphQlPost: express.RequestHandler, errorHandler: express.ErrorRequestHandler): void {
  const router = web.router as unknown as { handle: RouterHandle };
  const routerHandle: RouterHandle = router.handle.bind(router);
  router.handle = (req, res, done) => {
    const { url } = req;
    if (req.method !== 'POST' || !url.startsWith('/graphql') || (url.length > 8 && url[8] !== '?')) return routerHandle(req, res, done);
    req.originalUrl ||= url;
    req.baseUrl = '';
    req.params = {};
    graphQlPost(req, res, (err?: unknown) => {
      // As the router: 'route' and 'router' are not errors; a chain that answered nothing ends in the JSON 404.
      if (err === undefined || err === null || err === 'route' || err === 'router') return notFoundHandler(req, res, done);
      errorHandler(err, req, res, done);
    });
  };
}
