import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Runs `handlers` one after the other as express would if each were a layer of its own, but as one layer: `next()` moves to
 * the following handler at once, without the router's matching of every layer's path. An error (`next(err)`, a throw, a
 * rejected promise, as express 5 catches them) leaves the chain for the router's `next(err)`, which skips plain middleware up
 * to the error handlers; `next('route')` counts as `next()` (as for a `use()` layer), `next('router')` leaves the router. When
 * the last handler calls `next()`, the router goes on after this layer.
 * Error handlers (four arguments) cannot be part of a chain: express tells them by their arity and calls them on errors only.
 */
export function chainHandlers(handlers: readonly RequestHandler[]): RequestHandler {
  for (const handler of handlers) {
    if (handler.length >= 4) throw new TypeError(`chainHandlers: ${handler.name || 'a handler'} is an error handler (4 arguments)`);
  }
  return (req: Request, res: Response, done: NextFunction) => {
    let index = 0;
    const next = (err?: unknown): void => {
      if (err === 'router') return done(err);
      if (err !== undefined && err !== null && err !== 'route') return done(err);
      if (index >= handlers.length) return done();
      const handler = handlers[index++];
      try {
        const result = handler(req, res, next) as unknown;
        if (result && typeof (result as Promise<unknown>).then === 'function') {
          (result as Promise<unknown>).then(undefined, (reason: unknown) => done(reason ?? new Error('Rejected promise')));
        }
      } catch (thrown) {
        done(thrown);
      }
    };
    next();
  };
}
