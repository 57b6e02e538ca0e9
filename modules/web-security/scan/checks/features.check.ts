import { RATE_LIMIT_GROUPS, rateLimitPath, WebSecurityConfigPath } from '../../api/web-security-config-paths';
import type { SecurityFinding } from '../../api/security-scan';
import { RATE_LIMIT_DEFAULTS } from '../../config/rate-limit-defaults';
import { hasModule, type ScanContext, type SecurityCheck } from '../scan-context';

const TWO_FACTOR_MODULE = 'Comptoir_TwoFactorAuth';
const ADMIN_USER_MODULE = 'Comptoir_User';

/** AUTH-03: admin tokens only after a second factor, which only the two-factor module provides. */
export const twoFactorCheck: SecurityCheck = {
  id: 'auth.two_factor',
  title: 'Admin two-factor authentication',
  async run(ctx: ScanContext): Promise<SecurityFinding[]> {
    if (hasModule(ctx, TWO_FACTOR_MODULE)) return [];
    if (hasModule(ctx, ADMIN_USER_MODULE)) {
      return [{ check: this.id, severity: 'critical', requirement: 'AUTH-03', where: 'etc/config.json', message: `Admin accounts exist (${ADMIN_USER_MODULE}) but two-factor authentication (${TWO_FACTOR_MODULE}) is not enabled`, fix: `comptoir module:enable ${TWO_FACTOR_MODULE} && comptoir setup:upgrade` }];
    }
    return [{ check: this.id, severity: 'low', requirement: 'AUTH-03', where: 'etc/config.json', message: `Two-factor authentication (${TWO_FACTOR_MODULE}) is not enabled; no admin module is enabled either, so no admin can log in yet` }];
  },
};

/** API-04: introspection is on exactly in developer mode (the GraphQL handler's rule). */
export const introspectionCheck: SecurityCheck = {
  id: 'graphql.introspection',
  title: 'GraphQL introspection',
  async run(ctx: ScanContext): Promise<SecurityFinding[]> {
    if (ctx.env.mode !== 'developer') return [];
    return [{ check: this.id, severity: 'medium', requirement: 'API-04', where: 'etc/env.json mode', message: 'GraphQL introspection is on (developer mode): anyone who can reach /graphql can read the whole schema', fix: 'comptoir deploy:mode:set production' }];
  },
};

/** API-05, PAY-05: limits switched off, or a group whose limits are all 0. */
export const rateLimitCheck: SecurityCheck = {
  id: 'rate_limit',
  title: 'Rate limits',
  async run(ctx: ScanContext): Promise<SecurityFinding[]> {
    const add: SecurityFinding[] = [];
    if (!(await ctx.config.get<boolean>(WebSecurityConfigPath.RateLimitEnabled))) {
      return [{ check: this.id, severity: 'high', requirement: 'API-05', where: WebSecurityConfigPath.RateLimitEnabled, message: 'Rate limits are off: login, password reset, coupon and checkout calls can be repeated without bound (credential stuffing, carding)', fix: `comptoir config:set ${WebSecurityConfigPath.RateLimitEnabled} 1` }];
    }
    for (const group of RATE_LIMIT_GROUPS) {
      const perIp = await ctx.config.get<number>(rateLimitPath(group, 'per_ip'));
      const perAccount = await ctx.config.get<number>(rateLimitPath(group, 'per_account'));
      const operations = (await ctx.config.get<string[] | null>(rateLimitPath(group, 'operations'))) ?? [];
      const requirement = group === 'checkout' ? 'PAY-05' : 'API-05';
      if (!perIp && !perAccount) add.push({ check: this.id, severity: group === 'checkout' ? 'high' : 'medium', requirement, where: `web_security/rate_limit_${group}`, message: `Rate limits for ${group.replace(/_/g, ' ')} are 0 per IP and 0 per account: off`, fix: `comptoir config:set ${rateLimitPath(group, 'per_ip')} <n>` });
      else if (!operations.length) add.push({ check: this.id, severity: 'medium', requirement, where: rateLimitPath(group, 'operations'), message: `No operation is listed for the ${group.replace(/_/g, ' ')} rate limit`, fix: `comptoir config:set ${rateLimitPath(group, 'operations')} '${RATE_LIMIT_DEFAULTS[group].operations.join(',')}'` });
      else if (!perIp) add.push({ check: this.id, severity: 'low', requirement, where: rateLimitPath(group, 'per_ip'), message: `No per-IP limit for ${group.replace(/_/g, ' ')}: one client may spread guesses over many accounts` });
    }
    if (!ctx.env.redis?.url) {
      add.push({ check: this.id, severity: 'info', where: 'etc/env.json redis', message: 'Rate-limit counters are kept in process memory: with several server processes each allows the full limit. Set redis.url to share them.' });
    }
    return add;
  },
};

/**
 * Magento's admin panel answers at a guessable frontName (`admin`) unless admin/url/use_custom_path is on. Comptoir is
 * headless: when a module serving an admin panel declares those settings, they are checked; without one there is no admin
 * panel to find, and the admin API is at Magento's own fixed paths (/rest/V1/integration/admin/token), protected by ACL,
 * rate limits and 2FA.
 */
export const adminPathCheck: SecurityCheck = {
  id: 'admin.default_path',
  title: 'Default admin path',
  async run(ctx: ScanContext): Promise<SecurityFinding[]> {
    const declared = new Set(ctx.config.fields().map((f) => f.path));
    if (declared.has('admin/url/use_custom_path')) {
      const custom = await ctx.config.get<boolean>('admin/url/use_custom_path');
      const path = declared.has('admin/url/custom_path') ? await ctx.config.get<string | null>('admin/url/custom_path') : null;
      if (!custom || !path || path === 'admin') {
        return [{ check: this.id, severity: 'medium', where: 'admin/url/use_custom_path', message: 'The admin panel answers at the default path /admin', fix: 'comptoir config:set admin/url/use_custom_path 1 && comptoir config:set admin/url/custom_path <unguessable>' }];
      }
      return [];
    }
    return [{ check: this.id, severity: 'info', where: 'admin/url', message: 'No admin panel is served (headless): no admin front name to hide. The admin REST API keeps Magento\'s fixed paths and relies on ACL, rate limits and 2FA.' }];
  },
};
