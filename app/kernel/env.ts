import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { KernelError } from './errors';

/** etc/env.json — written by setup:install, like Magento's app/etc/env.php. Never committed: it holds keys and passwords. */
const dbSchema = z.discriminatedUnion('client', [
  z.object({ client: z.literal('sqlite'), filename: z.string().min(1) }),
  z.object({
    client: z.literal('mysql'),
    host: z.string().min(1),
    port: z.number().int().positive().default(3306),
    database: z.string().min(1),
    user: z.string().min(1),
    password: z.string().default(''),
    tablePrefix: z.string().optional(),
  }),
]);
export type DbSettings = z.infer<typeof dbSchema>;

const scopeValues = z.record(z.string(), z.unknown());
export const envSchema = z.object({
  mode: z.enum(['developer', 'production']).default('developer'),
  db: dbSchema,
  crypt: z.object({ keys: z.array(z.string().min(1)).min(1) }),
  http: z
    .object({
      host: z.string().default('127.0.0.1'),
      port: z.number().int().min(0).max(65535).default(8080),
      tls: z.object({ cert: z.string(), key: z.string() }).optional(),
      trustedProxies: z.array(z.string()).default([]),
      bodyLimit: z.string().default('256kb'),
    })
    .default({ host: '127.0.0.1', port: 8080, trustedProxies: [], bodyLimit: '256kb' }),
  queue: z
    .object({
      amqp: z.object({ url: z.string().min(1), exchange: z.string().default('comptoir.events') }).optional(),
      /** Days published outbox rows, completed queue messages and consumers' processed records are kept (queue:clean). */
      retentionDays: z.number().int().min(1).max(3650).optional(),
    })
    .default({}),
  redis: z.object({ url: z.string() }).optional(),
  /** API-04 limits of one GraphQL request (Magento's queryDepth / queryComplexity di.xml arguments); unset: the kernel's defaults. */
  graphql: z
    .object({
      maxDepth: z.number().int().min(2).max(100).optional(),
      maxComplexity: z.number().int().min(10).max(10_000).optional(),
      maxAliases: z.number().int().min(0).max(1_000).optional(),
      maxTokens: z.number().int().min(100).max(1_000_000).optional(),
      /** `__schema`/`__type` queries; default: developer mode only. */
      introspection: z.boolean().optional(),
    })
    .strict()
    .optional(),
  /** Signing keys for API tokens (JWT, HS256): the last one signs, all verify, so a rotation keeps issued tokens valid until they expire. */
  auth: z.object({ jwtKeys: z.array(z.object({ kid: z.string().min(1), secret: z.string().min(1) })).min(1) }).optional(),
  mail: z
    .object({
      from: z.string().default('Comptoir <no-reply@localhost>'),
      /** `file` writes var/mail/*.json (developer default); `smtp` sends. */
      transport: z.enum(['file', 'smtp']).optional(),
      smtp: z.object({ host: z.string(), port: z.number().int().default(587), secure: z.boolean().default(false), user: z.string().optional(), password: z.string().optional() }).optional(),
    })
    .default({ from: 'Comptoir <no-reply@localhost>' }),
  /** Config values that win over the database and lock the field (Magento's env.php `system`). */
  system: z
    .object({ default: scopeValues.optional(), websites: z.record(z.string(), scopeValues).optional(), stores: z.record(z.string(), scopeValues).optional() })
    .default({}),
  install: z.object({ date: z.string() }).optional(),
});
export type EnvConfig = z.infer<typeof envSchema>;
export type EnvInput = z.input<typeof envSchema>;

/** A complete env from the fields that matter, defaults filled in (installers, tests, benchmarks). */
export function buildEnv(input: EnvInput): EnvConfig {
  return envSchema.parse(input);
}

/** A fresh JWT signing key set (setup:install). */
export function generateAuthKeys(): NonNullable<EnvConfig['auth']> {
  return { jwtKeys: [{ kid: crypto.randomBytes(6).toString('hex'), secret: crypto.randomBytes(32).toString('base64') }] };
}

