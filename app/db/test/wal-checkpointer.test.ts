import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createKnex, Database } from '../database';

describe('WAL checkpoints on a worker thread (Database.checkpointInBackground)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-wal-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const open = () => {
    const settings = { client: 'sqlite' as const, filename: path.join(dir, 'wal.sqlite') };
    return new Database(createKnex(settings), settings);
  };
  const pragma = async (db: Database, sql: string) => ((await db.knex.raw(`PRAGMA ${sql}`)) as Array<Record<string, number>>)[0];
  /** 3,000 rows of 1 kB in separate commits: about 1,000 pages of WAL. */
  const write = async (db: Database) => {
    await db.knex.schema.createTable('t', (t) => t.text('v'));
    const value = 'x'.repeat(1000);
    for (let i = 0; i < 3000; i++) await db.execute('INSERT INTO t (v) VALUES (?)', [value]);
  };
  const waitFor = async (condition: () => boolean | Promise<boolean>) => {
    for (const deadline = Date.now() + 10_000; !(await condition()); ) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  it('copies committed pages into the database file off the event loop; the connection checkpoints only past its higher bound', async () => {
    const db = open();
    try {
      await db.checkpointInBackground({ intervalMs: 20 });
      expect(await pragma(db, 'wal_autocheckpoint')).toEqual({ wal_autocheckpoint: 10_000 });
      await write(db);
      // The worker moved the rows into the database file (3 MB); the connection itself never reached its bound of 10,000 pages.
      await waitFor(() => fs.statSync(path.join(dir, 'wal.sqlite')).size > 3_000_000);
      expect(await db.select('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 3000 }]);
    } finally {
      await db.close();
    }
    // Stopped with the database: the file opens again and holds everything.
    const again = open();
    try {
      expect(await again.select('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 3000 }]);
    } finally {
      await again.close();
    }
  });

  it('does nothing for an in-memory database, and starts once', async () => {
    const settings = { client: 'sqlite' as const, filename: ':memory:' };
    const memory = new Database(createKnex(settings), settings);
    await memory.checkpointInBackground();
    expect(await pragma(memory, 'wal_autocheckpoint')).toEqual({ wal_autocheckpoint: 1000 });
    await memory.close();
    const db = open();
    await db.checkpointInBackground();
    await db.checkpointInBackground();
    await db.close();
  });
});
