import { defineModule, Kernel } from '../../app';
import { asIdentifier } from '../../app/di/token';
import { Application } from '../../app/kernel/application';
import { WebSecurityApi } from './api/tokens';
import { securityScanCommand } from './cli/security-scan.command';
import { webSecurityConfigFields } from './config/web-security-config-fields';
import { createCardDataBodyGuard, createCardDataFrontGuard } from './guard/card-data-guard.middleware';
import { FixedWindowRateLimiter } from './rate-limit/fixed-window-rate-limiter';
import { createRateLimitMiddleware } from './rate-limit/rate-limit.middleware';
import { createRateLimitStore } from './rate-limit/rate-limit-store-factory';
import { SECURITY_SCAN_RESOURCE, securityScanRoutes } from './rest/security-scan.routes';
import { DefaultSecurityScanner } from './scan/security-scanner';

/**
 * The front of the HTTP pipeline the kernel leaves to security: the card-data guard (PAY-01..03) and rate limits (API-05,
 * PAY-05), plus `security:scan`. Transport checks, security headers, the cookie policy and body limits are the kernel's own.
 */
export default defineModule({
  name: 'Comptoir_WebSecurity',
  version: '1.0.0',
  sequence: ['Comptoir_Store'],
  description: 'Card-data guard, rate limits (memory or Redis) and the security:scan audit',
  services: (bind) => {
    bind(WebSecurityApi.RateLimitStore)
      .toDynamicValue((ctx) => createRateLimitStore(ctx.get(asIdentifier(Kernel.Env)), ctx.get(asIdentifier(Kernel.Clock)), ctx.get(asIdentifier(Kernel.Logger))))
      .inSingletonScope();
    bind(WebSecurityApi.RateLimiter).to(FixedWindowRateLimiter).inSingletonScope();
    bind(WebSecurityApi.SecurityScanner).to(DefaultSecurityScanner).inSingletonScope();
  },
  config: webSecurityConfigFields,
  http: {
    middleware: [
      // First of all module middleware: nothing else may see (or log) a request that carries a card number.
      { name: 'card_data_guard_url_headers', stage: 'front', sortOrder: -1000, create: createCardDataFrontGuard },
      { name: 'card_data_guard_body', stage: 'api', sortOrder: -1000, create: createCardDataBodyGuard },
      {
        name: 'rate_limit',
        stage: 'api',
        sortOrder: -900,
        create: (locator) => {
          // The counters' connection (Redis) closes with the application that serves them.
          if (locator instanceof Application) locator.onClose(() => locator.get(WebSecurityApi.RateLimitStore).close());
          return createRateLimitMiddleware(locator);
        },
      },
    ],
  },
  rest: securityScanRoutes,
  acl: [{ id: SECURITY_SCAN_RESOURCE, title: 'Security scan' }],
  commands: [securityScanCommand],
  logRedact: ['variables.*.cvv', 'variables.*.card_number', 'variables.input.*.cvv'],
});