export function envPath(etcDir: string): string {
  return path.join(etcDir, 'env.json');
}

/** The effective env: etc/env.json with environment variables applied and paths resolved. */
export function readEnv(etcDir: string): EnvConfig | undefined {
  const file = readEnvFile(etcDir);
  return file && resolveDbPaths(applyEnvVariables(file), path.dirname(etcDir));
}

/** etc/env.json exactly as stored: use this to change and write it back, so overrides are never persisted. */
export function readEnvFile(etcDir: string): EnvConfig | undefined {
  const file = envPath(etcDir);
  if (!fs.existsSync(file)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new KernelError(`${file} is not valid JSON: ${(err as Error).message}`, 'ENV_INVALID');
  }
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    throw new KernelError(`${file} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, 'ENV_INVALID');
  }
  return parsed.data;
}

/** A relative SQLite path in env.json is relative to the project root, not to the working directory. */
export function resolveDbPaths(env: EnvConfig, root: string): EnvConfig {
  if (env.db.client !== 'sqlite' || env.db.filename === ':memory:' || path.isAbsolute(env.db.filename)) return env;
  return { ...env, db: { ...env.db, filename: path.resolve(root, env.db.filename) } };
}

export function writeEnv(etcDir: string, env: EnvConfig): void {
  fs.mkdirSync(etcDir, { recursive: true });
  const file = envPath(etcDir);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(env, null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** Process environment wins over env.json: COMPTOIR_DB_URL, COMPTOIR_MODE, PORT, COMPTOIR_AMQP_URL. */
export function applyEnvVariables(env: EnvConfig): EnvConfig {
  const out: EnvConfig = { ...env, http: { ...env.http }, queue: { ...env.queue } };
  if (process.env.COMPTOIR_DB_URL) out.db = parseDbUrl(process.env.COMPTOIR_DB_URL);
  if (process.env.COMPTOIR_HOST) out.http.host = process.env.COMPTOIR_HOST;
  if (process.env.COMPTOIR_MODE) {
    const mode = z.enum(['developer', 'production']).safeParse(process.env.COMPTOIR_MODE);
    if (!mode.success) throw new KernelError(`COMPTOIR_MODE must be developer or production, got "${process.env.COMPTOIR_MODE}"`, 'ENV_INVALID');
    out.mode = mode.data;
  }
  if (process.env.PORT) {
    const port = Number(process.env.PORT);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new KernelError(`PORT must be a port number, got "${process.env.PORT}"`, 'ENV_INVALID');
    out.http.port = port;
  }
  if (process.env.COMPTOIR_AMQP_URL) out.queue.amqp = { url: process.env.COMPTOIR_AMQP_URL, exchange: out.queue.amqp?.exchange ?? 'comptoir.events' };
  return out;
}

/** `sqlite:var/comptoir.sqlite`, `sqlite:///abs/path.sqlite` or `mysql://user:pass@host:3306/dbname` (also mariadb://). */
export function parseDbUrl(url: string, rootDir = process.cwd()): DbSettings {
  const sqlite = /^sqlite:(?:\/\/)?(.+)$/.exec(url);
  if (sqlite) return { client: 'sqlite', filename: sqlite[1] === ':memory:' ? ':memory:' : path.resolve(rootDir, sqlite[1]) };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new KernelError(`Invalid database URL "${redactUrl(url)}": expected mysql://user:password@host:3306/database or sqlite:path`, 'DB_URL_INVALID');
  }
  if (!['mysql:', 'mariadb:'].includes(parsed.protocol)) {
    throw new KernelError(`Unsupported database URL scheme "${parsed.protocol}" (use mysql://, mariadb:// or sqlite:)`, 'DB_URL_INVALID');
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!parsed.hostname || !database || !parsed.username) {
    throw new KernelError(`Invalid database URL "${redactUrl(url)}": it needs a user, a host and a database name`, 'DB_URL_INVALID');
  }
  return {
    client: 'mysql',
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    database,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
  };
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
