import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { KernelError } from '../../kernel/errors';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { startServer, type RunningServer } from '../server';

const moduleDirs = [path.join(__dirname, 'fixtures')];
const modules = ['Fixture_Stores', 'Fixture_Rest'];

describe('startServer over plain HTTP (developer mode, loopback)', () => {
  let app: TestApp;
  let running: RunningServer;

  beforeAll(async () => {
    app = await createTestApp({ moduleDirs, modules });
    running = await startServer(app, { host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await running?.close();
    await app?.close();
  });

  it('returns the URL it listens on and serves REST and GraphQL', async () => {
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await (await fetch(`${running.url}rest/V1/fixture/ping`)).json()).toMatchObject({ pong: true });
    const gql = await fetch(`${running.url}graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(await gql.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('closes (twice is fine) and reports a port in use as a KernelError', async () => {
    const other = await startServer(app, { host: '127.0.0.1', port: 0 });
    const port = Number(new URL(other.url).port);
    await expect(startServer(app, { host: '127.0.0.1', port })).rejects.toThrow(KernelError);
    await other.close();
    await other.close();
    await expect(fetch(other.url)).rejects.toThrow();
  });
});

describe('TLS-04 startServer with env.http.tls', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-tls-'));
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  let app: TestApp;
  let running: RunningServer;

  beforeAll(async () => {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert,
      '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ], { stdio: 'ignore' });
    // Production mode: with TLS terminated here, no proxy and no loopback exception is needed.
    app = await createTestApp({ moduleDirs, modules, env: (e) => ({ ...e, mode: 'production', http: { ...e.http, tls: { cert, key } } }) });
    running = await startServer(app, { host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await running?.close();
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A verified HTTPS GET: the test trusts the self-signed certificate as a CA instead of turning verification off. */
  function get(url: string, options: https.RequestOptions = {}): Promise<{ status: number; body: string; protocol: string | null }> {
    return new Promise((resolve, reject) => {
      const req = https.get(url, { ca: fs.readFileSync(cert), ...options }, (res) => {
        let body = '';
        const protocol = (res.socket as tls.TLSSocket).getProtocol();
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, protocol }));
      });
      req.on('error', reject);
    });
  }

  it('serves HTTPS, and production accepts it without any proxy', async () => {
    expect(running.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await get(`${running.url}rest/V1/fixture/ping`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ pong: true });
    expect(['TLSv1.2', 'TLSv1.3']).toContain(res.protocol);
  });

  it('accepts TLS 1.2', async () => {
    const res = await get(`${running.url}rest/V1/fixture/ping`, { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' });
    expect(res.protocol).toBe('TLSv1.2');
  });

  it('refuses TLS 1.1 and older: the server answers with a protocol_version alert', async () => {
    const { port } = new URL(running.url);
    const error = await new Promise<NodeJS.ErrnoException>((resolve) => {
      // The client is allowed old protocols (and weak settings) so that only the server can be the one refusing.
      const socket = tls.connect({ host: '127.0.0.1', port: Number(port), ca: fs.readFileSync(cert), minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' });
      socket.on('secureConnect', () => {
        socket.destroy();
        resolve(Object.assign(new Error('connected'), { code: 'CONNECTED' }));
      });
      socket.on('error', resolve);
    });
    expect(error.code).toBe('ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION');
  });

  it('fails with a KernelError naming the file when the certificate cannot be read', async () => {
    const missing = Object.create(app, { env: { value: { ...app.env, http: { ...app.env.http, tls: { cert: path.join(dir, 'nope.pem'), key } } } } });
    await expect(startServer(missing, { port: 0 })).rejects.toThrow(/Cannot read the TLS certificate .*nope\.pem/);
  });
});
