import { ConfigRegistry } from '../config/config-registry';
import { configValueProblem } from '../config/config-value-check';
import { connect } from '../db/database';
import { Migrator } from '../db/migrator';
import { boot, resolveModules } from '../kernel/boot';
import { resolveDbPaths, writeEnv, type EnvConfig } from '../kernel/env';
import { KernelError } from '../kernel/errors';
import { frameworkModule } from '../kernel/framework-module';
import { projectPaths } from '../kernel/paths';
import type { Application } from '../kernel/application';
import type { DiscoveryOptions } from '../module/discovery';
import { discoverModules } from '../module/discovery';
import { changeModules, readModuleList, writeModuleList } from '../module/module-list';
import type { ConfigScopeType } from '../module/manifest';

/** setup:install options, with Magento's names; each maps to the config path Magento stores it under. */
export interface InstallOptions extends DiscoveryOptions {
  root: string;
  env: EnvConfig;
  /** Enable exactly these modules; default: every discovered module. */
  modules?: string[];
  baseUrl?: string;
  baseUrlSecure?: string;
  language?: string;
  currency?: string;
  timezone?: string;
  useSecure?: boolean;
  useSecureAdmin?: boolean;
  /** Other options (--admin-*, …) handed to the modules' install hooks. */
  extra?: Record<string, unknown>;
  /** More config values to set once installed. */
  config?: Array<{ path: string; value: unknown; scope?: ConfigScopeType; code?: string }>;
  quiet?: boolean;
  progress?: (label: string, done: number, total: number) => void;
  /** Keep the application booted (returned) instead of closing it. */
  keepOpen?: boolean;
}

export const INSTALL_OPTION_PATHS: Array<[keyof InstallOptions, string[]]> = [
  ['baseUrl', ['web/unsecure/base_url']],
  ['baseUrlSecure', ['web/secure/base_url']],
  ['language', ['general/locale/code']],
  ['currency', ['currency/options/base', 'currency/options/default']],
  ['timezone', ['general/locale/timezone']],
  ['useSecure', ['web/secure/use_in_frontend']],
  ['useSecureAdmin', ['web/secure/use_in_adminhtml']],
];

/**
 * Connects (failing before anything is written), migrates every enabled module, then writes etc/env.json and etc/config.json,
 * applies the install options as config values and runs the modules' install hooks.
 */
export async function install(options: InstallOptions): Promise<Application | undefined> {
  const paths = projectPaths(options.root);
  const discovered = discoverModules(options);
  const modules = resolveModules(paths, { ...options, newModulesEnabled: true });
  // Bad options (an http base URL: TLS-01) are refused before anything is connected, migrated or written.
  checkInstallConfig(new ConfigRegistry([frameworkModule, ...modules]), options);
  const env = resolveDbPaths(options.env, paths.root);
  const database = await connect(env.db);
  let app: Application | undefined;
  try {
    const migrator = new Migrator(database);
    const all = [frameworkModule, ...modules];
    await migrator.migrate(all, ({ module, name, index, total }) => options.progress?.(`Migrating ${module}::${name}`, index, total));
    writeEnv(paths.etc, { ...options.env, install: { date: new Date().toISOString() } });
    const enabledNames = modules.map((m) => m.manifest.name);
    const list = changeModules(discovered, readModuleList(paths.etc) ?? { modules: {} }, enabledNames, true);
    for (const mod of discovered) if (!enabledNames.includes(mod.manifest.name)) list.modules[mod.manifest.name] = 0;
    writeModuleList(paths.etc, list);
    app = await boot({ ...options, root: paths.root, env, modules: enabledNames, database });
    await applyInstallConfig(app, options);
    const hooks = modules.filter((m) => m.manifest.setup?.install);
    let done = 0;
    for (const mod of hooks) {
      options.progress?.(`Installing ${mod.manifest.name}`, ++done, hooks.length);
      await mod.manifest.setup!.install!({ app, options: { ...options.extra }, progress: options.progress ?? (() => undefined) });
    }
    if (options.keepOpen) return app;
    await app.close();
    return undefined;
  } catch (err) {
    if (err instanceof KernelError) throw err;
    throw new KernelError(`Installation failed: ${(err as Error).message}`, 'INSTALL_FAILED');
  } finally {
    if (!options.keepOpen) await database.close().catch(() => undefined);
  }
}

function checkInstallConfig(registry: ConfigRegistry, options: InstallOptions): void {
  const problems: string[] = [];
  for (const [option, configPaths] of INSTALL_OPTION_PATHS) {
    const value = options[option];
    if (value === undefined) continue;
    const flag = `--${String(option).replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`;
    for (const path of configPaths) {
      const field = registry.get(path);
      const problem = field ? configValueProblem(field, value) : `needs the module that declares ${path}, which is not enabled`;
      if (problem) problems.push(`${flag}: ${problem}`);
    }
  }
  for (const entry of options.config ?? []) {
    const field = registry.get(entry.path);
    const problem = field ? configValueProblem(field, entry.value) : `The "${entry.path}" path doesn't exist. Verify and try again.`;
    if (problem) problems.push(problem);
  }
  if (problems.length) throw new KernelError(`Installation refused, nothing was written: ${[...new Set(problems)].join('; ')}`, 'INSTALL_OPTION');
}

async function applyInstallConfig(app: Application, options: InstallOptions): Promise<void> {
  const registered = new Set(app.config.fields().map((f) => f.path));
  for (const [option, configPaths] of INSTALL_OPTION_PATHS) {
    const value = options[option];
    if (value === undefined) continue;
    for (const path of configPaths) {
      if (!registered.has(path)) {
        throw new KernelError(`--${String(option).replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())} needs the module that declares ${path}, which is not enabled`, 'INSTALL_OPTION');
      }
      await app.config.set(path, value);
    }
  }
  for (const entry of options.config ?? []) await app.config.set(entry.path, entry.value, { scope: entry.scope ?? 'default', code: entry.code });
}
