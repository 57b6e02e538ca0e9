import type { RequestHandler } from 'express';
import { resolveRequestStore } from '../graphql/context-factory';
import type { Application } from '../kernel/application';
import { Kernel } from '../kernel/tokens';
import type { ServiceLocator } from '../di/service-locator';
import { sendHttpError } from './error-response';

/** The directives a module may add sources to. */
export const CSP_SOURCE_DIRECTIVES = ['script-src', 'style-src', 'img-src', 'font-src', 'connect-src', 'frame-src', 'form-action'] as const;
export type CspSourceDirective = (typeof CSP_SOURCE_DIRECTIVES)[number];

/**
 * A module's sources for the storefront's Content-Security-Policy (Magento's csp_whitelist.xml), per store view: a payment
 * module answers its gateway's origin only while that gateway is the one configured there.
 */
export interface CspSourceDeclaration {
  name: string;
  sources: (locator: ServiceLocator, storeCode: string) => Promise<Partial<Record<CspSourceDirective, string[]>>>;
}

/** What a storefront starts from: its own origin only, no inline or eval code, no plugins, never framed by others, https only. */
const BASELINE: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'frame-src': ["'self'"],
  'form-action': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'frame-ancestors': ["'self'"],
};

/** An https origin, nothing more (no path, no wildcard, no keyword): what a module may add. */
const HTTPS_ORIGIN = /^https:\/\/[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i;

export interface StorefrontCsp {
  storeCode: string;
  directives: Record<string, string[]>;
  policy: string;
}

/**
 * The Content-Security-Policy the backend advertises for its storefronts (PAY-04, TLS-05): the baseline plus the enabled
 * modules' declared sources for that store view. A source that is not a plain https origin is dropped and logged, so a bad
 * config value can never open the policy to http, wildcards or 'unsafe-inline'.
 */
export async function buildStorefrontCsp(app: Application, storeCode: string): Promise<StorefrontCsp> {
  const directives: Record<string, string[]> = Object.fromEntries(Object.entries(BASELINE).map(([k, v]) => [k, [...v]]));
  const logger = app.get(Kernel.Logger);
  for (const mod of app.modules) {
    for (const declaration of mod.manifest.http?.csp ?? []) {
      const contributed = await declaration.sources(app, storeCode);
      for (const [directive, sources] of Object.entries(contributed)) {
        if (!CSP_SOURCE_DIRECTIVES.includes(directive as CspSourceDirective)) {
          logger.warn({ module: mod.manifest.name, csp: declaration.name, directive }, 'CSP source for an unknown directive ignored');
          continue;
        }
        for (const source of sources ?? []) {
          if (!HTTPS_ORIGIN.test(source)) {
            logger.warn({ module: mod.manifest.name, csp: declaration.name, directive, source }, 'CSP source refused: only https origins may be added');
            continue;
          }
          if (!directives[directive].includes(source)) directives[directive].push(source);
        }
      }
    }
  }
  const policy = [...Object.entries(directives).map(([k, v]) => `${k} ${v.join(' ')}`), 'upgrade-insecure-requests'].join('; ');
  return { storeCode, directives, policy };
}

/**
 * `GET /csp/storefront`: the policy for the store view named by the Store header (the default one without it), as JSON
 * `{store_code, policy, directives}` for a headless storefront (or its CDN) to send with its pages.
 */
export function storefrontCspHandler(app: Application): RequestHandler {
  return async (req, res, next) => {
    try {
      const store = await resolveRequestStore(app.get(Kernel.ScopeResolver), req.headers.store);
      if (!store) return void sendHttpError(req, res, { status: 400, message: 'Requested store is not found', category: 'graphql-input' });
      const csp = await buildStorefrontCsp(app, store.storeCode);
      res.setHeader('Cache-Control', 'no-store');
      res.json({ store_code: csp.storeCode, policy: csp.policy, directives: csp.directives });
    } catch (err) {
      next(err);
    }
  };
}
