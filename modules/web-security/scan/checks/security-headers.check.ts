import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SecurityFinding } from '../../api/security-scan';
import type { ScanContext, SecurityCheck } from '../scan-context';

const HSTS_MIN_AGE = 31_536_000;
/** A GraphQL call, a REST call and an unknown path: HSTS must be on every answer, refusals and errors included (TLS-02). */
const PROBES = ['/graphql?query=%7B__typename%7D', '/rest/V1/store/storeViews', '/no-such-path'];

/** Sends the probes through the real HTTP app on a loopback port and returns each answer's headers. */
async function probe(handler: http.RequestListener): Promise<Array<{ path: string; headers: http.IncomingHttpHeaders }>> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', () => resolve()));
  try {
    const { port } = server.address() as AddressInfo;
    const answers = [];
    for (const path of PROBES) {
      const headers = await new Promise<http.IncomingHttpHeaders>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, path, headers: { accept: 'application/json' } }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.headers));
          })
          .on('error', reject);
      });
      answers.push({ path, headers });
    }
    return answers;
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** TLS-02, TLS-05: HSTS (one year, includeSubDomains) and CSP upgrade-insecure-requests, as the app really answers. */
export const securityHeadersCheck: SecurityCheck = {
  id: 'tls.headers',
  title: 'HSTS and CSP on every answer',
  async run(ctx: ScanContext): Promise<SecurityFinding[]> {
    if (!ctx.options.httpHandler) {
      return [{ check: this.id, severity: 'info', message: 'HTTP headers were not probed (no HTTP app given to the scan).' }];
    }
    const findings: SecurityFinding[] = [];
    for (const { path, headers } of await probe(ctx.options.httpHandler)) {
      const hsts = String(headers['strict-transport-security'] ?? '');
      const maxAge = Number(/max-age=(\d+)/i.exec(hsts)?.[1] ?? 0);
      if (!hsts || maxAge < HSTS_MIN_AGE || !/includeSubDomains/i.test(hsts)) {
        findings.push({
          check: this.id,
          severity: 'high',
          requirement: 'TLS-02',
          where: path,
          message: hsts ? `HSTS is too weak ("${hsts}"): it needs max-age >= ${HSTS_MIN_AGE} and includeSubDomains` : 'HSTS is off: no Strict-Transport-Security header',
          fix: 'Remove whatever strips or overrides the header (a module middleware, a proxy); the kernel sends it on every answer.',
        });
      }
      if (!/upgrade-insecure-requests/.test(String(headers['content-security-policy'] ?? ''))) {
        findings.push({ check: this.id, severity: 'medium', requirement: 'TLS-05', where: path, message: 'The Content-Security-Policy lacks upgrade-insecure-requests', fix: 'Keep the kernel\'s CSP (app/http/security-headers.ts).' });
      }
    }
    return findings;
  },
};
