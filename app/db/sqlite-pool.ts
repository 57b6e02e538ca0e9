import { KernelError } from '../kernel/errors';

/** What the pool needs of a connection (better-sqlite3's Database). */
export interface PooledSqliteConnection {
  readonly open: boolean;
  close(): unknown;
}

interface Waiter<C> {
  resolve(conn: C): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * The one SQLite connection of a process, handed to one holder at a time, in the order they asked: what knex's tarn pool did
 * with `min: 1, max: 1`, without its bookkeeping. A tarn acquire made about 23 promises and a timer even when the connection
 * was free (its pending operation, knex's validation, the release), and a checkout takes the connection nine times for its
 * transactions: a sixth of the promises a checkout made. Here a free connection is taken synchronously (tryAcquire) or through
 * one resolved promise (acquire, knex's interface); only a caller that has to wait gets a promise of its own and a timer.
 *
 * knex uses it through `connectionPool` (tarn's duck type: acquire().promise, release, destroy and the counts). The connection
 * is opened on first use, synchronously (better-sqlite3 is synchronous), and again if it was found closed.
 */
export class SqliteConnectionPool<C extends PooledSqliteConnection> {
  private conn: C | undefined;
  private held = false;
  private destroyed = false;
  private readonly waiters: Array<Waiter<C>> = [];
  /** destroy() waiting for the holder to give the connection back. */
  private onRelease: (() => void) | undefined;

  constructor(
    private readonly open: () => C,
    /** How long a caller waits for the connection before giving up (knex's acquireConnectionTimeout default). */
    private readonly acquireTimeoutMs = 60_000,
  ) {}

  /** The connection, now, when nobody holds it or waits for it; undefined otherwise (then acquire() and wait your turn). */
  tryAcquire(): C | undefined {
    if (this.destroyed || this.held || this.waiters.length) return undefined;
    const conn = this.connection();
    this.held = true;
    return conn;
  }

  /** tarn's interface: the connection once it is this caller's turn. */
  acquire(): { promise: Promise<C> } {
    let now: C | undefined;
    try {
      if (this.destroyed) throw new KernelError('The database connection pool is closed', 'DB_POOL_CLOSED');
      now = this.tryAcquire();
    } catch (err) {
      return { promise: Promise.reject(err as Error) };
    }
    if (now) return { promise: Promise.resolve(now) };
    const promise = new Promise<C>((resolve, reject) => {
      const waiter: Waiter<C> = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          reject(new KernelError(`Timed out after ${this.acquireTimeoutMs} ms waiting for the database connection: a transaction holds it`, 'DB_ACQUIRE_TIMEOUT'));
        }, this.acquireTimeoutMs),
      };
      this.waiters.push(waiter);
    });
    return { promise };
  }

  /** Gives the connection back: to the next caller waiting for it, if any. False when `conn` is not the one held. */
  release(conn: C): boolean {
    if (!this.held || conn !== this.conn) return false;
    this.held = false;
    if (this.onRelease) {
      this.onRelease();
      return true;
    }
    while (this.waiters.length) {
      const next = this.waiters.shift()!;
      clearTimeout(next.timer);
      try {
        next.resolve(this.connection());
        this.held = true;
        return true;
      } catch (err) {
        next.reject(err as Error);
      }
    }
    return true;
  }

  numUsed(): number {
    return this.held ? 1 : 0;
  }

  numFree(): number {
    return !this.held && this.conn?.open ? 1 : 0;
  }

  numPendingAcquires(): number {
    return this.waiters.length;
  }

  numPendingCreates(): number {
    return 0;
  }

  /** Closes the connection once its holder (if any) gave it back, as tarn does; callers still waiting are refused. */
  async destroy(): Promise<void> {
    this.destroyed = true;
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(new KernelError('The database connection pool is closed', 'DB_POOL_CLOSED'));
    }
    if (this.held) await new Promise<void>((resolve) => (this.onRelease = resolve));
    this.onRelease = undefined;
    if (this.conn?.open) this.conn.close();
    this.conn = undefined;
  }

  private connection(): C {
    if (!this.conn?.open) this.conn = this.open();
    return this.conn;
  }
}
