import type { Request, RequestHandler } from 'express';
import { Kernel, type ServiceLocator } from '../../../app';
import { bearerTokenOf } from '../../../app/http/bearer-token';
import { isGraphQlPath, sendHttpError } from '../../../app/http/error-response';
import type { RateLimiter } from '../api/rate-limiter';
import { WebSecurityApi } from '../api/tokens';
import type { RateLimitGroup } from '../api/web-security-config-paths';
import { limitedFieldHits } from './graphql-limited-fields';
import { graphQlParamsOf } from './graphql-request-params';
import { matchRestRoute, RateLimitSettingsReader, type RateLimitSettings } from './rate-limit-settings';
import { AccountSubjectResolver, ipSubject } from './request-subjects';

/**
 * The category of a 429 over GraphQL. Magento defines none for throttling; graphql-input ("change what you send, or wait") is
 * what Magento-shaped clients already show to the user as is. The HTTP status (429) and Retry-After say the rest.
 */
export const RATE_LIMIT_CATEGORY = 'graphql-input';

interface Charge {
  group: RateLimitGroup;
  dimension: 'ip' | 'account';
  subject: string;
  cost: number;
}

/** `/rest/V1/a/b` or `/rest/<store>/V1/a/b` → ['a', 'b']; anything else → undefined. */
export function restSegments(path: string): string[] | undefined {
  const match = /^\/rest\/(?:[^/]+\/)?V1\/(.+?)\/?$/.exec(path);
  return match ? match[1].split('/').map((s) => safeDecode(s)) : undefined;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * API-05, PAY-05: before any resolver or route runs, counts the limited operations of the request — every aliased occurrence
 * of a limited GraphQL root field, or a limited REST route — per client IP and per account, and refuses the whole request with
 * 429 and Retry-After once any counter is over its limit. Requests with no limited operation cost a regular-expression test.
 */
export function createRateLimitMiddleware(locator: ServiceLocator): RequestHandler {
  const settingsReader = new RateLimitSettingsReader(locator.get(Kernel.Config));
  const limiter: RateLimiter = locator.get(WebSecurityApi.RateLimiter);
  const accounts = new AccountSubjectResolver(locator.get(Kernel.Env));
  const logger = locator.get(Kernel.Logger);

  return async (req, res, next) => {
    const settings = await settingsReader.get();
    if (!settings.enabled) return next();
    const charges = isGraphQlPath(req) ? await graphQlCharges(req, settings, accounts) : await restCharges(req, settings, accounts);
    if (!charges.length) return next();
    const decisions = await Promise.all(
      charges.map(async (charge) => {
        const limits = settings.groups.get(charge.group)!;
        const limit = charge.dimension === 'ip' ? limits.perIp : limits.perAccount;
        const rule = { name: `${charge.group}:${charge.dimension}`, limit, windowSeconds: limits.windowSeconds };
        return { charge, decision: await limiter.hit(rule, charge.subject, charge.cost) };
      }),
    );
    const refused = decisions.filter((d) => !d.decision.allowed);
    if (!refused.length) return next();
    const retryAfter = Math.max(...refused.map((r) => r.decision.retryAfterSeconds));
    logger.warn(
      { rateLimit: refused.map((r) => ({ group: r.charge.group, dimension: r.charge.dimension, count: r.decision.count, limit: r.decision.limit })), ip: req.ip },
      'Request refused: rate limit exceeded',
    );
    res.setHeader('Retry-After', String(retryAfter));
    sendHttpError(req, res, { status: 429, message: refusalMessage(refused.map((r) => r.charge.group), retryAfter), category: RATE_LIMIT_CATEGORY });
  };
}

function refusalMessage(groups: RateLimitGroup[], retryAfter: number): string {
  const names = [...new Set(groups)].map((g) => g.replace(/_/g, ' ')).join(', ');
  return `Too many requests (${names}). Try again in ${retryAfter} second${retryAfter === 1 ? '' : 's'}.`;
}

async function graphQlCharges(req: Request, settings: RateLimitSettings, accounts: AccountSubjectResolver): Promise<Charge[]> {
  if (!settings.graphQlFieldPattern) return [];
  const params = graphQlParamsOf(req, settings.graphQlFieldPattern);
  if (!params) return [];
  const hits = limitedFieldHits(params.query, params.operationName, params.variables, settings.graphQlFields);
  if (!hits.length) return [];
  const bearer = bearerTokenOf(req.headers.authorization);
  const ip = ipSubject(req.ip ?? req.socket.remoteAddress);
  const charges = new Map<string, Charge>();
  const add = (charge: Omit<Charge, 'cost'>) => {
    const key = `${charge.group}|${charge.dimension}|${charge.subject}`;
    const existing = charges.get(key);
    if (existing) existing.cost++;
    else charges.set(key, { ...charge, cost: 1 });
  };
  for (const hit of hits) {
    const limits = settings.groups.get(hit.group)!;
    if (limits.perIp) add({ group: hit.group, dimension: 'ip', subject: ip });
    const account = limits.perAccount ? await accounts.resolve(hit.args, bearer) : undefined;
    if (account) add({ group: hit.group, dimension: 'account', subject: account });
  }
  return [...charges.values()];
}

async function restCharges(req: Request, settings: RateLimitSettings, accounts: AccountSubjectResolver): Promise<Charge[]> {
  if (!settings.restPatterns.length) return [];
  const segments = restSegments(req.path);
  if (!segments) return [];
  const match = matchRestRoute(settings, req.method, segments);
  if (!match) return [];
  const limits = settings.groups.get(match.group)!;
  const charges: Charge[] = [];
  if (limits.perIp) charges.push({ group: match.group, dimension: 'ip', subject: ipSubject(req.ip ?? req.socket.remoteAddress), cost: 1 });
  // Magento's guest cart routes name the (masked) cart in the path: /V1/guest-carts/:cartId/….
  const cartAt = segments.indexOf('guest-carts');
  const cartInPath = cartAt >= 0 ? segments[cartAt + 1] : undefined;
  const account = limits.perAccount ? await accounts.resolve(req.body, bearerTokenOf(req.headers.authorization), cartInPath) : undefined;
  if (account) charges.push({ group: match.group, dimension: 'account', subject: account, cost: 1 });
  return charges;
}
