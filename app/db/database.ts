import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import type { DbSettings } from '../kernel/env';
import { KernelError } from '../kernel/errors';
import { AmbientSlot } from '../kernel/ambient-slot';
import { BoundedCache } from '../kernel/bounded-cache';
import { fsCall } from '../kernel/fs-call';
import { placeholders } from './sql-text';
import { SqliteConnectionPool } from './sqlite-pool';
import { startWalCheckpointer, type WalCheckpointer, type WalCheckpointerOptions } from './wal-checkpointer';

/** The connection's own automatic checkpoint while a worker checkpoints (checkpointInBackground): a bound, 40 MB of WAL. */
const BACKGROUND_AUTOCHECKPOINT_PAGES = 10_000;

/** How much of a SQLite database file is read through a memory map (PRAGMA mmap_size). */
const SQLITE_MMAP_BYTES = 256 * 1024 * 1024;

interface UnitOfWork {
  trx: Knex.Transaction;
  afterCommit: Array<() => void | Promise<void>>;
  /** What this transaction declared it changes (markChanged): caches must not serve it their shared copy of those. */
  changed: Set<unknown>;
  /** SQLite: set once the transaction committed or rolled back, so statements that still come in its name are refused. */
  done: boolean;
  /** SQLite: the connection the transaction holds (see sqliteTransaction). */
  conn?: SqliteConnection;
  /** One object per outermost transaction, shared by its savepoints (see transactionScope). */
  scope: object;
  /** SQLite: a nested transaction asked for a durable commit the outermost one was not opened with (see transaction). */
  durableRequested?: boolean;
  /** SQLite: savepoints opened so far in this transaction (names them, see savepoint). */
  savepoints?: number;
}

export interface TransactionOptions {
  /**
   * The commit must survive a power loss or an OS crash, not only a crash of this process: for the transactions that record
   * money (an order and its payment's authorization, an invoice's capture, a refund). On SQLite, whose connection runs with
   * `synchronous = NORMAL` (WAL: a commit is safe from a process crash, and the database never corrupts, but the last commits
   * may roll back on a power loss), `transaction()` resolves only once the WAL file, which holds the commit, has been synced to
   * disk (fdatasync). The sync runs on libuv's thread pool, after the connection was released: `synchronous = FULL` would
   * sync inside COMMIT, on the event loop, where the 0.2-0.5 ms of every order's fsync stopped every other request. A
   * checkpoint that copied the commit into the database file first has synced both files already. Nested in a transaction
   * opened without it, the sync follows the outermost commit. MySQL/MariaDB: the server's setting
   * (innodb_flush_log_at_trx_commit, 1 by default: every commit is flushed) decides.
   */
  durable?: boolean;
}

/**
 * The knex connection plus an ambient unit of work: inside `transaction()`, every repository that asks for `conn()` gets the
 * same transaction, so observers and plugins run in the dispatcher's transaction without passing it around.
 */
export class Database {
  /** The current unit of work of this database (a slot of the process's one AsyncLocalStorage: see AmbientSlot). */
  private readonly storage = new AmbientSlot<UnitOfWork>();

  constructor(
    readonly knex: Knex,
    readonly settings: DbSettings,
  ) {}

  get client(): 'sqlite' | 'mysql' {
    return this.settings.client;
  }

  /** The current transaction if one is open, else the pool. */
  conn(): Knex {
    return this.storage.get()?.trx ?? this.knex;
  }

  inTransaction(): boolean {
    return this.storage.get() !== undefined;
  }

  /**
   * An object that stands for the current outermost transaction (the same inside its savepoints, a new one for the next
   * transaction), for memos that live as long as a transaction; undefined outside one. Not the `trx` knex: on SQLite every
   * transaction of a connection shares one bound knex (see sqliteTransaction).
   */
  transactionScope(): object | undefined {
    return this.storage.get()?.scope;
  }

