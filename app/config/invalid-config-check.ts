import type { Application } from '../kernel/application';
import { KernelError } from '../kernel/errors';
import { Kernel } from '../kernel/tokens';
import type { ConfigScopeType } from '../module/manifest';

/** A configuration value that fails its field's validation, wherever it came from. */
export interface InvalidConfigValue {
  scope: ConfigScopeType;
  /** Website or store view code (null for the default scope, or when the scope no longer exists). */
  scopeCode: string | null;
  scopeId?: number;
  path: string;
  /** Why it is invalid; generic for sensitive fields, so a secret never reaches a log. */
  error: string;
  /** `db`: a core_config_data row (edited by hand, or written before a rule got stricter); `env`: etc/env.json or CONFIG__*. */
  source: 'db' | 'env';
}

/**
 * Every configuration value that would not be accepted today: rows written to core_config_data behind the config service's back
 * (a hand-edited `web/secure/base_url` of the fr view set to http://…) and env/file overrides. Fields validate what they hold,
 * so this is not about URLs in particular: any field's rule applies.
 */
export async function findInvalidConfig(app: Pick<Application, 'config' | 'get'>): Promise<InvalidConfigValue[]> {
  const sensitive = new Set(app.config.fields().filter((f) => f.sensitive).map((f) => f.path));
  const scopes = app.get(Kernel.ScopeResolver);
  const describe = (path: string, error: string) => (sensitive.has(path) ? `Stored value for "${path}" is invalid (sensitive: not shown)` : error);
  const found: InvalidConfigValue[] = [];
  for (const row of await app.config.invalidStoredValues()) {
    let scopeCode: string | null = null;
    if (row.scope === 'stores') scopeCode = (await scopes.getStoreById(row.scopeId))?.storeCode ?? null;
    if (row.scope === 'websites') scopeCode = (await scopes.getWebsiteById(row.scopeId))?.websiteCode ?? null;
    found.push({ scope: row.scope, scopeCode, scopeId: row.scopeId, path: row.path, error: describe(row.path, row.error), source: 'db' });
  }
  for (const override of app.config.invalidOverrideValues()) {
    found.push({ scope: override.scope, scopeCode: override.code, path: override.path, error: describe(override.path, override.error), source: 'env' });
  }
  return found;
}

/** `stores "fr" (id 2) web/secure/base_url: …` */
export function describeInvalidConfig(value: InvalidConfigValue): string {
  const where =
    value.scope === 'default'
      ? 'default scope'
      : `${value.scope} "${value.scopeCode ?? '?'}"${value.scopeId !== undefined ? ` (id ${value.scopeId})` : ''}`;
  const origin = value.source === 'env' ? ' [etc/env.json or CONFIG__ variable]' : '';
  return `${where} ${value.path}${origin}: ${value.error}`;
}

/**
 * Run before a server starts serving (TLS-01 and every other field rule). Production refuses to start, naming each scope and
 * path: serving a store view whose base URL is http would send its customers' data in clear. Developer mode says so loudly
 * (error level, on the logger's stderr) and keeps going, so the value can be fixed from the running installation.
 */
export async function enforceValidConfig(app: Application): Promise<InvalidConfigValue[]> {
  const invalid = await findInvalidConfig(app);
  if (!invalid.length) return invalid;
  const lines = invalid.map((v) => `  - ${describeInvalidConfig(v)}`).join('\n');
  const fix = 'Fix each value with `comptoir config:set` (or remove the row / override) so it passes its field\'s validation.';
  if (app.mode === 'production') {
    throw new KernelError(`Refusing to start in production: ${invalid.length} configuration value(s) are invalid:\n${lines}\n${fix}`, 'CONFIG_INVALID_STORED');
  }
  app.logger.error(
    { invalidConfig: invalid.map(({ scope, scopeCode, path, source }) => ({ scope, scopeCode, path, source })) },
    `INVALID CONFIGURATION: ${invalid.length} value(s) fail validation; production mode would refuse to start:\n${lines}\n${fix}`,
  );
  return invalid;
}
