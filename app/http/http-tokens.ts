import { createToken } from '../di/token';
import type { TransportPolicy } from './transport-policy';

/**
 * HTTP services a module may replace by preference. They are optional bindings: when nothing is bound, the HTTP app uses
 * the kernel default, so the kernel's boot does not need to know about them.
 */
export const Http = {
  /** Decides whether a request arrived over an acceptable transport (TLS-03); the security module may replace it. */
  TransportPolicy: createToken<TransportPolicy>('Http.TransportPolicy'),
} as const;
