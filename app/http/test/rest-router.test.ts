import path from 'node:path';
import type express from 'express';
import request from 'supertest';
import { createHttpApp } from '../http-app';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { handled } from './fixtures/rest/module';

const moduleDirs = [path.join(__dirname, 'fixtures')];
const modules = ['Fixture_Stores', 'Fixture_Rest'];

let production: TestApp;
let developer: TestApp;
let web: express.Express;
let devWeb: express.Express;

beforeAll(async () => {
  production = await createTestApp({ moduleDirs, modules, env: (e) => ({ ...e, mode: 'production', http: { ...e.http, trustedProxies: ['loopback'] } }) });
  developer = await createTestApp({ moduleDirs, modules });
  web = createHttpApp(production);
  devWeb = createHttpApp(developer);
});

afterAll(async () => {
  await production?.close();
  await developer?.close();
});

/** Production requests arrive through the (loopback) TLS proxy. */
const api = {
  get: (url: string) => request(web).get(url).set('X-Forwarded-Proto', 'https'),
  post: (url: string) => request(web).post(url).set('X-Forwarded-Proto', 'https'),
  put: (url: string) => request(web).put(url).set('X-Forwarded-Proto', 'https'),
  delete: (url: string) => request(web).delete(url).set('X-Forwarded-Proto', 'https'),
};

