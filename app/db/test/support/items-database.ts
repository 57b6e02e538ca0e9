import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase } from '../../../testing/test-database';
import { connect, type Database } from '../../database';

/**
 * A fresh database per test (SQLite in a temporary folder, or the COMPTOIR_TEST_DB MySQL/MariaDB database) holding one table,
 * `items` (id, name, flag, at), with rows named by `names`. Registers the jest hooks; answers a getter for the connection.
 */
export function useItemsDatabase(names: string[]): () => Database {
  let dir: string;
  let db: Database;
  let drop: () => Promise<void>;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-db-'));
    const created = await createTestDatabase(dir);
    drop = created.drop;
    db = await connect(created.settings);
    await db.knex.schema.createTable('items', (t) => {
      t.increments('id');
      t.string('name').notNullable();
      t.integer('flag').notNullable().defaultTo(0);
      t.bigInteger('at').nullable();
    });
    await db.knex('items').insert(names.map((name) => ({ name })));
  });

  afterEach(async () => {
    await db.close();
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  return () => db;
}
