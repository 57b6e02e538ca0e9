import { inject, injectable, type Container } from 'inversify';
import { Kernel, type Clock, type ConfigService, type LoadedModule, type ServiceLocator } from '../../../app';
import { asIdentifier } from '../../../app/di/token';
import type { EnvConfig } from '../../../app/kernel/env';
import { SEVERITIES, type SecurityFinding, type SecurityScanner, type SecurityScanOptions, type SecurityScanReport, type Severity } from '../api/security-scan';
import { adminPathCheck, introspectionCheck, rateLimitCheck, twoFactorCheck } from './checks/features.check';
import { insecureUrlCheck } from './checks/insecure-url.check';
import { keysCheck } from './checks/keys.check';
import { securityHeadersCheck } from './checks/security-headers.check';
import { transportCheck } from './checks/transport.check';
import type { SecurityCheck } from './scan-context';

/** Every check, in report order. */
export const SECURITY_CHECKS: readonly SecurityCheck[] = [
  insecureUrlCheck,
  securityHeadersCheck,
  transportCheck,
  keysCheck,
  twoFactorCheck,
  introspectionCheck,
  rateLimitCheck,
  adminPathCheck,
];

/** Runs every check; a check that fails is itself a finding (high), so a broken check never passes silently. */
@injectable()
export class DefaultSecurityScanner implements SecurityScanner {
  constructor(
    @inject(Kernel.Container) private readonly container: Container,
    @inject(Kernel.Env) private readonly env: EnvConfig,
    @inject(Kernel.Config) private readonly config: ConfigService,
    @inject(Kernel.Modules) private readonly modules: LoadedModule[],
    @inject(Kernel.Clock) private readonly clock: Clock,
  ) {}

  async scan(options: SecurityScanOptions = {}): Promise<SecurityScanReport> {
    const locator: ServiceLocator = { get: (token) => this.container.get(asIdentifier(token)) };
    const ctx = { locator, env: this.env, config: this.config, modules: this.modules, options };
    const findings: SecurityFinding[] = [];
    for (const check of SECURITY_CHECKS) {
      try {
        findings.push(...(await check.run(ctx)));
      } catch (err) {
        findings.push({ check: check.id, severity: 'high', message: `The check "${check.title}" could not run: ${(err as Error).message}` });
      }
    }
    const rank = (s: Severity) => SEVERITIES.indexOf(s);
    findings.sort((a, b) => rank(a.severity) - rank(b.severity));
    const counts = Object.fromEntries(SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length])) as Record<Severity, number>;
    return { mode: this.env.mode, scannedAt: this.clock.now().toISOString(), findings, counts, critical: counts.critical > 0 };
  }
}
