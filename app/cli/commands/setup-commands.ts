import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { connect } from '../../db/database';
import { Migrator, listTables } from '../../db/migrator';
import { Encryptor } from '../../crypto/encryptor';
import { boot, resolveModules } from '../../kernel/boot';
import { buildEnv, generateAuthKeys, parseDbUrl, readEnv, readEnvFile, resolveDbPaths, type DbSettings, type EnvConfig } from '../../kernel/env';
import { KernelError } from '../../kernel/errors';
import { frameworkModule } from '../../kernel/framework-module';
import { discoverModules } from '../../module/discovery';
import { changeModules, readModuleList, writeModuleList } from '../../module/module-list';
import { install } from '../../setup/installer';
import type { CliContext } from '../cli-context';

const flag = (value: string) => {
  if (!['0', '1'].includes(value)) throw new KernelError(`Expected 0 or 1, got "${value}"`, 'CLI_INVALID');
  return value === '1';
};

interface InstallFlags {
  dbUrl?: string;
  dbHost?: string;
  dbName?: string;
  dbUser?: string;
  dbPassword?: string;
  dbPrefix?: string;
  baseUrl?: string;
  baseUrlSecure?: string;
  language?: string;
  currency?: string;
  timezone?: string;
  useSecure?: boolean;
  useSecureAdmin?: boolean;
  key?: string;
  cleanupDatabase?: boolean;
  amqpHost?: string;
  amqpPort?: string;
  amqpUser?: string;
  amqpPassword?: string;
  amqpVirtualhost?: string;
  httpPort?: string;
  modules?: string;
  [admin: string]: unknown;
}

export function registerSetupCommands(program: Command, ctx: CliContext): void {
  program
    .command('setup:install')
    .description('Installs Comptoir: writes etc/env.json, creates the schema of every module and applies the install options')
    .option('--db-url <url>', 'database URL: mysql://user:pass@host:3306/db or sqlite:var/comptoir.sqlite (default: embedded SQLite)')
    .option('--db-host <host>', 'MySQL/MariaDB host, optionally host:port')
    .option('--db-name <name>', 'MySQL/MariaDB database name')
    .option('--db-user <user>', 'MySQL/MariaDB user')
    .option('--db-password <password>', 'MySQL/MariaDB password')
    .option('--db-prefix <prefix>', 'table prefix (not supported yet: refused when set)')
    .option('--base-url <url>', 'store base URL (web/unsecure/base_url)')
    .option('--base-url-secure <url>', 'secure base URL (web/secure/base_url)')
    .option('--language <code>', 'default locale, e.g. en_US')
    .option('--currency <code>', 'default currency, e.g. USD')
    .option('--timezone <zone>', 'default time zone, e.g. America/Chicago')
    .option('--use-secure <0|1>', 'use secure URLs on the storefront', flag)
    .option('--use-secure-admin <0|1>', 'use secure URLs in the admin', flag)
    .option('--key <key>', 'encryption key (base64 of 32 bytes); generated when absent')
    .option('--cleanup-database', 'drop every table of the database before installing')
    .option('--amqp-host <host>', 'RabbitMQ host: async events go through AMQP instead of the database queue')
    .option('--amqp-port <port>', 'RabbitMQ port', '5672')
    .option('--amqp-user <user>', 'RabbitMQ user', 'guest')
    .option('--amqp-password <password>', 'RabbitMQ password', 'guest')
    .option('--amqp-virtualhost <vhost>', 'RabbitMQ virtual host', '/')
    .option('--http-port <port>', 'port the server listens on (default 8080; PORT overrides)')
    .option('--modules <names>', 'comma-separated modules to enable (default: all found)')
    .option('--admin-firstname <name>', 'admin first name (used by the admin user module)')
    .option('--admin-lastname <name>', 'admin last name')
    .option('--admin-email <email>', 'admin email')
    .option('--admin-user <user>', 'admin user name')
    .option('--admin-password <password>', 'admin password')
    .action(async (flags: InstallFlags) => {
      const started = Date.now();
      const env = await buildInstallEnv(ctx, flags);
      if (flags.cleanupDatabase) await cleanupDatabase(resolveDbPaths(env, ctx.paths.root).db, ctx);
      const admin = Object.fromEntries(Object.entries(flags).filter(([k]) => k.startsWith('admin')));
      await install({
        root: ctx.paths.root,
        env,
        modules: flags.modules?.split(',').map((m) => m.trim()).filter(Boolean),
        baseUrl: flags.baseUrl,
        baseUrlSecure: flags.baseUrlSecure,
        language: flags.language,
        currency: flags.currency,
        timezone: flags.timezone,
        useSecure: flags.useSecure,
        useSecureAdmin: flags.useSecureAdmin,
        extra: admin,
        progress: ctx.progress,
      });
      ctx.out(`[SUCCESS]: Comptoir installation complete in ${((Date.now() - started) / 1000).toFixed(1)} s (${describeDb(resolveDbPaths(env, ctx.paths.root).db)}).`);
    });

  program
    .command('setup:upgrade')
    .description('Registers new modules and runs pending migrations and upgrade hooks')
    .action(async () => {
      const env = readEnv(ctx.paths.etc);
      if (!env) throw new KernelError('Comptoir is not installed: run setup:install first', 'NOT_INSTALLED');
      const discovered = discoverModules();
      const list = readModuleList(ctx.paths.etc);
      const newNames = discovered.map((m) => m.manifest.name).filter((n) => list?.modules[n] === undefined);
      const modules = resolveModules(ctx.paths, { newModulesEnabled: true });
      const database = await connect(env.db);
      try {
        const count = await new Migrator(database).migrate([frameworkModule, ...modules], ({ module, name, index, total }) =>
          ctx.progress(`${module}::${name}`, index, total),
        );
        if (newNames.length) {
          writeModuleList(ctx.paths.etc, changeModules(discovered, list, newNames.filter((n) => modules.some((m) => m.manifest.name === n)), true));
          ctx.out(`Registered new module(s): ${newNames.join(', ')}`);
        }
        const app = await boot({ root: ctx.paths.root, env, database });
        try {
          for (const mod of modules) {
            await mod.manifest.setup?.upgrade?.({ app, options: {}, progress: ctx.progress });
          }
        } finally {
          await app.close();
        }
        ctx.out(count ? `Applied ${count} migration(s).` : 'Nothing to migrate: the database is up to date.');
      } finally {
        await database.close();
      }
    });

  program
    .command('setup:db:status')
    .description('Checks whether the database schema is up to date with the enabled modules (exit code 2 when not)')
    .action(async () => {
      const env = readEnv(ctx.paths.etc);
      if (!env) throw new KernelError('Comptoir is not installed: run setup:install first', 'NOT_INSTALLED');
      const modules = resolveModules(ctx.paths);
      const database = await connect(env.db);
      try {
        const status = await new Migrator(database).status([frameworkModule, ...modules]);
        if (!status.pending.length && !status.versionChanges.length) {
          ctx.out('All modules are up to date.');
          return;
        }
        for (const p of status.pending) ctx.out(`${p.module}: migration ${p.migration.name} is pending`);
        for (const v of status.versionChanges) ctx.out(`${v.module}: version ${v.from ?? 'none'} -> ${v.to}`);
        ctx.out('Run `comptoir setup:upgrade` to update your database.');
        process.exitCode = 2;
      } finally {
        await database.close();
      }
    });
}