  /** Runs `work` in a transaction; nested calls become savepoints. After-commit callbacks run once the outermost commit is done. */
  async transaction<T>(work: (trx: Knex.Transaction) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const outer = this.storage.get();
    if (outer) {
      if (options.durable) outer.durableRequested = true;
      if (outer.conn?.open && !outer.done) return this.savepoint(outer.conn, outer, work);
      return outer.trx.transaction((trx) => this.storage.run({ ...outer, trx, done: false }, () => work(trx)));
    }
    const afterCommit: UnitOfWork['afterCommit'] = [];
    let result: T;
    if (this.settings.client === 'sqlite') {
      const { result: answer, durable } = await this.sqliteTransaction(afterCommit, work);
      if (options.durable || durable) await this.syncWal();
      result = answer;
    } else {
      result = await this.knex.transaction((trx) => this.storage.run({ trx, afterCommit, changed: new Set(), done: false, scope: {} }, () => work(trx)));
    }
    for (const callback of afterCommit) {
      try {
        await callback();
      } catch {
        // After-commit work (outbox relay kicks) is best effort: a poller picks up whatever it missed.
      }
    }
    return result;
  }

  /**
   * A transaction on SQLite, run on the connection itself: the pool's one connection is taken for the whole transaction (so
   * no other request's statement runs inside it, they wait for the pool as they would behind a knex transaction), BEGIN
   * IMMEDIATE / COMMIT / ROLLBACK run straight on it, and `trx` is a knex bound to that connection (built once per connection)
   * for the repositories that build their statements with knex. knex's own transaction object cost about 110 µs per
   * transaction on top of the statements (a new client and knex instance each time); a checkout makes eight. The bound knex
   * refuses statements made after their transaction ended (work left running, a `trx` kept), as knex refuses them on a
   * completed transaction. The one difference: since every transaction of the connection shares the bound knex, a `trx`
   * kept from an earlier transaction and used inside a later one joins the later one (knex would refuse it).
   */
  private async sqliteTransaction<T>(afterCommit: UnitOfWork['afterCommit'], work: (trx: Knex.Transaction) => Promise<T>): Promise<{ result: T; durable: boolean }> {
    const client = this.knex.client as unknown as PoolClient;
    const pool = sqlitePools.get(this.knex);
    // The connection at once when it is free (no promise, no timer), else in turn through knex.
    const conn = (pool?.tryAcquire() ?? (await client.acquireConnection())) as PooledConnection;
    const uow: UnitOfWork = { trx: undefined as unknown as Knex.Transaction, afterCommit, changed: new Set(), done: false, conn, scope: {} };
    try {
      uow.trx = this.boundKnex(conn);
      this.runDirect(conn, 'BEGIN IMMEDIATE;');
      let result: T;
      try {
        result = await this.storage.run(uow, () => work(uow.trx));
        this.runDirect(conn, 'COMMIT;');
      } catch (err) {
        if (conn.open && conn.inTransaction) this.runDirect(conn, 'ROLLBACK;');
        throw err;
      }
      return { result, durable: uow.durableRequested === true };
    } finally {
      uow.done = true;
      if (pool) pool.release(conn);
      else await client.releaseConnection(conn);
    }
  }

  /**
   * Syncs SQLite's WAL file to disk off the event loop (see TransactionOptions.durable), through a descriptor kept open
   * between syncs (opening and closing one per order cost more than the sync's own dispatch). SQLite deletes the WAL only
   * when the last connection to the database closes, so while the connection the descriptor was opened for stays open, the
   * file is the same one; when the pool holds a new connection, the descriptor is opened again. No WAL file: nothing waits
   * in one (a checkpoint moved it into the database file, which it synced).
   */
  private async syncWal(): Promise<void> {
    if (this.settings.client !== 'sqlite' || this.settings.filename === ':memory:') return;
    const conn = sqliteConnections.get(this.knex);
    if (!this.wal || this.wal.conn !== conn) {
      void this.closeWal();
      const file = `${this.settings.filename}-wal`;
      this.wal = { conn, fd: fsCall<number>((done) => fs.open(file, 'r', done)), syncing: 0, closing: false };
    }
    const wal = this.wal;
    wal.syncing++;
    try {
      let fd: number;
      try {
        fd = await wal.fd;
      } catch (err) {
        if (this.wal === wal) this.wal = undefined;
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw err;
      }
      await fsCall<void>((done) => fs.fdatasync(fd, done));
    } finally {
      wal.syncing--;
      if (wal.closing && wal.syncing === 0) void closeWalDescriptor(wal);
    }
  }

  /** Lets go of the WAL descriptor kept by syncWal: closed now, or by the last sync still using it. */
  private closeWal(): Promise<void> {
    const wal = this.wal;
    this.wal = undefined;
    if (!wal) return Promise.resolve();
    wal.closing = true;
    return wal.syncing === 0 ? closeWalDescriptor(wal) : Promise.resolve();
  }

