import type { Database } from './database';

/**
 * A process's read-mostly copy of some tables (store scopes, catalog attributes…). It is only a cache: re-read after `ttlMs` so that
 * changes made by another process show up, dropped at once by reset() after a change made in this process, loaded once for
 * concurrent callers. A transaction that changes those tables calls changing() first: it must see its own uncommitted rows, which
 * must never reach the shared copy, so `inTransaction` decides how it loads (by default, afresh each time). Other transactions
 * (a checkout reading store views) use the shared copy; when it is stale they load it through their own connection, never waiting
 * on a load started outside (on SQLite's single connection that would wait on the very transaction that holds it).
 */
export class SharedSnapshot<T> {
  private snapshot: T | undefined;
  private loadedAt = 0;
  private pending: Promise<T> | undefined;
  /** Bumped by reset(): a load started before a reset must not install its (possibly stale) result. */
  private generation = 0;

  constructor(
    private readonly db: Database,
    private readonly load: () => Promise<T>,
    private readonly ttlMs = 5000,
    private readonly inTransaction: (load: () => Promise<T>, generation: number) => Promise<T> = (load) => load(),
  ) {}

  async current(): Promise<T> {
    if (this.db.changedInTransaction(this)) return this.inTransaction(this.load, this.generation);
    if (this.snapshot !== undefined && Date.now() - this.loadedAt <= this.ttlMs) return this.snapshot;
    if (this.db.inTransaction()) return this.install(this.generation, await this.load());
    if (!this.pending) {
      const generation = this.generation;
      this.pending = this.load()
        .then((fresh) => this.install(generation, fresh))
        .finally(() => {
          this.pending = undefined;
        });
    }
    return this.pending;
  }

  /**
   * The shared copy when current() would answer it without loading anything (loaded, fresh, and the current transaction does
   * not change these tables), else undefined: lets hot synchronous paths skip a promise when the copy is at hand.
   */
  peek(): T | undefined {
    if (this.snapshot === undefined || Date.now() - this.loadedAt > this.ttlMs || this.db.changedInTransaction(this)) return undefined;
    return this.snapshot;
  }

  /** Marks the current transaction as changing these tables: until it ends, it reads them afresh through `inTransaction`. */
  changing(): void {
    this.db.markChanged(this);
  }

  private install(generation: number, fresh: T): T {
    if (generation === this.generation) {
      this.snapshot = fresh;
      this.loadedAt = Date.now();
    }
    return fresh;
  }

  /** Changes on every reset(): lets per-transaction memos derived from the snapshot notice a reset. */
  get version(): number {
    return this.generation;
  }

  reset(): void {
    this.generation++;
    this.snapshot = undefined;
    this.pending = undefined;
  }
}
