import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ProjectPaths } from '../kernel/paths';

export interface DevCertificate {
  cert: string;
  key: string;
  /** True when this call generated it (first use, or the previous one had expired). */
  generated: boolean;
}

/** How long before expiry a stored certificate is replaced, so a long-running developer server never serves an expired one. */
const RENEW_BEFORE_MS = 7 * 24 * 3600 * 1000;

/**
 * A self-signed certificate for https://localhost in developer mode (TLS-04), kept under var/tls/ and generated once: browsers
 * and curl are told to trust it once, not after every restart. It names localhost, 127.0.0.1 and ::1. Never for production,
 * where env.http.tls points at a real certificate.
 */
export async function ensureDevCertificate(paths: ProjectPaths, now = new Date()): Promise<DevCertificate> {
  const dir = path.join(paths.var, 'tls');
  const cert = path.join(dir, 'localhost-cert.pem');
  const key = path.join(dir, 'localhost-key.pem');
  if (isUsable(cert, key, now)) return { cert, key, generated: false };
  // Loaded on demand: only `serve --https` needs it.
  const { generate } = await import('selfsigned');
  // Valid from yesterday (clock skew between tools), for a year from whichever is later: today or the date asked about.
  const notBefore = new Date(Date.now() - 24 * 3600 * 1000);
  const notAfter = new Date(Math.max(now.getTime(), Date.now()) + 365 * 24 * 3600 * 1000);
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
    ],
  });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(key, pems.private, { mode: 0o600 });
  fs.writeFileSync(cert, pems.cert, { mode: 0o644 });
  return { cert, key, generated: true };
}

function isUsable(cert: string, key: string, now: Date): boolean {
  if (!fs.existsSync(cert) || !fs.existsSync(key)) return false;
  try {
    const x509 = new crypto.X509Certificate(fs.readFileSync(cert));
    crypto.createPrivateKey(fs.readFileSync(key));
    return new Date(x509.validTo).getTime() - now.getTime() > RENEW_BEFORE_MS;
  } catch {
    return false;
  }
}