  /** The WAL file's descriptor kept by syncWal, the connection it was opened for, and the syncs using it. */
  private wal?: WalDescriptor;

  /** The knex that runs on `conn` inside this database's transactions (see sqliteTransaction), one per connection. */
  private boundKnex(conn: SqliteConnection): Knex.Transaction {
    let bound = boundKnexes.get(conn);
    if (!bound) {
      bound = makeBoundKnex(this.knex, conn, () => {
        const uow = this.storage.get();
        return uow !== undefined && !uow.done && uow.conn === conn;
      });
      // `trx.transaction(work)` nests as knex's would: a savepoint of the current transaction.
      const nest = (work?: unknown) => {
        if (typeof work !== 'function') throw new KernelError('trx.transaction() needs a callback here; use db.transaction(work)', 'DB_TRANSACTION_CALLBACK');
        return this.transaction(work as (trx: Knex.Transaction) => Promise<unknown>);
      };
      Object.defineProperty(bound, 'transaction', { value: nest, configurable: true, writable: true });
      boundKnexes.set(conn, bound);
    }
    return bound;
  }

  /**
   * Declares that the current transaction changes what `key` stands for (a table, a cache): from now on, until it ends,
   * changedInTransaction(key) is true, so read-mostly caches read that data through the transaction instead of serving their
   * shared copy. Outside a transaction it does nothing. Nested transactions share the mark (a rolled-back savepoint keeps it).
   */
  markChanged(key: unknown): void {
    this.storage.get()?.changed.add(key);
  }

  changedInTransaction(key: unknown): boolean {
    return this.storage.get()?.changed.has(key) ?? false;
  }

  /**
   * Whether the current transaction declared any change (markChanged), whatever it stands for: a cache built from several
   * read-mostly sources (store views and config, say) may serve a transaction its shared copy only when this is false.
   * False outside a transaction.
   */
  changesDeclared(): boolean {
    return (this.storage.get()?.changed.size ?? 0) > 0;
  }

  /**
   * A nested transaction on SQLite: a savepoint run straight on the connection the outer transaction holds, with the outer
   * transaction as `trx` (a savepoint belongs to the connection, so the outer transaction's statements are the savepoint's).
   * knex's nested transaction did the same through a transaction object of its own, at about 100 µs each; the order
   * placement takes two or three. A failure rolls back to the savepoint and rethrows; the outer transaction goes on.
   */
  private async savepoint<T>(conn: SqliteConnection, outer: UnitOfWork, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    // Numbered within the transaction (unique in it, as nesting needs), so that the same few statement texts come back in
    // every transaction and stay in the prepared statement cache: a name per process made each one a new statement to prepare.
    outer.savepoints = (outer.savepoints ?? 0) + 1;
    const name = `sp${outer.savepoints}`;
    this.runDirect(conn, `SAVEPOINT ${name}`);
    let result: T;
    try {
      result = await this.storage.run(outer, () => work(outer.trx));
    } catch (err) {
      try {
        if (conn.open && !outer.done) {
          this.runDirect(conn, `ROLLBACK TO ${name}`);
          this.runDirect(conn, `RELEASE ${name}`);
        }
      } catch {
        // SQLite had already rolled the whole transaction back (it does on some errors): the outer transaction fails on.
      }
      throw err;
    }
    if (outer.done) throw new KernelError('The transaction ended before its savepoint was released', 'DB_TRANSACTION_ENDED');
    this.runDirect(conn, `RELEASE ${name}`);
    return result;
  }

  private runDirect(conn: SqliteConnection, sql: string): void {
    this.heard(sql);
    conn.prepare(sql).run();
  }

  /** Tells knex's `query` listeners (query logs, the tests' statement counts) about a statement run straight on SQLite. */
  private heard(sql: string, bindings: readonly unknown[] = []): void {
    if (this.knex.listenerCount('query')) this.knex.emit('query', { method: 'raw', sql, bindings, options: {} });
  }

  /** Runs `callback` after the current transaction commits (at once when there is none). */
  afterCommit(callback: () => void | Promise<void>): void {
    const uow = this.storage.get();
    if (uow) uow.afterCommit.push(callback);
    else void Promise.resolve().then(callback).catch(() => undefined);
  }

