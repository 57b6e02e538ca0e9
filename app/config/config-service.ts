import type { Database } from '../db/database';
import type { Encryptor } from '../crypto/encryptor';
import type { EventBus } from '../event/event-bus';
import { KernelError } from '../kernel/errors';
import type { EnvConfig } from '../kernel/env';
import type { ConfigScopeType } from '../module/manifest';
import type { ConfigRegistry, RegisteredField } from './config-registry';
import type { ScopeResolver, StoreScope } from './scope-resolver';
import { decodeValue, encodeValue, formatIssues } from './value-codec';

export const CONFIG_TABLE = 'core_config_data';
export const MASK = '******';

export interface ScopeRef {
  scope: ConfigScopeType;
  /** Website or store view code; absent for the default scope. */
  code?: string | null;
}

export interface ResolvedValue {
  path: string;
  value: unknown;
  /** Where the value came from: `env` (locked), `db`, or the module default. */
  source: 'env' | 'db' | 'default';
  scope: ConfigScopeType;
  sensitive: boolean;
}

interface ScopeLevel {
  scope: ConfigScopeType;
  id: number;
  code: string | null;
}

const DEFAULT_SCOPE: ScopeRef = Object.freeze({ scope: 'default' });
const DEFAULT_LEVEL: ScopeLevel = Object.freeze({ scope: 'default', id: 0, code: null });
const DEFAULT_CHAIN: readonly ScopeLevel[] = Object.freeze([DEFAULT_LEVEL]);

/** A store view falls back to its website, then default. */
function storeChain(store: StoreScope): readonly ScopeLevel[] {
  return [{ scope: 'stores', id: store.storeId, code: store.storeCode }, { scope: 'websites', id: store.websiteId, code: store.websiteCode }, DEFAULT_LEVEL];
}

interface Row {
  scope: ConfigScopeType;
  scope_id: number;
  path: string;
  value: string | null;
}

/**
 * Scoped configuration, Magento's core_config_data: a store view falls back to its website, then default, then the module's default.
 * Values from etc/env.json `system` or CONFIG__<SCOPE>__<PATH> environment variables win at their scope and lock the field.
 */
export class ConfigService {
  private cache: Map<string, string | null> | undefined;
  /** env.json `system` values and CONFIG__* variables, flattened; rebuilt with the cache. */
  private overrides: Map<string, unknown> | undefined;
  private cacheLoadedAt = 0;
  /** Resolved values per snapshot (see resolve). */
  private readonly resolved = new WeakMap<Map<string, string | null>, Map<string, ResolvedValue>>();

  constructor(
    private readonly db: Database,
    private readonly registry: ConfigRegistry,
    private readonly encryptor: Encryptor,
    private readonly scopes: ScopeResolver,
    private readonly env: EnvConfig,
    private readonly events: () => EventBus,
    /** How long a process trusts its snapshot of the table before re-reading it (changes made in this process apply at once). */
    private readonly cacheTtlMs = 5000,
  ) {}

  fields(): RegisteredField[] {
    return this.registry.all();
  }

  /** The effective value for a store view (by code), website, or default. */
  get<T = unknown>(path: string, ref: ScopeRef = DEFAULT_SCOPE): Promise<T> {
    const answer = this.answer(path, ref);
    return answer instanceof Promise ? answer.then((known) => known.value as T) : Promise.resolve(answer.value as T);
  }

  getForStore<T = unknown>(path: string, storeCode?: string | null): Promise<T> {
    return this.get<T>(path, { scope: 'stores', code: storeCode ?? undefined });
  }

  /**
   * The effective values of several paths at one scope, in the order asked: one promise, where a `get` per path made one
   * each (with their awaits, a dozen promises for a store view's settings, read on every cart total).
   */
  getMany<T extends unknown[] = unknown[]>(paths: readonly string[], ref: ScopeRef = DEFAULT_SCOPE): Promise<T> {
    const answers = paths.map((path) => this.answer(path, ref));
    if (answers.some((answer) => answer instanceof Promise)) return Promise.all(answers).then((known) => known.map((k) => k.value) as T);
    return Promise.resolve((answers as ResolvedValue[]).map((answer) => answer.value) as T);
  }

