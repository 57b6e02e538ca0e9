import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Application } from '../kernel/application';
import { describeHttpError } from './error-mapper';
import { sendHttpError } from './error-response';

export const NO_ROUTE_MESSAGE = 'Request does not match any route.';

/** Unknown paths (and REST methods a route does not have) answer 404 in JSON, with Magento's Webapi message. */
export const notFoundHandler: RequestHandler = (req, res) => {
  sendHttpError(req, res, { status: 404, message: NO_ROUTE_MESSAGE });
};

/** The last handler of the app: every error becomes a JSON answer; internal ones are logged, never shown outside developer mode. */
export function createErrorHandler(app: Application): ErrorRequestHandler {
  const options = { developer: app.env.mode === 'developer', bodyLimit: app.env.http.bodyLimit };
  return (err, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const described = describeHttpError(err, options);
    if (described.status >= 500) app.logger.error({ err, method: req.method, url: req.originalUrl }, 'HTTP request failed');
    sendHttpError(req, res, described);
  };
}
