import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { enforceValidConfig } from '../config/invalid-config-check';
import type { Application } from '../kernel/application';
import { KernelError } from '../kernel/errors';
import { createHttpApp, type HttpAppOptions } from './http-app';

export interface StartServerOptions extends HttpAppOptions {
  /** Default: env.http.port (0 picks a free port). */
  port?: number;
  /** Default: env.http.host. */
  host?: string;
  /** Certificate and key files to terminate TLS with (default: env.http.tls); `serve --https` passes a generated one. */
  tls?: { cert: string; key: string };
}

export interface RunningServer {
  /** The base URL, with a trailing slash like Magento's base URLs: `https://127.0.0.1:8443/` (so `${url}graphql`). */
  url: string;
  server: http.Server | https.Server;
  /** Stops accepting connections and drops the open ones; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Serves the application: HTTPS with TLS 1.2 minimum when env.http.tls (or options.tls) names a certificate and key (TLS-04), plain HTTP
 * otherwise (which the transport guard then confines to loopback in developer mode, or to a TLS-terminating proxy).
 * Prints nothing: the caller decides what to say about the returned URL.
 */
export async function startServer(app: Application, options: StartServerOptions = {}): Promise<RunningServer> {
  // Production refuses to serve with invalid configuration (an http base URL slipped into the database…); developer mode logs it.
  await enforceValidConfig(app);
  const handler = createHttpApp(app, options);
  const tls = options.tls ?? app.env.http.tls;
  const server = tls
    ? https.createServer({ cert: readTlsFile(app, tls.cert, 'certificate'), key: readTlsFile(app, tls.key, 'key'), minVersion: 'TLSv1.2' }, handler)
    : http.createServer(handler);
  const host = options.host ?? app.env.http.host;
  const port = options.port ?? app.env.http.port;
  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(new KernelError(`Cannot listen on ${host}:${port}: ${err.message}`, 'HTTP_LISTEN_FAILED'));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `${tls ? 'https' : 'http'}://${urlHost(host, address)}:${address.port}/`;
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= new Promise<void>((resolve, reject) => {
      server.close((err) => (err && (err as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING' ? reject(err) : resolve()));
      server.closeAllConnections();
    }));
  return { url, server, close };
}

function readTlsFile(app: Application, file: string, what: string): Buffer {
  const full = path.resolve(app.paths.root, file);
  try {
    return fs.readFileSync(full);
  } catch (err) {
    throw new KernelError(`Cannot read the TLS ${what} ${full} (env http.tls): ${(err as Error).message}`, 'TLS_INVALID');
  }
}

/** A host one can connect to: wildcard listens are reached on loopback; IPv6 literals need brackets in a URL. */
function urlHost(requested: string, address: AddressInfo): string {
  let host = requested || address.address;
  if (host === '0.0.0.0') host = '127.0.0.1';
  if (host === '::') host = '::1';
  return host.includes(':') ? `[${host}]` : host;
}
