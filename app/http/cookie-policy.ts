import type { OutgoingHttpHeader, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type express from 'express';
import { KernelError } from '../kernel/errors';

export const COOKIE_PREFIX = '__Host-';

/**
 * TLS-06 for every cookie any module sets, however it sets it (express's res.cookie, res.setHeader / appendHeader('Set-Cookie'),
 * writeHead with headers): the cookie is made Secure, HttpOnly, SameSite (Strict unless Lax was asked for; None is never
 * sent), Path=/ and host-only (no Domain), which is what the `__Host-` prefix requires of browsers. A cookie whose name lacks
 * the prefix is refused with an error rather than renamed: the module that set it would no longer find it.
 */
export function hardenSetCookie(cookie: string): string {
  const [pair, ...attributes] = cookie.split(';').map((part) => part.trim());
  const name = pair.split('=')[0];
  if (!name.startsWith(COOKIE_PREFIX)) {
    throw new KernelError(
      `Cookie "${name}" refused (TLS-06): cookie names must start with ${COOKIE_PREFIX}, which makes browsers keep them Secure, host-only and on Path=/`,
      'COOKIE_INSECURE',
    );
  }
  let sameSite = 'Strict';
  const kept: string[] = [];
  for (const attribute of attributes) {
    if (!attribute) continue;
    const [key, value = ''] = attribute.split('=').map((p) => p.trim());
    const lower = key.toLowerCase();
    if (lower === 'samesite') {
      if (value.toLowerCase() === 'lax') sameSite = 'Lax';
    } else if (!['domain', 'path', 'secure', 'httponly'].includes(lower)) kept.push(attribute);
  }
  return [pair, 'Path=/', ...kept, 'Secure', 'HttpOnly', `SameSite=${sameSite}`].join('; ');
}

function harden(value: OutgoingHttpHeader | readonly string[]): OutgoingHttpHeader | string[] {
  if (Array.isArray(value)) return value.map((v) => hardenSetCookie(String(v)));
  return hardenSetCookie(String(value));
}

// 'set-cookie' in any case; the length first, so other headers cost no lower-cased copy.
const isSetCookie = (name: string) => name.length === 10 && name.toLowerCase() === 'set-cookie';

/** Whether a writeHead argument (a headers object or a raw [name, value, …] array) carries a Set-Cookie header. */
function carriesSetCookie(arg: unknown): boolean {
  if (Array.isArray(arg)) {
    for (let i = 0; i < arg.length; i += 2) if (typeof arg[i] === 'string' && isSetCookie(arg[i] as string)) return true;
    return false;
  }
  if (arg && typeof arg === 'object') {
    for (const name in arg) if (isSetCookie(name)) return true;
  }
  return false;
}

/**
 * Installs the policy on the express app's response prototype: every response of the app goes through it at no per-request
 * cost, and a module cannot get around it by writing the header another way.
 */
export function enforceCookiePolicy(web: express.Express): void {
  const response = web.response as unknown as ServerResponse;
  const setHeader = response.setHeader;
  const appendHeader = response.appendHeader;
  const writeHead = response.writeHead;
  response.setHeader = function (this: ServerResponse, name: string, value: number | string | readonly string[]) {
    return setHeader.call(this, name, isSetCookie(name) ? harden(value) : value);
  } as ServerResponse['setHeader'];
  response.appendHeader = function (this: ServerResponse, name: string, value: string | readonly string[]) {
    return appendHeader.call(this, name, isSetCookie(name) ? (harden(value) as string | string[]) : value);
  } as ServerResponse['appendHeader'];
  response.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    // Most responses set no cookie: passed on untouched, with no copy of their headers.
    if (!carriesSetCookie(rest[0]) && !carriesSetCookie(rest[1])) return (writeHead as (...a: unknown[]) => ServerResponse).call(this, status, ...rest);
    const args = rest.map((arg) => {
      if (Array.isArray(arg)) {
        // Raw [name, value, name, value…] form.
        return arg.map((item, i) => (i % 2 === 1 && typeof arg[i - 1] === 'string' && isSetCookie(arg[i - 1] as string) ? harden(item as string) : item));
      }
      if (arg && typeof arg === 'object') {
        const headers: OutgoingHttpHeaders = {};
        for (const [name, value] of Object.entries(arg as OutgoingHttpHeaders)) headers[name] = isSetCookie(name) && value !== undefined ? harden(value) : value;
        return headers;
      }
      return arg;
    });
    return (writeHead as (...a: unknown[]) => ServerResponse).call(this, status, ...args);
  } as ServerResponse['writeHead'];
}
