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