async function buildInstallEnv(ctx: CliContext, flags: InstallFlags): Promise<EnvConfig> {
  if (flags.dbPrefix) throw new KernelError('--db-prefix is not supported: use a dedicated database instead', 'CLI_INVALID');
  const existing = readEnvFile(ctx.paths.etc);
  let db: DbSettings;
  if (flags.dbUrl) db = parseDbUrl(flags.dbUrl, ctx.paths.root);
  else if (flags.dbHost || flags.dbName || flags.dbUser) {
    if (!flags.dbHost || !flags.dbName || !flags.dbUser) throw new KernelError('--db-host, --db-name and --db-user go together', 'CLI_INVALID');
    const [host, port] = flags.dbHost.split(':');
    db = { client: 'mysql', host, port: port ? Number(port) : 3306, database: flags.dbName, user: flags.dbUser, password: flags.dbPassword ?? '' };
  } else if (process.env.COMPTOIR_DB_URL) db = parseDbUrl(process.env.COMPTOIR_DB_URL, ctx.paths.root);
  else db = existing?.db ?? { client: 'sqlite', filename: 'var/comptoir.sqlite' };
  const keys = flags.key ? [...(existing?.crypt.keys ?? []).filter((k) => k !== flags.key), flags.key] : (existing?.crypt.keys ?? [Encryptor.generateKey()]);
  new Encryptor(keys); // validates the key format before anything is written
  const port = flags.httpPort !== undefined ? Number(flags.httpPort) : (existing?.http.port ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new KernelError(`--http-port must be a port number`, 'CLI_INVALID');
  const amqp = flags.amqpHost
    ? { url: `amqp://${encodeURIComponent(flags.amqpUser ?? 'guest')}:${encodeURIComponent(flags.amqpPassword ?? 'guest')}@${flags.amqpHost}:${flags.amqpPort ?? '5672'}/${encodeURIComponent(flags.amqpVirtualhost ?? '/')}`, exchange: 'comptoir.events' }
    : existing?.queue.amqp;
  return buildEnv({
      mode: existing?.mode ?? 'developer',
      db,
      crypt: { keys },
      http: { ...(existing?.http ?? { host: '127.0.0.1', trustedProxies: [], bodyLimit: '256kb' }), port },
      queue: amqp ? { amqp } : {},
      redis: existing?.redis,
      auth: existing?.auth ?? generateAuthKeys(),
      mail: existing?.mail,
      system: existing?.system ?? {},
  });
}

async function cleanupDatabase(db: DbSettings, ctx: CliContext): Promise<void> {
  if (db.client === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(db.filename + suffix, { force: true });
    ctx.out(`Removed ${path.relative(ctx.paths.root, db.filename) || db.filename}`);
    return;
  }
  const database = await connect(db);
  try {
    const tables = await listTables(database.knex);
    await database.knex.transaction(async (trx) => {
      await trx.raw('SET FOREIGN_KEY_CHECKS = 0');
      for (const table of tables) await trx.schema.dropTableIfExists(table);
      await trx.raw('SET FOREIGN_KEY_CHECKS = 1');
    });
    ctx.out(`Dropped ${tables.length} table(s) from ${db.database}`);
  } finally {
    await database.close();
  }
}

function describeDb(db: DbSettings): string {
  return db.client === 'sqlite' ? `SQLite ${db.filename}` : `MySQL ${db.user}@${db.host}:${db.port}/${db.database}`;
}
