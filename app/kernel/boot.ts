import 'reflect-metadata';
import type { Container } from 'inversify';
import { ConfigRegistry } from '../config/config-registry';
import { ConfigService } from '../config/config-service';
import { DefaultScopeResolver } from '../config/scope-resolver';
import { Encryptor } from '../crypto/encryptor';
import { PasswordHasher } from '../crypto/password-hasher';
import { connect, type Database } from '../db/database';
import { Migrator } from '../db/migrator';
import { buildContainer } from '../di/container-builder';
import { EventBus } from '../event/event-bus';
import { ObserverRegistry } from '../event/observer-registry';
import { createQueueTransport } from '../event/transport-factory';
import type { QueueTransport } from '../event/queue-transport';
import { DenyAllAdminAuthorizer } from '../http/admin-authorizer';
import { createLogger, type Logger } from '../log/logger';
import { MailHold } from '../mail/mail-hold';
import { MailService } from '../mail/mail-service';
import { createMailTransport } from '../mail/transport-factory';
import { discoverModules, type DiscoveryOptions } from '../module/discovery';
import type { Bind, LoadedModule } from '../module/manifest';
import { readModuleList, resolveEnabledModules } from '../module/module-list';
import { Application } from './application';
import { systemClock } from './clock';
import { readEnv, readEnvFile, type EnvConfig } from './env';
import { KernelError } from './errors';
import { frameworkModule } from './framework-module';
import { projectPaths, type ProjectPaths } from './paths';
import { Kernel } from './tokens';

export interface BootOptions extends DiscoveryOptions {
  /** Project root holding etc/ and var/ (default: COMPTOIR_ROOT or the project). */
  root?: string;
  /** Use this env instead of reading etc/env.json (setup:install, tests). */
  env?: EnvConfig;
  /** Enable exactly these modules (plus their load order) instead of reading etc/config.json. */
  modules?: string[];
  /** Count modules missing from etc/config.json as enabled (setup:install/upgrade). */
  newModulesEnabled?: boolean;
  /** Refuse to boot while migrations are pending (servers and consumers); setup commands pass false. */
  requireUpToDate?: boolean;
  /** Last word on bindings, e.g. a fake clock in tests. */
  overrides?: (bind: Bind, container: Container) => void;
  logger?: Logger;
  /** An already open connection to reuse (setup:install hands its own). */
  database?: Database;
}

/** Resolves the enabled modules in load order, from an explicit list or etc/config.json. */
export function resolveModules(paths: ProjectPaths, options: BootOptions = {}): LoadedModule[] {
  const discovered = discoverModules(options);
  if (options.modules) {
    const wanted = new Set(options.modules);
    const unknown = options.modules.filter((name) => !discovered.some((m) => m.manifest.name === name));
    if (unknown.length) throw new KernelError(`Unknown module(s): ${unknown.join(', ')}`, 'MODULE_UNKNOWN');
    const list = { modules: Object.fromEntries(discovered.map((m) => [m.manifest.name, (wanted.has(m.manifest.name) ? 1 : 0) as 0 | 1])) };
    return resolveEnabledModules(discovered, list);
  }
  return resolveEnabledModules(discovered, readModuleList(paths.etc), options.newModulesEnabled);
}

export async function boot(options: BootOptions = {}): Promise<Application> {
  const paths = projectPaths(options.root);
  const env = options.env ?? readEnv(paths.etc);
  if (!env) throw new KernelError(`Comptoir is not installed in ${paths.root}: run \`comptoir setup:install\` first`, 'NOT_INSTALLED');
  const modules = [frameworkModule, ...resolveModules(paths, options)];
  const logger = options.logger ?? createLogger({ redact: modules.flatMap((m) => m.manifest.logRedact ?? []) });
  const db = options.database ?? (await connect(env.db));
  try {
    if (options.requireUpToDate) {
      const status = await new Migrator(db).status(modules);
      if (status.pending.length) {
        const names = status.pending.slice(0, 5).map((p) => `${p.module}::${p.migration.name}`).join(', ');
        throw new KernelError(`The database is not up to date (pending: ${names}${status.pending.length > 5 ? ', …' : ''}). Run \`comptoir setup:upgrade\`.`, 'DB_OUTDATED');
      }
    }
    // Another process may append a key (encryption:key:change); values it encrypts then name a key this one must go and read.
    const encryptor = new Encryptor(env.crypt.keys, () => readEnvFile(paths.etc)?.crypt.keys);
    const registry = new ConfigRegistry(modules);
    const observers = new ObserverRegistry(modules);
    let transport: QueueTransport | undefined;
    const { container, locator, plugins } = buildContainer(modules, (bind, c) => {
      bind(Kernel.Container).toConstantValue(c);
      bind(Kernel.Env).toConstantValue(env);
      bind(Kernel.Paths).toConstantValue(paths);
      bind(Kernel.Modules).toConstantValue(modules);
      bind(Kernel.Database).toConstantValue(db);
      bind(Kernel.Encryptor).toConstantValue(encryptor);
      bind(Kernel.PasswordHasher).toConstantValue(new PasswordHasher());
      bind(Kernel.Logger).toConstantValue(logger);
      bind(Kernel.Clock).toConstantValue(systemClock);
      bind(Kernel.ScopeResolver).to(DefaultScopeResolver).inSingletonScope();
      bind(Kernel.AdminAuthorizer).to(DenyAllAdminAuthorizer).inSingletonScope();
      bind(Kernel.EventBus).toDynamicValue(() => new EventBus(db, observers, locator)).inSingletonScope();
      bind(Kernel.Config)
        .toDynamicValue(() => new ConfigService(db, registry, encryptor, locator.get(Kernel.ScopeResolver), env, () => locator.get(Kernel.EventBus)))
        .inSingletonScope();
      bind(Kernel.MailTransport).toDynamicValue(() => createMailTransport(env, paths, logger)).inSingletonScope();
      bind(Kernel.Mail)
        .toDynamicValue(() => new MailService(locator.get(Kernel.EventBus), encryptor, () => locator.get(Kernel.MailTransport), env.mail.from, new MailHold(db)))
        .inSingletonScope();
      bind(Kernel.QueueTransport)
        .toDynamicValue(() => (transport = createQueueTransport(env, db, logger)))
        .inSingletonScope();
    });
    if (options.overrides) options.overrides((token) => (container.isBound(token as never) ? container.rebind(token as never) : container.bind(token as never)) as never, container);
    const app = new Application(container, env, paths, modules, plugins);
    app.onClose(() => transport?.close());
    if (!options.database) app.onClose(() => db.close());
    return app;
  } catch (err) {
    if (!options.database) await db.close().catch(() => undefined);
    throw err;
  }
}
