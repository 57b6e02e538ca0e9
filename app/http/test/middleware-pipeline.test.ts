import path from 'node:path';
import request from 'supertest';
import { defineModule, type LoadedModule } from '../../module/manifest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { createHttpApp } from '../http-app';
import { moduleMiddleware } from '../middleware-pipeline';

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp({ moduleDirs: [path.join(__dirname, 'fixtures')], modules: ['Fixture_Stores', 'Fixture_Rest'] });
});

afterAll(() => app?.close());

describe('modules\' HTTP middleware', () => {
  it('runs front then api stages, each by sortOrder, and the api stage sees the parsed body', async () => {
    const web = createHttpApp(app);
    const res = await request(web).post('/rest/V1/fixture/things').send({ name: 'x' });
    expect(res.status).toBe(201);
    expect(res.headers['x-fixture-trail']).toBe('front-minus-5, front-10, api-5, api-20');
    expect(res.headers['x-fixture-body']).toBe('object');
  });

  it('runs the same pipeline for POST /graphql ahead of the router as through it, errors and refusals included', async () => {
    const web = createHttpApp(app);
    // The exact path (any query string) takes the chain ahead of the router; other spellings go through the router.
    for (const path of ['/graphql', '/graphql?op=x', '/graphql/', '/GraphQL']) {
      const res = await request(web).post(path).send({ query: '{ __typename }' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ data: { __typename: 'Query' } });
      expect(res.headers['x-fixture-trail']).toBe('front-minus-5, front-10, api-5, api-20');
      expect(res.headers['x-fixture-body']).toBe('string');
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    }
    // An error in the chain (a body over the limit) reaches the application's error handler either way.
    const small = Object.create(app, { env: { value: { ...app.env, http: { ...app.env.http, bodyLimit: '1kb' } } } });
    for (const path of ['/graphql', '/graphql/']) {
      const big = await request(createHttpApp(small)).post(path).send({ query: `{ __typename } # ${'x'.repeat(2000)}` });
      expect(big.status).toBe(413);
      expect(big.body.errors[0]).toMatchObject({ message: 'The request body is larger than the 1kb limit.', extensions: { category: 'graphql' } });
    }
    // Refused by the transport guard in production, before any module middleware, as on every other route.
    const production = Object.create(app, { env: { value: { ...app.env, mode: 'production' } } });
    const refused = await request(createHttpApp(production)).post('/graphql').send({ query: '{ __typename }' });
    expect(refused.status).toBe(403);
    expect(refused.headers['x-fixture-trail']).toBeUndefined();
    // Other methods and paths keep the router's way.
    expect((await request(web).get('/graphql').query({ query: '{ __typename }' })).body).toEqual({ data: { __typename: 'Query' } });
    expect((await request(web).post('/graphqlx').send({})).status).toBe(404);
  });

  it('runs the kernel transport guard before any module front middleware', async () => {
    const production = Object.create(app, { env: { value: { ...app.env, mode: 'production' } } });
    const res = await request(createHttpApp(production)).get('/rest/V1/fixture/ping');
    expect(res.status).toBe(403);
    expect(res.headers['x-fixture-trail']).toBeUndefined();
  });

  it('names the module whose middleware cannot be created', () => {
    const broken: LoadedModule = {
      manifest: defineModule({
        name: 'Acme_Broken',
        version: '1.0.0',
        http: {
          middleware: [
            {
              name: 'acme_guard',
              stage: 'front',
              create: () => {
                throw new Error('no config');
              },
            },
          ],
        },
      }),
      dir: __dirname,
      source: 'modules',
    };
    const withBroken = Object.create(app, { modules: { value: [...app.modules, broken] } });
    expect(() => moduleMiddleware(withBroken, 'front')).toThrow('Module Acme_Broken failed to create its HTTP middleware acme_guard: no config');
  });
});
