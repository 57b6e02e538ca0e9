import type { Knex } from 'knex';
import type { LoadedModule, Migration } from '../module/manifest';
import { KernelError } from '../kernel/errors';
import type { Database } from './database';

export const MIGRATION_TABLE = 'setup_migration';
export const MODULE_TABLE = 'setup_module';

export interface PendingMigration {
  module: string;
  migration: Migration;
}

export interface MigrationStatus {
  pending: PendingMigration[];
  /** Modules whose recorded version differs from their manifest. */
  versionChanges: Array<{ module: string; from: string | null; to: string }>;
}

export type MigrationProgress = (event: { module: string; name: string; index: number; total: number }) => void;

/** Runs each module's migrations in load order, each one atomically, and records module versions (Magento's setup_module). */
export class Migrator {
  constructor(private readonly db: Database) {}

  async ensureTables(): Promise<void> {
    const knex = this.db.knex;
    if (!(await knex.schema.hasTable(MIGRATION_TABLE))) {
      await knex.schema.createTable(MIGRATION_TABLE, (t) => {
        t.string('module', 128).notNullable();
        t.string('name', 191).notNullable();
        t.timestamp('applied_at').notNullable().defaultTo(knex.fn.now());
        t.primary(['module', 'name']);
      });
    }
    if (!(await knex.schema.hasTable(MODULE_TABLE))) {
      await knex.schema.createTable(MODULE_TABLE, (t) => {
        t.string('module', 128).primary();
        t.string('version', 32).notNullable();
      });
    }
  }

  async status(modules: LoadedModule[]): Promise<MigrationStatus> {
    const knex = this.db.knex;
    const hasTables = (await knex.schema.hasTable(MIGRATION_TABLE)) && (await knex.schema.hasTable(MODULE_TABLE));
    const applied = new Set<string>();
    const versions = new Map<string, string>();
    if (hasTables) {
      for (const row of await knex(MIGRATION_TABLE).select('module', 'name')) applied.add(`${row.module}::${row.name}`);
      for (const row of await knex(MODULE_TABLE).select('module', 'version')) versions.set(row.module, row.version);
    }
    const pending: PendingMigration[] = [];
    const versionChanges: MigrationStatus['versionChanges'] = [];
    for (const mod of modules) {
      const name = mod.manifest.name;
      const migrations = [...(mod.manifest.migrations ?? [])].sort((a, b) => a.name.localeCompare(b.name));
      assertUniqueNames(name, migrations);
      for (const migration of migrations) {
        if (!applied.has(`${name}::${migration.name}`)) pending.push({ module: name, migration });
      }
      if (versions.get(name) !== mod.manifest.version) versionChanges.push({ module: name, from: versions.get(name) ?? null, to: mod.manifest.version });
    }
    return { pending, versionChanges };
  }

  async migrate(modules: LoadedModule[], progress?: MigrationProgress): Promise<number> {
    await this.ensureTables();
    const { pending, versionChanges } = await this.status(modules);
    let index = 0;
    for (const { module, migration } of pending) {
      progress?.({ module, name: migration.name, index: ++index, total: pending.length });
      await this.runOne(module, migration);
    }
    for (const change of versionChanges) {
      await this.db.knex.transaction(async (trx) => {
        await trx(MODULE_TABLE).where({ module: change.module }).delete();
        await trx(MODULE_TABLE).insert({ module: change.module, version: change.to });
      });
    }
    return pending.length;
  }

  /**
   * SQLite runs DDL inside the transaction, so a failure rolls everything back. MySQL/MariaDB commit DDL implicitly:
   * there a failed migration is compensated by its `down`, or by dropping the tables it had created.
   */
  private async runOne(module: string, migration: Migration): Promise<void> {
    const knex = this.db.knex;
    const before = this.db.client === 'mysql' ? await listTables(knex) : [];
    try {
      await knex.transaction(async (trx) => {
        await migration.up(trx);
        await trx(MIGRATION_TABLE).insert({ module, name: migration.name });
      });
    } catch (err) {
      if (this.db.client === 'mysql') await this.compensate(migration, before);
      throw new KernelError(`Migration ${module}::${migration.name} failed and was rolled back: ${(err as Error).message}`, 'MIGRATION_FAILED');
    }
  }

  private async compensate(migration: Migration, before: string[]): Promise<void> {
    const knex = this.db.knex;
    if (migration.down) {
      try {
        await migration.down(knex);
        return;
      } catch {
        // fall through to dropping what the migration created
      }
    }
    const created = (await listTables(knex)).filter((t) => !before.includes(t));
    await knex.raw('SET FOREIGN_KEY_CHECKS = 0');
    for (const table of created) await knex.schema.dropTableIfExists(table);
    await knex.raw('SET FOREIGN_KEY_CHECKS = 1');
  }
}

function assertUniqueNames(module: string, migrations: Migration[]): void {
  const seen = new Set<string>();
  for (const m of migrations) {
    if (seen.has(m.name)) throw new KernelError(`Module ${module} declares migration ${m.name} twice`, 'MIGRATION_INVALID');
    seen.add(m.name);
  }
}

export async function listTables(knex: Knex): Promise<string[]> {
  const client = knex.client.config.client;
  if (client === 'better-sqlite3' || client === 'sqlite3') {
    const rows = await knex.raw(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`);
    return (rows as Array<{ name: string }>).map((r) => r.name);
  }
  const [rows] = await knex.raw('select table_name as name from information_schema.tables where table_schema = database()');
  return (rows as Array<{ name: string }>).map((r) => r.name);
}