  /**
   * Runs a read written out as SQL (identifiers plain, values as `?` bindings) and answers its rows, on either database: for
   * the hottest reads, where knex's runner (pool acquire, binding rewrite, promise chain) cost a third as much as the query
   * itself. On SQLite the statement runs on the connection at once (see directConnection): inside a transaction, on the
   * connection the transaction holds; outside one, when the pool's connection is idle (no transaction or query holds it), as
   * a synchronous read, so nothing else can use the connection meanwhile and it sees only committed data. Otherwise (MySQL,
   * or the connection is busy) it goes through knex. Listeners of knex's `query` event hear it either way.
   */
  async select<T>(sql: string, bindings: readonly unknown[] = []): Promise<T[]> {
    const conn = this.directConnection();
    if (conn) {
      this.heard(sql, bindings);
      return conn.readRows(sql, bindings.map(sqliteBinding)) as T[];
    }
    const result = (await this.conn().raw(sql, bindings as Knex.RawBinding[])) as unknown;
    // better-sqlite3 answers the rows; mysql2 answers [rows, fields].
    return (this.settings.client === 'sqlite' ? result : (result as [unknown[]])[0]) as T[];
  }

  /**
   * Runs a write written out as SQL (INSERT, UPDATE, DELETE with `?` bindings; identifiers plain, so the same text runs on
   * both databases) and answers how many rows it changed and, for an INSERT into a table with an auto-increment key, the new
   * id. Like select: straight on SQLite's connection when the current transaction holds it or when it is idle (the write is
   * then its own transaction), else through knex (MySQL, or the connection is busy). For the writes every checkout makes,
   * where building the statement with knex cost two to five times what running it does.
   */
  async execute(sql: string, bindings: readonly unknown[] = []): Promise<{ changes: number; insertId: number }> {
    const conn = this.directConnection();
    if (conn) {
      this.heard(sql, bindings);
      const result = conn.prepare(sql).run(...bindings.map(sqliteBinding));
      return { changes: result.changes, insertId: Number(result.lastInsertRowid) };
    }
    const result = (await this.conn().raw(sql, bindings as Knex.RawBinding[])) as unknown;
    if (this.settings.client === 'sqlite') {
      const run = result as { changes?: number; lastInsertRowid?: number | bigint };
      return { changes: Number(run.changes ?? 0), insertId: Number(run.lastInsertRowid ?? 0) };
    }
    const header = (result as [{ affectedRows?: number; insertId?: number }])[0];
    return { changes: Number(header.affectedRows ?? 0), insertId: Number(header.insertId ?? 0) };
  }

  /**
   * Inserts one row (columns whose value is undefined are left to their default) through execute, and answers the new
   * auto-increment id (0 when the table has none). Identifiers are quoted with backticks, which both databases accept.
   */
  async insert(table: string, row: Record<string, unknown>): Promise<number> {
    const columns = Object.keys(row).filter((c) => row[c] !== undefined);
    const sql = `INSERT INTO ${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(', ')}) VALUES (${placeholders(columns.length)})`;
    return (await this.execute(sql, columns.map((c) => row[c]))).insertId;
  }

  /**
   * `UPDATE table SET … WHERE …` through execute: `changes` are the columns to set (undefined ones are left alone), `where`
   * is ANDed equalities (a null value matches IS NULL). Answers how many rows matched (mysql2 connects with FOUND_ROWS).
   */
  async update(table: string, changes: Record<string, unknown>, where: Record<string, unknown>): Promise<number> {
    const columns = Object.keys(changes).filter((c) => changes[c] !== undefined);
    if (!columns.length) throw new KernelError(`update of ${table} with nothing to set`, 'DB_EMPTY_UPDATE');
    const conditions = Object.keys(where);
    if (!conditions.length) throw new KernelError(`update of ${table} without a WHERE`, 'DB_UNBOUNDED_UPDATE');
    const sql =
      `UPDATE ${quoteIdentifier(table)} SET ${columns.map((c) => `${quoteIdentifier(c)} = ?`).join(', ')} ` +
      `WHERE ${conditions.map((c) => (where[c] === null ? `${quoteIdentifier(c)} IS NULL` : `${quoteIdentifier(c)} = ?`)).join(' AND ')}`;
    const bindings = [...columns.map((c) => changes[c]), ...conditions.filter((c) => where[c] !== null).map((c) => where[c])];
    return (await this.execute(sql, bindings)).changes;
  }

