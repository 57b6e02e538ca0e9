import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { SqliteConnectionPool } from '../sqlite-pool';
import { createKnex, Database } from '../database';

class FakeConnection {
  open = true;
  constructor(readonly n: number) {}
  close(): void {
    this.open = false;
  }
}

describe('SqliteConnectionPool (the process one SQLite connection, one holder at a time)', () => {
  let opened: FakeConnection[];
  const pool = (timeout?: number) => new SqliteConnectionPool(() => {
    const conn = new FakeConnection(opened.length + 1);
    opened.push(conn);
    return conn;
  }, timeout);
  beforeEach(() => {
    opened = [];
  });

  it('hands a free connection out at once, and to waiting callers in the order they asked', async () => {
    const p = pool();
    expect(p.numFree()).toBe(0);
    const first = p.tryAcquire()!;
    expect(first.n).toBe(1);
    expect([p.numUsed(), p.numFree()]).toEqual([1, 0]);
    expect(p.tryAcquire()).toBeUndefined();
    const order: string[] = [];
    const a = p.acquire().promise.then((c) => {
      order.push('a');
      return c;
    });
    const b = p.acquire().promise.then((c) => {
      order.push('b');
      return c;
    });
    expect(p.numPendingAcquires()).toBe(2);
    expect(p.release(first)).toBe(true);
    const gotA = await a;
    // Nobody jumps the queue: while b waits, the connection is not free for tryAcquire.
    expect(p.tryAcquire()).toBeUndefined();
    p.release(gotA);
    const gotB = await b;
    expect(order).toEqual(['a', 'b']);
    expect(gotB).toBe(first);
    p.release(gotB);
    expect([p.numUsed(), p.numFree(), p.numPendingAcquires()]).toEqual([0, 1, 0]);
    expect(p.release(gotB)).toBe(false);
    expect(opened).toHaveLength(1);
  });

  it('opens the connection again when it was found closed', () => {
    const p = pool();
    const first = p.tryAcquire()!;
    p.release(first);
    first.close();
    const second = p.tryAcquire()!;
    expect(second.n).toBe(2);
    expect(p.release(first)).toBe(false);
    expect(p.release(second)).toBe(true);
  });

  it('gives up waiting after the timeout with a clear error, and the queue moves on', async () => {
    const p = pool(20);
    const held = p.tryAcquire()!;
    await expect(p.acquire().promise).rejects.toMatchObject({ code: 'DB_ACQUIRE_TIMEOUT' });
    expect(p.numPendingAcquires()).toBe(0);
    p.release(held);
    expect(p.tryAcquire()).toBe(held);
  });

  it('on destroy refuses waiting callers, waits for the holder, then closes the connection', async () => {
    const p = pool();
    const held = p.tryAcquire()!;
    const waiting = p.acquire().promise;
    let destroyed = false;
    const destroying = p.destroy().then(() => (destroyed = true));
    await expect(waiting).rejects.toMatchObject({ code: 'DB_POOL_CLOSED' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(destroyed).toBe(false);
    expect(held.open).toBe(true);
    p.release(held);
    await destroying;
    expect(held.open).toBe(false);
    await expect(p.acquire().promise).rejects.toMatchObject({ code: 'DB_POOL_CLOSED' });
    expect(p.tryAcquire()).toBeUndefined();
  });

  it('serves knex and transactions: a query waits for the transaction that holds the connection, then runs', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-pool-'));
    const settings = { client: 'sqlite' as const, filename: path.join(dir, 'pool.sqlite') };
    const db = new Database(createKnex(settings), settings);
    try {
      await db.knex.schema.createTable('t', (t) => t.integer('n'));
      const order: string[] = [];
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const trx = db.transaction(async (k) => {
        await k('t').insert({ n: 1 });
        order.push('trx insert');
        await gate;
        order.push('trx commit');
      });
      await new Promise((resolve) => setTimeout(resolve, 5));
      // Outside the transaction: waits for the connection, so it sees the committed row, never the transaction's own.
      const outside = db.knex('t').count({ c: '*' }).first().then((r) => {
        order.push('outside read');
        return Number((r as { c: number }).c);
      });
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(order).toEqual(['trx insert']);
      release();
      await trx;
      expect(await outside).toBe(1);
      expect(order).toEqual(['trx insert', 'trx commit', 'outside read']);
    } finally {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
