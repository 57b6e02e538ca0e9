import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect, type Database } from '../database';
import { Migrator, listTables } from '../migrator';
import { discoverModules } from '../../module/discovery';
import { sortModules } from '../../module/module-list';
import { frameworkModule } from '../../kernel/framework-module';
import { createTestDatabase } from '../../testing/test-database';
import { install } from '../../setup/installer';
import { Encryptor } from '../../crypto/encryptor';
import { buildEnv, envPath } from '../../kernel/env';

const moduleDirs = [path.join(__dirname, 'fixtures')];
const modules = sortModules(discoverModules({ moduleDirs, packagesRoot: false }));
const good = modules.filter((m) => m.manifest.name === 'Fixture_Good');

describe('per-module migrations', () => {
  let dir: string;
  let drop: () => Promise<void>;
  let db: Database;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-migrate-'));
    const created = await createTestDatabase(dir);
    drop = created.drop;
    db = await connect(created.settings);
  });
  afterEach(async () => {
    await db.close();
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('applies pending migrations once, in module order, and records module versions', async () => {
    const migrator = new Migrator(db);
    expect((await migrator.status([frameworkModule, ...good])).pending.map((p) => `${p.module}::${p.migration.name}`)).toEqual([
      'Comptoir_Framework::0001_core_config_data',
      'Comptoir_Framework::0002_event_outbox',
      ...(await migrator.status([frameworkModule])).pending.slice(2).map((p) => `${p.module}::${p.migration.name}`),
      'Fixture_Good::0001_create_thing',
    ]);
    const applied = await migrator.migrate([frameworkModule, ...good]);
    expect(applied).toBeGreaterThanOrEqual(3);
    expect(await migrator.migrate([frameworkModule, ...good])).toBe(0);
    const status = await migrator.status([frameworkModule, ...good]);
    expect(status).toEqual({ pending: [], versionChanges: [] });
    expect(await db.knex('setup_module').where({ module: 'Fixture_Good' }).first()).toEqual({ module: 'Fixture_Good', version: '1.0.0' });
  });

  it('rolls a migration failing halfway back completely and names it', async () => {
    const migrator = new Migrator(db);
    await expect(migrator.migrate([frameworkModule, ...modules])).rejects.toThrow(
      'Migration Fixture_Broken::0001_half_done failed and was rolled back: disk full (simulated)',
    );
    const tables = await listTables(db.knex);
    expect(tables).toContain('fixture_thing');
    expect(tables).not.toContain('fixture_half');
    const status = await migrator.status([frameworkModule, ...modules]);
    expect(status.pending.map((p) => p.migration.name)).toEqual(['0001_half_done']);
    if (db.client === 'sqlite') expect(await db.knex('fixture_thing').count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('writes no etc/env.json when installation fails', async () => {
    const root = path.join(dir, 'project');
    const env = buildEnv({ db: db.settings, crypt: { keys: [Encryptor.generateKey()] } });
    await expect(install({ root, env, moduleDirs, packagesRoot: false, modules: ['Fixture_Good', 'Fixture_Broken'] })).rejects.toThrow(/Fixture_Broken::0001_half_done failed/);
    expect(fs.existsSync(envPath(path.join(root, 'etc')))).toBe(false);
  });

  it('refuses a bad database before writing anything', async () => {
    const root = path.join(dir, 'project');
    const env = buildEnv({
      db: { client: 'mysql', host: '127.0.0.1', port: 3306, database: 'comptoir_nope', user: 'nobody', password: 'wrong' },
      crypt: { keys: [Encryptor.generateKey()] },
    });
    await expect(install({ root, env, moduleDirs, packagesRoot: false, modules: ['Fixture_Good'] })).rejects.toThrow(/Cannot connect to the mysql database nobody@127.0.0.1:3306\/comptoir_nope/);
    expect(fs.existsSync(path.join(root, 'etc'))).toBe(false);
  });
});
