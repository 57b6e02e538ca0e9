import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import tls from 'node:tls';
import { runCli } from '../../app/cli/program';
import { ensureDevCertificate } from '../../app/http/dev-certificate';
import { startServer } from '../../app/http/server';
import { codeRoot, projectPaths } from '../../app/kernel/paths';
import type { TestApp } from '../../app/testing/test-app';
import { createSecurityTestApp, withStderr } from './security-test-app';

/** A verified HTTPS GET that trusts `ca` (the self-signed certificate) instead of switching verification off. */
function get(url: string, ca: Buffer, options: https.RequestOptions = {}): Promise<{ status: number; body: string; protocol: string | null }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca, ...options }, (res) => {
        let body = '';
        const protocol = (res.socket as tls.TLSSocket).getProtocol();
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, protocol }));
      })
      .on('error', reject);
  });
}

describe('TLS-04 developer HTTPS with a generated self-signed certificate', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createSecurityTestApp();
  });
  afterAll(() => app?.close());

  it('TLS-04 generates a certificate for localhost, 127.0.0.1 and ::1 under var/tls/ once, and reuses it', async () => {
    const paths = projectPaths(app.root);
    const first = await ensureDevCertificate(paths);
    expect(first.generated).toBe(true);
    expect(path.dirname(first.cert)).toBe(path.join(app.root, 'var', 'tls'));
    expect(fs.statSync(first.key).mode & 0o077).toBe(0);
    const x509 = new crypto.X509Certificate(fs.readFileSync(first.cert));
    expect(x509.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    const again = await ensureDevCertificate(paths);
    expect(again).toEqual({ ...first, generated: false });
    // Close to expiry it is replaced.
    const renewed = await ensureDevCertificate(paths, new Date(Date.now() + 360 * 24 * 3600 * 1000));
    expect(renewed.generated).toBe(true);
  });

  it('TLS-04 `serve --https` serves https://localhost with it (TLS 1.2+), verified by a client that trusts the certificate', async () => {
    const out: string[] = [];
    const serving = runCli(['serve', '--https', '--port', '0', '--no-consumers'], { root: app.root, out: (l) => out.push(l) });
    const started = Date.now();
    while (!out.some((l) => l.includes('is serving')) && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 20));
    try {
      const url = /serving GraphQL at (https:\/\/\S+)graphql/.exec(out.join('\n'))![1];
      const ca = fs.readFileSync(path.join(app.root, 'var', 'tls', 'localhost-cert.pem'));
      const port = new URL(url).port;
      const res = await get(`https://localhost:${port}/graphql?query=${encodeURIComponent('{ storeConfig { store_code } }')}`, ca, { lookup: (_h, _o, cb) => cb(null, [{ address: '127.0.0.1', family: 4 }]) });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ data: { storeConfig: { store_code: 'default' } } });
      expect(['TLSv1.2', 'TLSv1.3']).toContain(res.protocol);
      await expect(get(`https://127.0.0.1:${port}/`, ca, { maxVersion: 'TLSv1.1', minVersion: 'TLSv1' })).rejects.toThrow();
      expect(out[0]).toMatch(/self-signed developer certificate .*localhost-cert\.pem/);
    } finally {
      process.emit('SIGINT');
      expect(await serving).toBe(0);
    }
  });

  it('TLS-04 `serve --https` is refused in production (a real certificate goes in http.tls)', async () => {
    const production = await createSecurityTestApp({ env: (e) => ({ ...e, mode: 'production' }) });
    try {
      const { result, stderr } = await withStderr(() => runCli(['serve', '--https', '--port', '0'], { root: production.root, out: () => undefined }));
      expect(result).toBe(1);
      expect(stderr).toMatch(/--https .* is for developer mode only: set etc\/env\.json http\.tls/);
    } finally {
      await production.close();
    }
  });

  it('TLS-04 startServer terminates TLS with the certificate it is given', async () => {
    const cert = await ensureDevCertificate(projectPaths(app.root));
    const running = await startServer(app, { host: '127.0.0.1', port: 0, tls: { cert: cert.cert, key: cert.key } });
    try {
      expect(running.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
      expect((await get(`${running.url}graphql?query=${encodeURIComponent('{ __typename }')}`, fs.readFileSync(cert.cert))).status).toBe(200);
    } finally {
      await running.close();
    }
  });
});

describe('TLS-04 outbound calls verify certificates', () => {
  /** Every source file of the kernel and the modules (tests included: they must not teach the habit either). */
  function sources(dir: string, out: string[] = []): string[] {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') sources(full, out);
      } else if (/\.(ts|js|mjs|cjs)$/.test(entry.name)) out.push(full);
    }
    return out;
  }

  it('TLS-04 no rejectUnauthorized: false, NODE_TLS_REJECT_UNAUTHORIZED or checkServerIdentity bypass anywhere in app/ and modules/', () => {
    const files = [...sources(path.join(codeRoot, 'app')), ...sources(path.join(codeRoot, 'modules'))];
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.filter((file) => /rejectUnauthorized\s*:\s*(false|0)|NODE_TLS_REJECT_UNAUTHORIZED|checkServerIdentity\s*:\s*\(\)\s*=>\s*undefined/.test(fs.readFileSync(file, 'utf8')));
    expect(offenders.map((f) => path.relative(codeRoot, f))).toEqual([]);
  });
});