  getManyForStore<T extends unknown[] = unknown[]>(paths: readonly string[], storeCode?: string | null): Promise<T> {
    return this.getMany<T>(paths, { scope: 'stores', code: storeCode ?? undefined });
  }

  resolve(path: string, ref: ScopeRef = DEFAULT_SCOPE): Promise<ResolvedValue> {
    const answer = this.answer(path, ref);
    return answer instanceof Promise ? answer : Promise.resolve(answer);
  }

  /** The answer itself when it is at hand (resolvedNow), else its promise; an unknown path is a rejected promise, not a throw. */
  private answer(path: string, ref: ScopeRef): ResolvedValue | Promise<ResolvedValue> {
    try {
      return this.resolvedNow(path, ref) ?? this.resolveLater(path, ref);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /**
   * The memoized answer when everything it depends on is at hand without waiting: the snapshot of the table is loaded and
   * fresh, the current transaction does not change configuration, the scope chain is known now (the default scope, or a
   * store view the scope resolver has at hand: ScopeResolver.storeNow), and the value is not sensitive. A checkout reads
   * about a hundred values; through the asynchronous path each cost ten promises (chain, store snapshot, rows), about a
   * third of all the promises a checkout made. Undefined otherwise (resolveLater answers); throws for an unknown path.
   */
  private resolvedNow(path: string, ref: ScopeRef): ResolvedValue | undefined {
    const field = this.registry.require(path);
    const rows = this.cache;
    if (field.sensitive || !rows || Date.now() - this.cacheLoadedAt > this.cacheTtlMs || this.db.changedInTransaction(CONFIG_TABLE)) return undefined;
    const store = ref.scope === 'stores' ? this.scopes.storeNow?.(ref.code) : undefined;
    if (ref.scope !== 'default' && !store) return undefined;
    // Keyed by the snapshot and the scope object (a resolver hands out the same StoreScope while its own snapshot holds):
    // building the chain's string key cost more than the rest of the lookup.
    let byScope = this.resolvedByScope.get(rows);
    if (!byScope) this.resolvedByScope.set(rows, (byScope = new WeakMap()));
    let byPath = byScope.get(store ?? DEFAULT_CHAIN);
    if (!byPath) byScope.set(store ?? DEFAULT_CHAIN, (byPath = new Map()));
    let answer = byPath.get(path);
    if (!answer) byPath.set(path, (answer = this.memoized(field, path, store ? storeChain(store) : DEFAULT_CHAIN, rows)));
    return answer;
  }

  /** resolvedNow's answers, per snapshot, per scope object, per path. */
  private readonly resolvedByScope = new WeakMap<Map<string, string | null>, WeakMap<object, Map<string, ResolvedValue>>>();

  private async resolveLater(path: string, ref: ScopeRef): Promise<ResolvedValue> {
    const field = this.registry.require(path);
    const chain = await this.chain(ref);
    const rows = await this.rows();
    if (field.sensitive || rows !== this.cache) return this.lookup(field, path, chain, rows);
    return this.memoized(field, path, chain, rows);
  }

  /**
   * Decoding (schema validation) cost more than the lookup itself: answers are kept per snapshot (a reload or a write starts a
   * new one) and scope chain. Not sensitive values (kept encrypted), not a transaction's own reads of the rows it changes.
   */
  private memoized(field: RegisteredField, path: string, chain: readonly ScopeLevel[], rows: Map<string, string | null>): ResolvedValue {
    let memo = this.resolved.get(rows);
    if (!memo) this.resolved.set(rows, (memo = new Map()));
    let key = path;
    for (const level of chain) key += `|${level.scope}:${level.id}:${level.code ?? ''}`;
    let answer = memo.get(key);
    if (!answer) {
      answer = this.lookup(field, path, chain, rows);
      if (answer.value !== null && typeof answer.value === 'object') Object.freeze(answer.value);
      memo.set(key, Object.freeze(answer));
    }
    return answer;
  }

  private lookup(field: RegisteredField, path: string, chain: readonly ScopeLevel[], rows: Map<string, string | null>): ResolvedValue {
    for (const level of chain) {
      const fromEnv = this.envValue(level.scope, level.code, path);
      if (fromEnv !== undefined) return { path, value: this.decode(field, String(fromEnv), 'env'), source: 'env', scope: level.scope, sensitive: !!field.sensitive };
      const key = rowKey(level.scope, level.id, path);
      if (rows.has(key)) {
        const raw = rows.get(key) ?? null;
        const plain = raw !== null && field.sensitive ? this.encryptor.decrypt(raw, path) : raw;
        return { path, value: plain === null ? null : this.decode(field, plain, `${level.scope} scope`), source: 'db', scope: level.scope, sensitive: !!field.sensitive };
      }
    }
    return { path, value: field.default ?? null, source: 'default', scope: 'default', sensitive: !!field.sensitive };
  }

  /** True when env/file configuration fixes this path at that scope. */
  async isLocked(path: string, ref: ScopeRef): Promise<boolean> {
    return this.envValue(ref.scope, ref.code ?? null, path) !== undefined;
  }

  /** Validates, encrypts when sensitive, stores, and dispatches config_save_after with old/new values (masked when sensitive). */
  async set(path: string, input: unknown, ref: ScopeRef = { scope: 'default' }): Promise<void> {
    const field = this.registry.require(path);
    if (!field.scopes.includes(ref.scope)) {
      throw new KernelError(`The "${path}" path cannot be set at the ${ref.scope} scope (allowed: ${field.scopes.join(', ')})`, 'CONFIG_SCOPE');
    }
    const target = await this.scopeId(ref);
    if (await this.isLocked(path, ref)) {
      throw new KernelError(`The value of "${path}" at the ${ref.scope} scope is locked by env/file configuration and cannot be changed here`, 'CONFIG_LOCKED');
    }
    const parsed = field.schema.safeParse(typeof input === 'string' ? this.decodeLoose(field, input) : input);
    if (!parsed.success) throw new KernelError(`Invalid value for "${path}": ${formatIssues(parsed.error)}`, 'CONFIG_INVALID_VALUE');
    const text = encodeValue(parsed.data);
    await this.write(field, ref, target, text);
  }

  /** Removes the value at a scope so the next scope up applies again. */
  async delete(path: string, ref: ScopeRef = { scope: 'default' }): Promise<void> {
    const field = this.registry.require(path);
    const target = await this.scopeId(ref);
    await this.write(field, ref, target, undefined);
  }

  /** Every declared path with its effective value at a scope; sensitive values masked. */
  async show(ref: ScopeRef = { scope: 'default' }, prefix?: string): Promise<ResolvedValue[]> {
    const out: ResolvedValue[] = [];
    for (const field of this.registry.all()) {
      if (prefix && !field.path.startsWith(prefix)) continue;
      const resolved = await this.resolve(field.path, ref);
      out.push(field.sensitive && resolved.value !== null ? { ...resolved, value: MASK } : resolved);
    }
    return out;
  }

  /** Stored values that no longer pass their field's validation (e.g. edited by hand in the database). */
  async invalidStoredValues(): Promise<Array<{ scope: ConfigScopeType; scopeId: number; path: string; error: string }>> {
    const rows = (await this.db.knex(CONFIG_TABLE).select('scope', 'scope_id', 'path', 'value')) as Row[];
    const problems = [];
    for (const row of rows) {
      const field = this.registry.get(row.path);
      if (!field || row.value === null) continue;
      try {
        this.decode(field, field.sensitive ? this.encryptor.decrypt(row.value, row.path) : row.value, `${row.scope} scope`);
      } catch (err) {
        problems.push({ scope: row.scope, scopeId: Number(row.scope_id), path: row.path, error: (err as Error).message });
      }
    }
    return problems;
  }

  /**
   * etc/env.json `system` values and CONFIG__ variables that fail their field's validation. They win over the database, so a bad
   * one matters as much as a bad stored row; paths no enabled module declares are left alone (another installation's settings).
   */
  invalidOverrideValues(): Array<{ scope: ConfigScopeType; code: string | null; path: string; error: string }> {
    this.overrides ??= collectOverrides(this.env.system ?? {}, process.env);
    const problems = [];
    for (const [key, value] of this.overrides) {
      const [scope, code, path] = key.split('|') as [ConfigScopeType, string, string];
      const field = this.registry.get(path);
      if (!field || value === null || value === undefined) continue;
      try {
        this.decode(field, String(value), `${scope} scope (env)`);
      } catch (err) {
        problems.push({ scope, code: code || null, path, error: (err as Error).message });
      }
    }
    return problems;
  }

  /** Raw stored rows (values decrypted only when asked), for tools such as security scans. */
  async storedRows(): Promise<Array<{ scope: ConfigScopeType; scopeId: number; path: string; value: string | null }>> {
    const rows = (await this.db.conn()(CONFIG_TABLE).select('scope', 'scope_id', 'path', 'value').orderBy(['path', 'scope', 'scope_id'])) as Row[];
    return rows.map((r) => ({ scope: r.scope, scopeId: Number(r.scope_id), path: r.path, value: r.value }));
  }

  /** Forget the snapshot (another process changed config, or a test wants a fresh read). */
  clearCache(): void {
    this.cache = undefined;
    this.overrides = undefined;
  }

  private async write(field: RegisteredField, ref: ScopeRef, scopeId: number, text: string | undefined): Promise<void> {
    const path = field.path;
    await this.db.transaction(async (trx) => {
      this.db.markChanged(CONFIG_TABLE);
      const existing = (await trx(CONFIG_TABLE).where({ scope: ref.scope, scope_id: scopeId, path }).first()) as Row | undefined;
      const oldPlain = existing?.value != null && field.sensitive ? this.encryptor.decrypt(existing.value, path) : (existing?.value ?? null);
      if (text === undefined) {
        if (!existing) return;
        await trx(CONFIG_TABLE).where({ scope: ref.scope, scope_id: scopeId, path }).delete();
      } else {
        const stored = field.sensitive ? this.encryptor.encrypt(text, path) : text;
        if (existing) await trx(CONFIG_TABLE).where({ scope: ref.scope, scope_id: scopeId, path }).update({ value: stored });
        else await trx(CONFIG_TABLE).insert({ scope: ref.scope, scope_id: scopeId, path, value: stored });
      }
      const mask = (v: string | null) => (v !== null && field.sensitive ? MASK : v);
      await this.events().dispatch('config_save_after', {
        scope: ref.scope,
        scopeId,
        scopeCode: ref.code ?? null,
        path,
        oldValue: mask(oldPlain),
        newValue: mask(text ?? null),
        sensitive: !!field.sensitive,
      });
      this.db.afterCommit(() => this.clearCache());
    });
    this.clearCache();
  }

  /** The shared snapshot, except in a transaction that changes configuration: that one reads its own rows. */
  private async rows(): Promise<Map<string, string | null>> {
    if (this.db.changedInTransaction(CONFIG_TABLE)) return this.readRows();
    if (!this.cache || Date.now() - this.cacheLoadedAt > this.cacheTtlMs) {
      this.cache = await this.readRows();
      this.overrides = undefined;
      this.cacheLoadedAt = Date.now();
    }
    return this.cache;
  }

  private async readRows(): Promise<Map<string, string | null>> {
    const rows = (await this.db.conn()(CONFIG_TABLE).select('scope', 'scope_id', 'path', 'value')) as Row[];
    return new Map(rows.map((r) => [rowKey(r.scope, Number(r.scope_id), r.path), r.value]));
  }

  private async chain(ref: ScopeRef): Promise<readonly ScopeLevel[]> {
    if (ref.scope === 'default') return DEFAULT_CHAIN;
    if (ref.scope === 'websites') {
      const website = ref.code ? await this.scopes.getWebsite(ref.code) : undefined;
      if (!website) throw new KernelError(`Website "${ref.code ?? ''}" does not exist`, 'CONFIG_SCOPE_CODE');
      return [{ scope: 'websites', id: website.websiteId, code: website.websiteCode }, DEFAULT_LEVEL];
    }
    const store = await this.scopes.getStore(ref.code);
    if (!store) throw new KernelError(`Store view "${ref.code ?? ''}" does not exist`, 'CONFIG_SCOPE_CODE');
    return storeChain(store);
  }

  private async scopeId(ref: ScopeRef): Promise<number> {
    if (ref.scope !== 'default' && !ref.code) throw new KernelError(`A scope code is required for the ${ref.scope} scope`, 'CONFIG_SCOPE_CODE');
    const chain = await this.chain(ref);
    return chain[0].id;
  }

  private envValue(scope: ConfigScopeType, code: string | null | undefined, path: string): unknown {
    this.overrides ??= collectOverrides(this.env.system ?? {}, process.env);
    return this.overrides.get(overrideKey(scope, code, path));
  }

  private decode(field: RegisteredField, raw: string, where: string): unknown {
    const value = decodeValue(field.schema, raw);
    if (!value.ok) throw new KernelError(`Stored value for "${field.path}" at ${where} is invalid: ${value.error}`, 'CONFIG_INVALID_STORED');
    return value.value;
  }

  private decodeLoose(field: RegisteredField, raw: string): unknown {
    const value = decodeValue(field.schema, raw);
    return value.ok ? value.value : raw;
  }
}

function rowKey(scope: string, id: number, path: string): string {
  return `${scope}:${id}:${path}`;
}

/** Magento's naming: CONFIG__DEFAULT__WEB__SECURE__BASE_URL, CONFIG__STORES__FR__GENERAL__LOCALE__CODE. */
export function envVariableName(scope: ConfigScopeType, code: string | null | undefined, path: string): string {
  const parts = ['CONFIG', scope.toUpperCase()];
  if (scope !== 'default') parts.push(String(code ?? '').toUpperCase());
  parts.push(...path.split('/').map((p) => p.toUpperCase()));
  return parts.join('__');
}

function overrideKey(scope: ConfigScopeType, code: string | null | undefined, path: string): string {
  return scope === 'default' ? `default||${path}` : `${scope}|${(code ?? '').toLowerCase()}|${path}`;
}

/**
 * Flattens file overrides (nested `{web: {secure: {base_url}}}` or flat `{'web/secure/base_url': …}`) and CONFIG__ variables, which win.
 * Read once per cache period: looking values up in process.env on every config read is measurably slow.
 */
function collectOverrides(system: EnvConfig['system'], variables: NodeJS.ProcessEnv): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const flatten = (values: Record<string, unknown>, prefix: string[], put: (path: string, v: unknown) => void) => {
    for (const [key, value] of Object.entries(values)) {
      const parts = [...prefix, ...key.split('/')];
      if (value && typeof value === 'object' && !Array.isArray(value)) flatten(value as Record<string, unknown>, parts, put);
      else put(parts.join('/'), value);
    }
  };
  if (system.default) flatten(system.default, [], (p, v) => out.set(overrideKey('default', null, p), v));
  for (const scope of ['websites', 'stores'] as const) {
    for (const [code, values] of Object.entries(system[scope] ?? {})) flatten(values, [], (p, v) => out.set(overrideKey(scope, code, p), v));
  }
  for (const [name, value] of Object.entries(variables)) {
    if (!name.startsWith('CONFIG__') || value === undefined) continue;
    const parts = name.split('__').slice(1);
    const scope = parts[0]?.toLowerCase() as ConfigScopeType;
    if (scope === 'default' && parts.length >= 4) out.set(overrideKey('default', null, parts.slice(1).join('/').toLowerCase()), value);
    else if ((scope === 'websites' || scope === 'stores') && parts.length >= 5) out.set(overrideKey(scope, parts[1], parts.slice(2).join('/').toLowerCase()), value);
  }
  return out;
}
