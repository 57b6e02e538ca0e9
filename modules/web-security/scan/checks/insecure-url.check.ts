import { findInvalidConfig } from '../../../../app/config/invalid-config-check';
import { Kernel, type ConfigScopeType } from '../../../../app';
import { envVariableName } from '../../../../app/config/config-service';
import { StoreApi } from '../../../store/api';
import type { SecurityFinding } from '../../api/security-scan';
import type { ScanContext, SecurityCheck } from '../scan-context';

const HTTP = /^\s*http:\/\//i;

/** `stores/fr`, `websites/base`, `default` */
function scopeLabel(scope: ConfigScopeType, code: string | null | undefined): string {
  return scope === 'default' ? 'default' : `${scope}/${code ?? '?'}`;
}

function fixFor(scope: ConfigScopeType, code: string | null | undefined, path: string): string {
  const scopeFlags = scope === 'default' ? '' : ` --scope=${scope} --scope-code=${code ?? '<code>'}`;
  return `comptoir config:set${scopeFlags} ${path} https://…/`;
}

/**
 * TLS-01: an http URL anywhere a setting can hold one — core_config_data rows of every scope (sensitive ones decrypted, never
 * shown), etc/env.json `system`, CONFIG__ variables, and the effective value of every URL field in every store view (a module
 * default counts too). Then any other stored value that fails its field's rule, which would stop a production boot.
 */
export const insecureUrlCheck: SecurityCheck = {
  id: 'tls.insecure_url',
  title: 'http URLs in any scope',
  async run(ctx: ScanContext): Promise<SecurityFinding[]> {
    const findings: SecurityFinding[] = [];
    const seen = new Set<string>();
    const report = (scope: ConfigScopeType, code: string | null | undefined, path: string, value: string | undefined, origin: string) => {
      const where = `${scopeLabel(scope, code)} ${path}`;
      if (seen.has(where)) return;
      seen.add(where);
      findings.push({
        check: this.id,
        severity: 'critical',
        requirement: 'TLS-01',
        where,
        message: `${origin} holds an http URL${value === undefined ? ' (sensitive value, not shown)' : ` (${value.trim()})`}: customers of this scope would send their data in clear`,
        fix: fixFor(scope, code, path),
      });
    };
    const fields = new Map(ctx.config.fields().map((f) => [f.path, f]));
    const scopes = ctx.locator.get(Kernel.ScopeResolver);
    const encryptor = ctx.locator.get(Kernel.Encryptor);

    for (const row of await ctx.config.storedRows()) {
      if (row.value === null) continue;
      const sensitive = !!fields.get(row.path)?.sensitive;
      let value = row.value;
      if (sensitive) {
        try {
          value = encryptor.decrypt(row.value, row.path);
        } catch {
          continue;
        }
      }
      if (!HTTP.test(value)) continue;
      const code =
        row.scope === 'stores' ? (await scopes.getStoreById(row.scopeId))?.storeCode : row.scope === 'websites' ? (await scopes.getWebsiteById(row.scopeId))?.websiteCode : null;
      report(row.scope, code ?? String(row.scopeId), row.path, sensitive ? undefined : value, 'The database (core_config_data)');
    }

    for (const { scope, code, path, value } of envSystemValues(ctx)) {
      if (typeof value === 'string' && HTTP.test(value)) report(scope, code, path, fields.get(path)?.sensitive ? undefined : value, 'etc/env.json `system`');
    }
    for (const [name, value] of Object.entries(process.env)) {
      if (!name.startsWith('CONFIG__') || !value || !HTTP.test(value)) continue;
      const target = matchVariable(name, [...fields.keys()]);
      if (target) report(target.scope, target.code, target.path, fields.get(target.path)?.sensitive ? undefined : value, `The environment variable ${name}`);
    }

    const urlFields = [...fields.values()].filter((f) => /url/i.test(f.path) && !f.sensitive);
    const views = await ctx.locator.get(StoreApi.StoreRepository).listStoreViews();
    for (const view of views) {
      for (const field of urlFields) {
        let value: unknown;
        try {
          value = await ctx.config.getForStore(field.path, view.code);
        } catch {
          continue; // an invalid stored value: reported above or below
        }
        if (typeof value === 'string' && HTTP.test(value)) report('stores', view.code, field.path, value, 'The effective value (module default or inherited)');
      }
    }

    for (const invalid of await findInvalidConfig({ config: ctx.config, get: (token) => ctx.locator.get(token) })) {
      const where = `${scopeLabel(invalid.scope, invalid.scopeCode)} ${invalid.path}`;
      if (seen.has(where)) continue;
      seen.add(where);
      findings.push({
        check: 'config.invalid_value',
        severity: 'high',
        where,
        message: `Invalid configuration value (${invalid.source === 'env' ? 'env/file override' : 'database'}): ${invalid.error}. Production mode refuses to start with it.`,
        fix: fixFor(invalid.scope, invalid.scopeCode, invalid.path).replace('https://…/', '<valid value>'),
      });
    }
    return findings;
  },
};

function* envSystemValues(ctx: ScanContext): Generator<{ scope: ConfigScopeType; code: string | null; path: string; value: unknown }> {
  const flatten = function* (values: Record<string, unknown>, prefix: string[]): Generator<[string, unknown]> {
    for (const [key, value] of Object.entries(values)) {
      const parts = [...prefix, ...key.split('/')];
      if (value && typeof value === 'object' && !Array.isArray(value)) yield* flatten(value as Record<string, unknown>, parts);
      else yield [parts.join('/'), value];
    }
  };
  const system = ctx.env.system ?? {};
  for (const [path, value] of flatten(system.default ?? {}, [])) yield { scope: 'default', code: null, path, value };
  for (const scope of ['websites', 'stores'] as const) {
    for (const [code, values] of Object.entries(system[scope] ?? {})) for (const [path, value] of flatten(values, [])) yield { scope, code, path, value };
  }
}

/** The scope and path a CONFIG__ variable stands for, among the declared paths (codes are matched case-insensitively). */
function matchVariable(name: string, paths: string[]): { scope: ConfigScopeType; code: string | null; path: string } | undefined {
  const parts = name.split('__');
  const scope = parts[1]?.toLowerCase();
  if (scope === 'default') {
    const path = paths.find((p) => envVariableName('default', null, p) === name);
    return path ? { scope: 'default', code: null, path } : undefined;
  }
  if (scope !== 'websites' && scope !== 'stores') return undefined;
  const code = parts[2]?.toLowerCase() ?? '';
  const path = paths.find((p) => envVariableName(scope, code, p) === name);
  return path ? { scope, code, path } : undefined;
}
