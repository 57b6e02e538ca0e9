import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createKnex, Database } from '../database';

/**
 * Another process (a second server worker, the CLI, a queue consumer) holds SQLite's write lock while a transaction here reads
 * and then writes. With knex's deferred BEGIN the write would fail with "database is locked" (the read's snapshot is stale
 * once the other writer commits); with BEGIN IMMEDIATE the transaction waits for the lock, then reads the committed value.
 */
describe('SQLite transactions across processes', () => {
  let dir: string;
  let db: Database;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqlite-mp-'));
    const settings = { client: 'sqlite' as const, filename: path.join(dir, 'shared.sqlite') };
    db = new Database(createKnex(settings), settings);
    await db.knex.schema.createTable('counter', (t) => t.integer('n').notNullable());
    await db.knex('counter').insert({ n: 0 });
  });

  afterEach(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('waits for another process holding the write lock instead of failing, and sees its commit (read-modify-write stays whole)', async () => {
    const script = `
      const Sqlite = require('better-sqlite3');
      const db = new Sqlite(process.argv[1]);
      db.pragma('busy_timeout = 5000');
      db.exec('BEGIN IMMEDIATE');
      db.prepare('UPDATE counter SET n = n + 1').run();
      process.stdout.write('locked\\n');
      const end = Date.now() + 400;
      while (Date.now() < end);
      db.exec('COMMIT');
      db.close();`;
    const child = spawn(process.execPath, ['-e', script, path.join(dir, 'shared.sqlite')], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve) => child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve()));

    await db.transaction(async (trx) => {
      const row = (await trx('counter').first('n')) as { n: number };
      await trx('counter').update({ n: Number(row.n) + 10 });
    });

    expect(await exited).toBe(0);
    expect(Number(((await db.knex('counter').first('n')) as { n: number }).n)).toBe(11);
  });
});
