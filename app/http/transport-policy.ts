import type { IncomingHttpHeaders } from 'node:http';
import type { EnvConfig } from '../kernel/env';
import { compileAddressMatcher, isLoopbackAddress, type AddressMatcher } from './address-matcher';

/** What the policy looks at: the socket the request came in on, and its headers. */
export interface TransportRequest {
  socket: { remoteAddress?: string; encrypted?: boolean };
  headers: IncomingHttpHeaders;
}

export type TransportDecision =
  | { allowed: true; via: 'tls' | 'trusted-proxy' | 'loopback' }
  | { allowed: false; message: string };

export interface TransportPolicy {
  evaluate(req: TransportRequest): TransportDecision;
}

export const PLAIN_HTTP_REFUSED = 'HTTPS is required: this server does not accept plain-HTTP requests.';

/**
 * TLS-03: a request is processed only if it arrived over TLS, or through a configured proxy that says (X-Forwarded-Proto)
 * it arrived over TLS, or — in developer mode only — from a loopback client. The header is ignored from any other peer, since
 * anyone can send it. The peer is the socket's own address, never X-Forwarded-For, which is equally forgeable.
 */
export class DefaultTransportPolicy implements TransportPolicy {
  private readonly trustedProxy: AddressMatcher;
  private readonly developer: boolean;

  constructor(env: Pick<EnvConfig, 'mode' | 'http'>) {
    this.developer = env.mode === 'developer';
    this.trustedProxy = compileAddressMatcher(env.http.trustedProxies);
  }

  evaluate(req: TransportRequest): TransportDecision {
    if (req.socket.encrypted) return { allowed: true, via: 'tls' };
    const peer = req.socket.remoteAddress;
    if (this.trustedProxy(peer) && forwardedProto(req.headers) === 'https') return { allowed: true, via: 'trusted-proxy' };
    if (this.developer && isLoopbackAddress(peer)) return { allowed: true, via: 'loopback' };
    return { allowed: false, message: PLAIN_HTTP_REFUSED };
  }
}

/**
 * The scheme the nearest proxy saw. Proxies that append rather than overwrite leave the client's own claim on the left,
 * so only the last value is believed.
 */
function forwardedProto(headers: IncomingHttpHeaders): string | undefined {
  const raw = headers['x-forwarded-proto'];
  const value = Array.isArray(raw) ? raw.join(',') : raw;
  if (!value) return undefined;
  const values = value.split(',');
  return values[values.length - 1].trim().toLowerCase();
}
