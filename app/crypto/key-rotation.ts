import type { Knex } from 'knex';
import type { ServiceLocator } from '../di/service-locator';
import { readEnvFile, writeEnv } from '../kernel/env';
import { KernelError } from '../kernel/errors';
import { Kernel } from '../kernel/tokens';
import { CONFIG_TABLE } from '../config/config-service';
import { MailHoldTable } from '../mail/mail-hold';
import { Encryptor } from './encryptor';

/** One encrypted column: each row's value is re-encrypted under the newest key, with the same associated data. */
export interface EncryptedColumn {
  table: string;
  /** A unique column to address rows by (the primary key). */
  key: string;
  column: string;
  /** The associated data the value was encrypted with, from its row (which holds `key`, `column` and `aadColumns`). */
  aad: (row: Record<string, unknown>) => string | undefined;
  /** Other columns `aad` needs. */
  aadColumns?: string[];
  /** Only these rows (e.g. the sensitive paths of core_config_data). */
  where?: (query: Knex.QueryBuilder) => void;
}

/** Dispatched (sync) before re-encrypting: each module pushes the encrypted columns it owns. */
export interface EncryptionKeyRotateEvent {
  targets: EncryptedColumn[];
}

declare module '../event/event-map' {
  interface EventMap {
    encryption_key_rotate: EncryptionKeyRotateEvent;
  }
}

export interface KeyRotationResult {
  version: number;
  /** Values re-encrypted per `table.column`. */
  reencrypted: Record<string, number>;
}

export interface KeyRotationOptions {
  /** A base64 key of 32 bytes; generated when absent. */
  key?: string;
  progress?: (label: string, done: number, total: number) => void;
}

const BATCH = 200;

/**
 * Magento's `encryption:key:change`: appends a new key to etc/env.json `crypt.keys` (older keys stay, so anything not yet
 * re-encrypted still decrypts, in this process and in every other one, which reloads the list when it meets the new version),
 * then re-encrypts every registered encrypted column under it: sensitive configuration values, held mail, and whatever the
 * modules list on `encryption_key_rotate`. Each value is replaced only if unchanged since it was read, so a concurrent write wins.
 * Blind indexes and token fingerprints (Encryptor.hmac) are keyed by the first key and stay valid.
 */
export async function rotateEncryptionKey(app: ServiceLocator, options: KeyRotationOptions = {}): Promise<KeyRotationResult> {
  const encryptor = app.get(Kernel.Encryptor);
  const paths = app.get(Kernel.Paths);
  const file = readEnvFile(paths.etc);
  if (!file) throw new KernelError(`No etc/env.json in ${paths.root}: the new key would be lost`, 'CRYPT_NO_ENV');
  const key = options.key ?? Encryptor.generateKey();
  const keys = [...file.crypt.keys, key];
  new Encryptor(keys); // validates the new key before anything is written
  if (file.crypt.keys.includes(key)) throw new KernelError('This key is already configured', 'CRYPT_BAD_KEY');
  // Disk first: a process that reads a value encrypted under the new key must be able to find the key.
  writeEnv(paths.etc, { ...file, crypt: { keys } });
  encryptor.refreshKeys() || encryptor.adoptKeys(keys);
  app.get(Kernel.Env).crypt.keys = keys;

  const targets = await rotationTargets(app);
  const reencrypted: Record<string, number> = {};
  for (const target of targets) {
    reencrypted[`${target.table}.${target.column}`] = await reencryptColumn(app, encryptor, target, options.progress);
  }
  return { version: encryptor.currentVersion, reencrypted };
}

/** The kernel's own encrypted columns, then the modules'. */
export async function rotationTargets(app: ServiceLocator): Promise<EncryptedColumn[]> {
  const sensitive = app.get(Kernel.Modules).flatMap((m) => Object.entries(m.manifest.config ?? {}).filter(([, field]) => field.sensitive).map(([path]) => path));
  const targets: EncryptedColumn[] = [
    { table: MailHoldTable.held, key: 'id', column: 'sealed', aad: () => 'mail' },
  ];
  if (sensitive.length) {
    targets.unshift({ table: CONFIG_TABLE, key: 'config_id', column: 'value', aadColumns: ['path'], aad: (row) => String(row.path), where: (q) => void q.whereIn('path', sensitive) });
  }
  const event: EncryptionKeyRotateEvent = { targets: [] };
  await app.get(Kernel.EventBus).dispatch('encryption_key_rotate', event);
  return [...targets, ...event.targets];
}

async function reencryptColumn(app: ServiceLocator, encryptor: Encryptor, target: EncryptedColumn, progress?: KeyRotationOptions['progress']): Promise<number> {
  const knex = app.get(Kernel.Database).conn();
  const label = `Re-encrypting ${target.table}.${target.column}`;
  const base = () => {
    const q = knex(target.table).whereNotNull(target.column);
    target.where?.(q);
    return q;
  };
  const totalRow = (await base().count({ n: '*' }).first()) as { n: number | string } | undefined;
  const total = Number(totalRow?.n ?? 0);
  let done = 0;
  let changed = 0;
  let after: unknown = undefined;
  progress?.(label, 0, total);
  for (;;) {
    const q = base().select([target.key, target.column, ...(target.aadColumns ?? [])]).orderBy(target.key, 'asc').limit(BATCH);
    if (after !== undefined) q.where(target.key, '>', after as Knex.Value);
    const rows = (await q) as Array<Record<string, unknown>>;
    if (!rows.length) break;
    for (const row of rows) {
      const stored = String(row[target.column]);
      if (encryptor.isEncrypted(stored) && encryptor.needsReencrypt(stored)) {
        const aad = target.aad(row);
        const fresh = encryptor.encrypt(encryptor.decrypt(stored, aad), aad);
        changed += await knex(target.table).where(target.key, row[target.key] as Knex.Value).andWhere(target.column, stored).update({ [target.column]: fresh });
      }
      after = row[target.key];
    }
    done += rows.length;
    progress?.(label, Math.min(done, total), total);
  }
  return changed;
}
