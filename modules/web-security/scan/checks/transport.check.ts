import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Kernel } from '../../../../app';
import { isLoopbackAddress } from '../../../../app/http/address-matcher';
import type { SecurityFinding } from '../../api/security-scan';
import type { ScanContext, SecurityCheck } from '../scan-context';

const EXPIRY_WARNING_DAYS = 30;
/** Proxy entries so broad that X-Forwarded-Proto is believed from almost anyone. */
const BROAD_PROXIES = /^(0\.0\.0\.0\/0|::\/0|uniquelocal|linklocal|10\.0\.0\.0\/8|0\.0\.0\.0\/[0-7]|::\/[0-9])$/i;

/** The listen address is reachable from other machines: a wildcard, or anything but loopback. */
export function listensBeyondLoopback(host: string): boolean {
  if (host === 'localhost') return false;
  return !isLoopbackAddress(host);
}

/**
 * TLS-03, TLS-04: production needs TLS somewhere — terminated here (env.http.tls, with a valid certificate) or by a trusted
 * proxy. Developer mode on a non-loopback address is a deployment in developer mode: detailed errors, introspection, and plain
 * HTTP from loopback (which a local reverse proxy turns into plain HTTP from anyone).
 */
export const transportCheck: SecurityCheck = {
  id: 'tls.transport',
  title: 'TLS in production, certificates, proxies, developer mode deployed',
  async run(ctx: ScanContext): Promise<SecurityFinding[]> {
    const findings: SecurityFinding[] = [];
    const { http } = ctx.env;
    const add = (f: Omit<SecurityFinding, 'check'>) => findings.push({ check: this.id, ...f });
    if (ctx.env.mode === 'production' && !http.tls && !http.trustedProxies.length) {
      add({
        severity: 'critical',
        requirement: 'TLS-04',
        where: 'etc/env.json http',
        message: 'Production mode with no TLS: neither http.tls (certificate and key) nor http.trustedProxies (a TLS-terminating proxy) is configured',
        fix: 'Set http.tls to a certificate and key, or list the TLS-terminating proxy in http.trustedProxies.',
      });
    }
    if (http.tls) {
      const root = ctx.locator.get(Kernel.Paths).root;
      try {
        const cert = new crypto.X509Certificate(fs.readFileSync(path.resolve(root, http.tls.cert)));
        const daysLeft = (new Date(cert.validTo).getTime() - ctx.locator.get(Kernel.Clock).now().getTime()) / 86_400_000;
        if (daysLeft <= 0) add({ severity: 'critical', requirement: 'TLS-04', where: http.tls.cert, message: `The TLS certificate expired on ${cert.validTo}`, fix: 'Renew the certificate.' });
        else if (daysLeft < EXPIRY_WARNING_DAYS) add({ severity: 'medium', requirement: 'TLS-04', where: http.tls.cert, message: `The TLS certificate expires in ${Math.floor(daysLeft)} day(s) (${cert.validTo})`, fix: 'Renew the certificate.' });
      } catch (err) {
        add({ severity: 'critical', requirement: 'TLS-04', where: http.tls.cert, message: `The TLS certificate cannot be read: ${(err as Error).message}`, fix: 'Point http.tls.cert to a PEM certificate.' });
      }
    }
    const broad = http.trustedProxies.filter((p) => BROAD_PROXIES.test(p.trim()));
    if (broad.length) {
      add({
        severity: 'medium',
        requirement: 'TLS-03',
        where: 'etc/env.json http.trustedProxies',
        message: `X-Forwarded-Proto is believed from broad ranges (${broad.join(', ')}): any host there can claim a request came over TLS`,
        fix: 'List the proxies\' own addresses.',
      });
    }
    if (ctx.env.mode === 'developer') {
      if (listensBeyondLoopback(http.host)) {
        add({
          severity: 'critical',
          where: `etc/env.json mode / http.host = ${http.host}`,
          message: `Developer mode while listening on ${http.host}, an address other machines can reach: this is a deployment running in developer mode (detailed errors, introspection)`,
          fix: 'comptoir deploy:mode:set production',
        });
      } else if (http.trustedProxies.length) {
        add({
          severity: 'high',
          where: 'etc/env.json mode / http.trustedProxies',
          message: 'Developer mode behind a proxy (http.trustedProxies is set): a deployment running in developer mode',
          fix: 'comptoir deploy:mode:set production',
        });
      }
    }
    return findings;
  },
};