  /**
   * SQLite's connection when a written-out statement may run on it right now, synchronously: inside a transaction that is
   * still open (the pool holds one connection, and the transaction has it: its statements run between the transaction's
   * own), or outside any transaction when the pool would hand the connection out at once. Undefined on MySQL, after the
   * transaction ended (knex then refuses the statement as it should), or when another request holds the connection.
   */
  private directConnection(): SqliteConnection | undefined {
    if (this.settings.client !== 'sqlite') return undefined;
    const uow = this.storage.get();
    if (!uow) return idleSqliteConnection(this.knex);
    return !uow.done && uow.conn?.open ? uow.conn : undefined;
  }

  /**
   * Rows as tuples, in the order of `columns`, for reads of many narrow rows (text and numbers) whose order does not matter:
   * `from` is the statement's FROM and WHERE, without GROUP BY, ORDER BY or LIMIT. On SQLite, SQLite builds the rows as one
   * JSON array (json_group_array) that is parsed at once: better-sqlite3 builds a row object value by value across N-API, which
   * cost twice as much as running the query itself for the hundred variants of a category page. Elsewhere a plain select.
   */
  async selectTuples<T extends unknown[]>(columns: readonly string[], from: string, bindings: readonly unknown[] = []): Promise<T[]> {
    if (this.settings.client === 'sqlite') {
      const [row] = await this.select<{ rows: string }>(`SELECT json_group_array(json_array(${columns.join(', ')})) AS rows ${from}`, bindings);
      return JSON.parse(row.rows) as T[];
    }
    const rows = await this.select<Record<string, unknown>>(`SELECT ${columns.map((c, i) => `${c} AS c${i}`).join(', ')} ${from}`, bindings);
    return rows.map((r) => columns.map((_, i) => r[`c${i}`]) as T);
  }

  /**
   * Refreshes the query planner's statistics after bulk writes (install, import, reindex) and from time to time in long-running
   * processes. Without them SQLite picks join orders blind: a category listing ran about twice slower, driven from every visible
   * product instead of the category's links. SQLite: `PRAGMA optimize` (analyzes only tables whose size changed a lot, with a
   * bounded sample). MySQL/MariaDB keep InnoDB statistics up to date by themselves: nothing to do.
   */
  async optimize(): Promise<void> {
    if (this.client !== 'sqlite') return;
    await this.knex.raw('PRAGMA optimize');
  }

  private checkpointer: WalCheckpointer | undefined;

  /**
   * SQLite on a file: from now on the WAL is checkpointed on a worker thread (startWalCheckpointer), and the connection's own
   * automatic checkpoint, which runs inside a COMMIT on the event loop, only bounds the WAL should the worker fall behind
   * (at BACKGROUND_AUTOCHECKPOINT_PAGES instead of 1,000). For long-running processes (`comptoir serve`); close() stops it.
   * Nothing on MySQL/MariaDB or for an in-memory database.
   */
  async checkpointInBackground(options: WalCheckpointerOptions = {}): Promise<void> {
    if (this.settings.client !== 'sqlite' || this.settings.filename === ':memory:' || this.checkpointer) return;
    this.checkpointer = startWalCheckpointer(this.settings.filename, options);
    await this.knex.raw(`PRAGMA wal_autocheckpoint = ${BACKGROUND_AUTOCHECKPOINT_PAGES}`);
  }

  async close(): Promise<void> {
    await this.checkpointer?.stop();
    await this.closeWal();
    await this.knex.destroy();
  }
}

// knex prints driver errors itself; ours are rethrown with context, so its own console output is only noise.
const quietLog = { warn: () => undefined, error: () => undefined, deprecate: () => undefined, debug: () => undefined };