describe('REST routes', () => {
  it('mounts module routes under /rest/V1 (default store) and /rest/<store>/V1', async () => {
    const res = await api.get('/rest/V1/fixture/ping?x=1');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ pong: true, store: 'default', query: { x: '1' } });
    expect((await api.get('/rest/fr_fr/V1/fixture/ping')).body.store).toBe('fr_fr');
    expect((await api.get('/rest/all/V1/fixture/ping')).body.store).toBe('admin');
  });

  it.each(['nope', 'closed'])('answers 404 for an unknown or inactive store code (%s)', async (code) => {
    const res = await api.get(`/rest/${code}/V1/fixture/ping`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ message: 'Requested store is not found' });
  });

  it('answers unknown routes and methods with a JSON 404', async () => {
    for (const res of [await api.get('/rest/V1/nothing/here'), await api.put('/rest/V1/fixture/ping'), await api.get('/nowhere')]) {
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ message: 'Request does not match any route.' });
    }
  });

  it('passes route params (without the store code) and answers with the declared status', async () => {
    expect((await api.get('/rest/fr_fr/V1/fixture/things/1')).body).toEqual({ id: 1, params: { id: '1' } });
    const deleted = await api.delete('/rest/V1/fixture/things/1');
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
  });

  it('marks answers as not cacheable', async () => {
    expect((await api.get('/rest/V1/fixture/ping')).headers['cache-control']).toBe('no-store');
  });

  describe('API-02 deny by default', () => {
    it('refuses an admin resource with no token: 401 with Magento\'s message, the handler never runs', async () => {
      const before = handled.length;
      const res = await api.post('/rest/V1/fixture/admin/things').set('Content-Type', 'application/json').send({ name: 'x' });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ message: "The consumer isn't authorized to access Fixture_Rest::things." });
      expect(handled.length).toBe(before);
    });

    it('refuses a bearer token too (the kernel knows no token) and a `self` route', async () => {
      expect((await api.post('/rest/V1/fixture/admin/things').set('Authorization', 'Bearer forged').send({ name: 'x' })).status).toBe(401);
      const self = await api.get('/rest/V1/fixture/self');
      expect(self.status).toBe(401);
      expect(self.body).toEqual({ message: "The consumer isn't authorized to access self." });
    });

    it('authorizes before looking at the body: an unauthorized caller learns nothing about validation', async () => {
      const res = await api.post('/rest/V1/fixture/admin/things').set('Content-Type', 'text/plain').send('hello');
      expect(res.status).toBe(401);
    });
  });

  describe('API-03 API-05 body allowlist (zod)', () => {
    it('accepts a valid body and hands the parsed value to the handler', async () => {
      const res = await api.post('/rest/V1/fixture/things').send({ name: 'Mug', qty: 2, options: [{ code: 'red' }] });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ created: { name: 'Mug', qty: 2, options: [{ code: 'red' }] } });
    });

    it('refuses unknown fields (even nested, even with a non-strict schema) with 400 listing them', async () => {
      const before = handled.length;
      const res = await api.post('/rest/V1/fixture/things').send({ name: 'Mug', price: 0, customer_id: 7, options: [{ code: 'red', group_id: 1 }] });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ message: 'Unknown field(s) in the request body: price, customer_id, options[0].group_id.' });
      expect(handled.length).toBe(before);
    });

    it('refuses unknown fields of a strict schema the same way', async () => {
      const res = await api.put('/rest/V1/fixture/strict').send({ name: 'x', is_admin: true });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ message: 'Unknown field(s) in the request body: is_admin.' });
    });

    it('refuses a __proto__ key', async () => {
      const res = await api.post('/rest/V1/fixture/things').set('Content-Type', 'application/json').send('{"name":"x","__proto__":{"admin":true}}');
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('__proto__');
    });

    it('refuses invalid values, naming the fields', async () => {
      const res = await api.post('/rest/V1/fixture/things').send({ name: '', qty: 1.5 });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/^Invalid field\(s\) in the request body: name: .*; qty: .*\.$/);
    });

    it('refuses a missing body where one is required, and any body where none is declared', async () => {
      expect((await api.post('/rest/V1/fixture/things')).body).toEqual({ message: 'A JSON request body is required.' });
      const extra = await api.post('/rest/V1/fixture/bodiless').send({ anything: 1 });
      expect(extra.status).toBe(400);
      expect(extra.body).toEqual({ message: 'This endpoint accepts no request body.' });
      expect((await api.post('/rest/V1/fixture/bodiless').set('Content-Length', '0')).status).toBe(200);
    });

    it('answers 400 to malformed JSON', async () => {
      const res = await api.post('/rest/V1/fixture/things').set('Content-Type', 'application/json').send('{"name": ');
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ message: 'The request body is not valid JSON.' });
    });
  });

  describe('API-05 content type and size', () => {
    it.each([
      ['text/plain', 'name=x'],
      ['application/x-www-form-urlencoded', 'name=x'],
      ['application/xml', '<name>x</name>'],
    ])('answers 415 to a %s body', async (type, body) => {
      const before = handled.length;
      const res = await api.post('/rest/V1/fixture/things').set('Content-Type', type).send(body);
      expect(res.status).toBe(415);
      expect(res.body).toEqual({ message: 'Unsupported content type: send the request body as application/json.' });
      expect(handled.length).toBe(before);
    });

    it('answers 415 to a JSON body in a charset other than UTF-8', async () => {
      const res = await api.post('/rest/V1/fixture/things').set('Content-Type', 'application/json; charset=latin1').send('{"name":"x"}');
      expect(res.status).toBe(415);
    });

    it('answers 413 with a JSON message past env.http.bodyLimit, before parsing', async () => {
      const res = await api.post('/rest/V1/fixture/things').set('Content-Type', 'application/json').send(JSON.stringify({ name: 'x'.repeat(300 * 1024) }));
      expect(res.status).toBe(413);
      expect(res.body).toEqual({ message: 'The request body is larger than the 256kb limit.' });
    });
  });

  describe('error mapping', () => {
    it.each([
      ['2', 404, 'No thing with id "2"'],
      ['dup', 409, 'A thing with the same code already exists.'],
      ['kernel', 404, 'The thing is missing'],
    ])('maps a client-aware error (%s) to %i with its message', async (id, status, message) => {
      const res = await api.get(`/rest/V1/fixture/things/${id}`);
      expect(res.status).toBe(status);
      expect(res.body).toEqual({ message });
    });

    it.each(['boom', 'env'])('masks an unexpected error (%s) as a bare 500 in production', async (id) => {
      const res = await api.get(`/rest/V1/fixture/things/${id}`);
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ message: 'Internal server error' });
      expect(res.text).not.toMatch(/SQLSTATE|password|hunter2|env\.json/);
    });

    it('adds the real message and stack in developer mode', async () => {
      const res = await request(devWeb).get('/rest/V1/fixture/things/boom');
      expect(res.status).toBe(500);
      expect(res.body.message).toBe('Internal server error');
      expect(res.body.debug.message).toContain('SQLSTATE[HY000]');
      expect(res.body.debug.stack).toContain('module.ts');
    });
  });
});
