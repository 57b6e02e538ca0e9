import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import request from 'supertest';
import { chainHandlers } from '../handler-chain';

/** An app whose first layer is the chain, then a fallback layer and an error handler, each recording what ran. */
function appWith(handlers: RequestHandler[], seen: string[]) {
  const web = express();
  web.use(chainHandlers(handlers));
  web.use((_req, res) => {
    seen.push('after');
    res.status(404).json({ seen });
  });
  const onError: ErrorRequestHandler = (err: Error, _req, res, _next) => {
    seen.push(`error:${err.message}`);
    res.status(500).json({ seen });
  };
  web.use(onError);
  return web;
}

const step = (name: string, seen: string[]): RequestHandler => (_req, _res, next) => {
  seen.push(name);
  next();
};

describe('chainHandlers: several middleware as one express layer', () => {
  it('runs the handlers in order, then the router goes on after the layer', async () => {
    const seen: string[] = [];
    const res = await request(appWith([step('a', seen), step('b', seen), (_req, _res, next) => next('route'), step('c', seen)], seen)).get('/x');
    expect(res.status).toBe(404);
    expect(res.body.seen).toEqual(['a', 'b', 'c', 'after']);
  });

  it('stops where a handler answers', async () => {
    const seen: string[] = [];
    const res = await request(appWith([step('a', seen), (_req, res) => void res.json({ seen: [...seen, 'answered'] }), step('never', seen)], seen)).get('/');
    expect(res.body.seen).toEqual(['a', 'answered']);
    expect(seen).toEqual(['a']);
  });

  it('hands next(err), a throw and a rejected promise to the error handlers, skipping the rest of the chain', async () => {
    const failures: RequestHandler[] = [
      (_req, _res, next) => next(new Error('passed')),
      () => {
        throw new Error('thrown');
      },
      async () => {
        await Promise.resolve();
        throw new Error('rejected');
      },
    ];
    for (const failure of failures) {
      const seen: string[] = [];
      const res = await request(appWith([step('a', seen), failure, step('never', seen)], seen)).get('/');
      expect(res.status).toBe(500);
      expect(res.body.seen).toEqual(['a', expect.stringMatching(/^error:(passed|thrown|rejected)$/)]);
    }
  });

  it('refuses an error handler (four arguments), which only express can place', () => {
    const onError: ErrorRequestHandler = (_err, _req, _res, next) => next();
    expect(() => chainHandlers([onError as unknown as RequestHandler])).toThrow(/error handler/);
  });
});

describe('the one-layer GraphQL pipeline is routed as express routes /graphql', () => {
  it('takes POST /graphql whatever its case, trailing slash or query string, and nothing else', async () => {
    const web = express();
    web.post('/graphql', chainHandlers([(_req, res) => void res.json({ chained: true })]));
    web.use((_req, res) => void res.json({ chained: false }));
    const chained = async (url: string) => (await request(web).post(url)).body.chained as boolean;
    for (const url of ['/graphql', '/graphql/', '/GraphQL', '/graphql?query=x', '/graphql/?a=b']) expect(await chained(url)).toBe(true);
    for (const url of ['/graphql/x', '/graphqlx', '/rest/V1/graphql', '/', '/graphql//']) expect(await chained(url)).toBe(false);
    expect((await request(web).get('/graphql')).body.chained).toBe(false);
  });
});
