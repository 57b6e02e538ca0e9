import type { ConfigService, LoadedModule, ServiceLocator } from '../../../app';
import type { EnvConfig } from '../../../app/kernel/env';
import type { SecurityFinding, SecurityScanOptions } from '../api/security-scan';

/** What every check may look at. */
export interface ScanContext {
  locator: ServiceLocator;
  env: EnvConfig;
  config: ConfigService;
  modules: LoadedModule[];
  options: SecurityScanOptions;
}

export interface SecurityCheck {
  /** Stable id, the `check` of its findings. */
  id: string;
  /** What it looks at, for the report header and the README. */
  title: string;
  run(ctx: ScanContext): Promise<SecurityFinding[]>;
}

export const hasModule = (ctx: ScanContext, name: string) => ctx.modules.some((m) => m.manifest.name === name);