interface SqliteStatement {
  readonly reader: boolean;
  all(...bindings: unknown[]): unknown[];
  run(...bindings: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  raw(toggle: boolean): SqliteStatement;
  columns(): Array<{ name: string }>;
}

interface SqliteConnection {
  readonly open: boolean;
  readonly inTransaction: boolean;
  pragma(sql: string): unknown;
  prepare(sql: string): SqliteStatement;
  /** The rows of a read as objects (see cachePreparedStatements). */
  readRows(sql: string, bindings: unknown[]): Array<Record<string, unknown>>;
}

/** The connection a SQLite knex's pool opened last (its pool holds one), kept by createKnex. */
const sqliteConnections = new WeakMap<Knex, SqliteConnection>();
/** A connection as createKnex's pool opens it (knex's query log tells its statements by `__knexUid`). */
type PooledConnection = SqliteConnection & { close(): unknown; __knexUid?: string };
/** A SQLite knex's pool (createKnex). */
const sqlitePools = new WeakMap<Knex, SqliteConnectionPool<PooledConnection>>();

interface PoolCounts {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}

interface PoolClient {
  acquireConnection(): Promise<unknown>;
  releaseConnection(conn: unknown): Promise<unknown>;
}

/** knex's internals that a bound client is made of (as knex makes the client of its own transactions). */
interface KnexClientInternals extends NodeJS.EventEmitter {
  constructor: { prototype: object };
  query(conn: unknown, obj: unknown): Promise<unknown>;
  [key: string]: unknown;
}

// better-sqlite3 ships no types; the pool opens its connection itself (SqliteConnectionPool).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const BetterSqlite3 = require('better-sqlite3') as new (filename: string) => unknown;

// knex has no public way to build a knex on a given connection; its transactions use this same factory.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const makeKnex = require('knex/lib/knex-builder/make-knex') as (client: unknown) => Knex;

const boundKnexes = new WeakMap<SqliteConnection, Knex.Transaction>();

/**
 * A knex whose every statement runs on `conn`, without taking it from the pool (the transaction holding it already has),
 * built as knex builds its transactions' clients; `live()` says whether a statement may run now (it runs in a transaction of
 * this connection that has not ended). Its query events reach the listeners of the pool's knex.
 */
function makeBoundKnex(knex: Knex, conn: SqliteConnection, live: () => boolean): Knex.Transaction {
  const client = knex.client as unknown as KnexClientInternals;
  const bound = Object.create(client.constructor.prototype) as KnexClientInternals;
  for (const key of ['version', 'config', 'driver', 'connectionSettings', 'valueForUndefined', 'logger']) bound[key] = client[key];
  bound.transacting = true;
  for (const event of ['start', 'query', 'query-error', 'query-response']) bound.on(event, (...args: unknown[]) => client.emit(event, ...args));
  const query = client.query;
  bound.query = function (this: KnexClientInternals, connection: unknown, obj: unknown) {
    if (connection !== conn || !live()) return Promise.reject(new KernelError('Transaction query already complete: the statement came after its transaction ended', 'DB_TRANSACTION_ENDED'));
    return query.call(bound, connection, obj);
  };
  bound.acquireConnection = () => Promise.resolve(conn);
  bound.releaseConnection = () => Promise.resolve();
  return makeKnex(bound) as unknown as Knex.Transaction;
}

/** The SQLite connection if it is open and nobody holds or awaits it (the pool would hand it out right now), else undefined. */
function idleSqliteConnection(knex: Knex): SqliteConnection | undefined {
  const conn = sqliteConnections.get(knex);
  if (!conn?.open) return undefined;
  const pool = (knex.client as { pool?: PoolCounts }).pool;
  if (!pool || pool.numFree() !== 1 || pool.numUsed() !== 0 || pool.numPendingAcquires() !== 0 || pool.numPendingCreates() !== 0) return undefined;
  return conn;
}

interface WalDescriptor {
  conn: SqliteConnection | undefined;
  fd: Promise<number>;
  syncing: number;
  closing: boolean;
}

function closeWalDescriptor(wal: WalDescriptor): Promise<void> {
  return wal.fd.then(
    (fd) => fsCall<void>((done) => fs.close(fd, done)).catch(() => undefined),
    () => undefined,
  );
}

/** A table or column name for written-out SQL: plain names only, quoted with backticks (MySQL's quote, which SQLite accepts). */
function quoteIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new KernelError(`unexpected SQL identifier "${name}"`, 'DB_IDENTIFIER');
  return `\`${name}\``;
}

/** Bindings as knex's better-sqlite3 dialect passes them (dates as epoch milliseconds, booleans as 0/1). */
function sqliteBinding(value: unknown): unknown {
  if (value instanceof Date) return value.valueOf();
  if (typeof value === 'boolean') return Number(value);
  return value;
}

