import type { Database } from './database';

/**
 * A process's read-mostly copy of some tables (store scopes, catalog attributes…). It is only a cache: re-read after `ttlMs` so that
 * changes made by another process show up, dropped at once by reset() after a change made in this process, loaded once for
 * concurrent callers. Inside a transaction the caller must see its own uncommitted rows, which must never reach the shared copy:
 * `inTransaction` decides how to load there (by default, afresh each time).
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
    if (this.db.inTransaction()) return this.inTransaction(this.load, this.generation);
    if (this.snapshot !== undefined && Date.now() - this.loadedAt <= this.ttlMs) return this.snapshot;
    if (!this.pending) {
      const generation = this.generation;
      this.pending = this.load()
        .then((fresh) => {
          if (generation === this.generation) {
            this.snapshot = fresh;
            this.loadedAt = Date.now();
          }
          return fresh;
        })
        .finally(() => {
          this.pending = undefined;
        });
    }
    return this.pending;
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