const STATEMENT_CACHE_SIZE = 1000;

/** Statements that change the schema: the column lists rowReader keeps may no longer hold. */
const SCHEMA_CHANGE = /^\s*(?:ALTER|CREATE|DROP)\s/i;

/**
 * knex prepares every query anew, and on better-sqlite3 preparing costs about as much as running a small indexed query. A
 * per-connection cache of prepared statements keyed by SQL text (bindings stay separate; the kernel's BoundedCache, CLOCK
 * eviction) removes that; SQLite re-prepares a statement by itself if the schema changes under it.
 *
 * The connection also gets `readRows(sql, bindings)`, for Database.select: better-sqlite3 builds each row object property by
 * property across N-API, internalizing every column name again for every row, which cost 40% of a one-row primary-key read.
 * readRows runs its own prepared copy of the statement in raw mode (rows as arrays) and builds the objects in JavaScript from
 * the column names it read once; the same keys in the same order, the same values. A statement that changes the schema
 * forgets those column lists (a `SELECT *` may answer other columns afterwards), and a row of another width (the schema
 * changed in another process) has them read again.
 */
export function cachePreparedStatements<S>(conn: { prepare(sql: string): S; readRows?: unknown }, size = STATEMENT_CACHE_SIZE): void {
  const prepare = conn.prepare.bind(conn);
  const statements = new BoundedCache<S>(size);
  const readers = new BoundedCache<(bindings: unknown[]) => unknown[]>(size);
  conn.prepare = (sql: string) => {
    if (SCHEMA_CHANGE.test(sql)) readers.clear();
    return statements.getOrSet(sql, prepare);
  };
  const newReader = (sql: string) => rowReader(prepare(sql) as SqliteStatement);
  conn.readRows = (sql: string, bindings: unknown[]) => readers.getOrSet(sql, newReader)(bindings);
}

/** Runs `statement` (its own copy: raw mode is the statement's) and answers its rows as objects keyed by column name. */
function rowReader(statement: SqliteStatement): (bindings: unknown[]) => unknown[] {
  // A statement that answers no rows (an INSERT, say) fails as it would have: all() refuses it.
  if (!statement.reader) return (bindings) => statement.all(...bindings);
  let columns = statement.columns().map((c) => c.name);
  statement.raw(true);
  return (bindings) => {
    const tuples = statement.all(...bindings) as unknown[][];
    // Another process changed the schema and SQLite re-prepared the statement: read its columns again.
    if (tuples.length && tuples[0].length !== columns.length) columns = statement.columns().map((c) => c.name);
    const width = columns.length;
    const rows = new Array<Record<string, unknown>>(tuples.length);
    for (let r = 0; r < tuples.length; r++) {
      const tuple = tuples[r];
      const row: Record<string, unknown> = {};
      for (let c = 0; c < width; c++) row[columns[c]] = tuple[c];
      rows[r] = row;
    }
    return rows;
  };
}

interface KnexTransactionInternals {
  begin(conn: unknown): Promise<unknown>;
  query(conn: unknown, sql: string): Promise<unknown>;
}

/**
 * SQLite transactions start with BEGIN IMMEDIATE: the write lock is taken (waiting up to busy_timeout) before the first read.
 * knex's plain BEGIN is deferred, and a deferred transaction that read first and then writes fails at once with "database is
 * locked" when another process (a second server worker, the CLI, a consumer) wrote in between: SQLite cannot wait there
 * without risking a deadlock. In one process nothing changes (its single connection serializes transactions anyway).
 */
function beginImmediate(knex: Knex): void {
  const client = knex.client as unknown as { transaction: (...args: unknown[]) => KnexTransactionInternals };
  const create = client.transaction.bind(client);
  client.transaction = (...args: unknown[]) => {
    const trx = create(...args);
    trx.begin = (conn: unknown) => trx.query(conn, 'BEGIN IMMEDIATE;');
    return trx;
  };
}

/**
 * knex's SQLite queries carry their LIMIT as a literal rather than `?`: SQLite (3.53) reads a bound LIMIT while it plans and
 * marks the statement to be planned again whenever that parameter is bound, and better-sqlite3 binds every parameter on every
 * run, so a cached statement with `LIMIT ?` was parsed and planned anew on each run (the outbox relay's read: 150 µs instead
 * of 15). knex's `limit()` keeps only integers (it parses what it is given), and writes them out with its own `skipBinding`
 * option, set here on a copy of the builder's settings for this compilation. OFFSET stays bound (SQLite does not plan on it),
 * so the statement texts vary only with the page size.
 */
function inlineIntegerLimits(knex: Knex): void {
  type Compiler = { single: { limit?: unknown; skipBinding?: Record<string, boolean> } };
  const client = knex.client as unknown as { queryCompiler: (...args: unknown[]) => Compiler };
  const make = client.queryCompiler.bind(client);
  client.queryCompiler = (...args: unknown[]) => {
    const compiler = make(...args);
    const single = compiler.single;
    // A copy for this compilation: the builder itself is left as it was (it may be given another limit and compiled again).
    if (Number.isSafeInteger(single.limit)) compiler.single = { ...single, skipBinding: { ...single.skipBinding, limit: true } };
    return compiler;
  };
}

export function createKnex(settings: DbSettings): Knex {
  if (settings.client === 'sqlite') {
    if (settings.filename !== ':memory:') fs.mkdirSync(path.dirname(settings.filename), { recursive: true });
    let knex: Knex | undefined;
    const pool = new SqliteConnectionPool<PooledConnection>(() => {
      const conn = new BetterSqlite3(settings.filename) as PooledConnection;
      conn.__knexUid = '__knexUid1';
      cachePreparedStatements(conn);
      conn.pragma('journal_mode = WAL');
      // Set, not left to the build: better-sqlite3 opens a database already in WAL mode with NORMAL, a new one with FULL.
      // NORMAL in WAL mode: a commit is safe from a crash of the process, the database is never corrupted, and a power
      // loss may roll back the last commits; the transactions that record money sync the WAL (TransactionOptions.durable).
      conn.pragma('synchronous = NORMAL');
      conn.pragma('foreign_keys = ON');
      conn.pragma('busy_timeout = 5000');
      // Sorts, window functions and GROUP BY use temporary b-trees: in memory rather than in a temp file opened per
      // statement (a url_key lookup with its page count took 320 µs with files, 120 µs without).
      conn.pragma('temp_store = MEMORY');
      // Pages read through a memory map of the database file (up to 256 MiB of it) rather than a pread() and a copy each:
      // every cart call reads its quote, items and addresses. Writes still go through the WAL; a map only reads.
      if (settings.filename !== ':memory:') conn.pragma(`mmap_size = ${SQLITE_MMAP_BYTES}`);
      // Planner statistics (see Database.optimize): a bounded ANALYZE of the tables that never had one or changed a lot.
      conn.pragma('analysis_limit = 400');
      conn.pragma('optimize = 0x10002');
      if (knex) sqliteConnections.set(knex, conn);
      return conn;
    });
    // The process's one connection, through SqliteConnectionPool rather than knex's tarn pool (see there); knex destroys it
    // with itself, as it does a pool it made.
    knex = knexFactory({ client: 'better-sqlite3', connectionPool: pool, useNullAsDefault: true, log: quietLog } as Knex.Config);
    (knex.client as { _ownsPool?: boolean })._ownsPool = true;
    sqlitePools.set(knex, pool);
    beginImmediate(knex);
    inlineIntegerLimits(knex);
    return knex;
  }
  return knexFactory({
    client: 'mysql2',
    connection: {
      host: settings.host,
      port: settings.port,
      user: settings.user,
      password: settings.password,
      database: settings.database,
      charset: 'utf8mb4',
      timezone: 'Z',
      supportBigNumbers: true,
    },
    pool: { min: 0, max: 10 },
    log: quietLog,
  });
}

/** Opens the connection and proves it works, turning driver errors into a clear message without the password. */
export async function connect(settings: DbSettings): Promise<Database> {
  const knex = createKnex(settings);
  try {
    await knex.raw('select 1');
  } catch (err) {
    await knex.destroy().catch(() => undefined);
    const where = settings.client === 'sqlite' ? settings.filename : `${settings.user}@${settings.host}:${settings.port}/${settings.database}`;
    throw new KernelError(`Cannot connect to the ${settings.client} database ${where}: ${(err as Error).message}`, 'DB_CONNECT');
  }
  return new Database(knex, settings);
}
