import type { Command } from 'commander';
import type { Knex } from 'knex';
import type { ZodType } from 'zod';
import type { BindToFluentSyntax, Newable } from 'inversify';
import type { Token } from '../di/token';
import type { EventName, EventPayload, ObserverContext } from '../event/event-map';
import type { ResolverMap } from '../graphql/resolvers';
import type { RestRoute } from '../http/rest-route';
import type { CliContext } from '../cli/cli-context';
import type { ServiceLocator } from '../di/service-locator';
import type { RequestHandler } from 'express';

export type Bind = <T>(token: Token<T>) => BindToFluentSyntax<T>;

/** Replaces whatever a token is bound to; the last module in load order wins (Magento's `<preference>`). */
export interface PreferenceDeclaration<T = unknown> {
  for: Token<T>;
  type?: Newable<T>;
  factory?: (locator: ServiceLocator) => T;
}

// Plugin functions are typed loosely on purpose: they can wrap any method of any token-bound service.
/* eslint-disable @typescript-eslint/no-explicit-any */
export type BeforePlugin = (subject: any, ...args: any[]) => any[] | void | undefined | Promise<any[] | void | undefined>;
export type AroundPlugin = (subject: any, proceed: (...args: any[]) => any, ...args: any[]) => any;
export type AfterPlugin = (subject: any, result: any, ...args: any[]) => any;
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Magento's `<plugin>`: before/around/after interceptors on one method of a token-bound service. */
export interface PluginDeclaration {
  name: string;
  target: Token<unknown>;
  method: string;
  sortOrder?: number;
  before?: BeforePlugin;
  around?: AroundPlugin;
  after?: AfterPlugin;
}

/** An observer; `async` ones are delivered after commit through the outbox and a queue (at-least-once, idempotent). */
export interface ObserverDeclaration<E extends EventName = EventName> {
  event: E;
  name: string;
  async?: boolean;
  /**
   * Async observers only. False for an observer whose work is an effect outside the database (sending mail, calling a
   * webhook): it then runs outside any transaction, so it holds no connection and no lock while it waits on the network or
   * the disk, and its delivery is recorded once it succeeded (a crash in between repeats the effect: at-least-once). Its
   * `ctx.trx` throws: it writes, if at all, through the Database service, each statement committing by itself. Default true:
   * the observer's writes commit with the dispatcher's transaction (sync) or with the delivery record (async), or not at all.
   */
  transaction?: boolean;
  handler: (payload: EventPayload<E>, ctx: ObserverContext) => void | Promise<void>;
}

/** One observer of any known event: the `event` name selects the payload type of `handler`. */
export type AnyObserverDeclaration = { [E in EventName]: ObserverDeclaration<E> }[EventName];

export type ConfigScopeType = 'default' | 'websites' | 'stores';

export interface ConfigFieldDeclaration<T = unknown> {
  schema: ZodType<T>;
  default?: T;
  /** Encrypted at rest with the kernel's encryptor and masked in every output. */
  sensitive?: boolean;
  /** Scopes where the field may be set; all three by default. */
  scopes?: ConfigScopeType[];
  label?: string;
}

export interface Migration {
  /** Unique inside the module; migrations run in name order, so prefix with a date or a number. */
  name: string;
  up: (knex: Knex) => Promise<void>;
  down?: (knex: Knex) => Promise<void>;
}

export interface AclResourceDeclaration {
  id: string;
  title: string;
  parent?: string;
}

export interface CommandDeclaration {
  name: string;
  register: (program: Command, ctx: CliContext) => void;
}

export interface MiddlewareDeclaration {
  name: string;
  /** `front` runs before any routing (transport checks, guards); `api` right before GraphQL/REST handlers. */
  stage: 'front' | 'api';
  sortOrder?: number;
  create: (locator: ServiceLocator) => RequestHandler;
}

/** What a module's install/upgrade hook gets: the booted application, the install options (--admin-*…), a progress reporter. */
export interface SetupContext {
  app: import('../kernel/application').Application;
  options: Record<string, unknown>;
  progress: (label: string, done: number, total: number) => void;
}

export interface ModuleManifest {
  name: string;
  version: string;
  /** Modules this one depends on; they load (and migrate) first. */
  sequence?: string[];
  description?: string;
  services?: (bind: Bind) => void;
  preferences?: PreferenceDeclaration[];
  plugins?: PluginDeclaration[];
  /** Names of other modules' plugins or observers switched off (Magento's `disabled="true"`). */
  disable?: { plugins?: string[]; observers?: string[] };
  observers?: AnyObserverDeclaration[];
  graphql?: {
    /** SDL files, relative to the module's folder. */
    schema: string[];
    resolvers: ResolverMap | ((locator: ServiceLocator) => ResolverMap);
    /**
     * Object types whose values are plain data: a field without a resolver is the parent's property of that name, never a
     * function to call. graphql-jit then reads those fields inline instead of calling graphql-js's default resolver, which
     * (for graphql-js semantics) is bound to every other field; on a listing of a thousand such fields that is a tenth of
     * the request. The promise holds for every module's values of the type: declare only types this module builds.
     */
    plainDataTypes?: string[];
  };
  rest?: RestRoute[];
  migrations?: Migration[];
  config?: Record<string, ConfigFieldDeclaration>;
  acl?: AclResourceDeclaration[];
  commands?: CommandDeclaration[];
  /** HTTP pipeline middleware, and sources the module adds to the storefront Content-Security-Policy (GET /csp/storefront). */
  http?: { middleware?: MiddlewareDeclaration[]; csp?: import('../http/storefront-csp').CspSourceDeclaration[] };
  /** Data set up once the schema exists: default rows, or what the install options ask for (an admin user…). */
  setup?: { install?: (ctx: SetupContext) => Promise<void>; upgrade?: (ctx: SetupContext) => Promise<void> };
  /** Extra pino redaction paths, e.g. `['req.body.password']`. */
  logRedact?: string[];
}

export function defineModule(manifest: ModuleManifest): ModuleManifest {
  return manifest;
}

/** A manifest once discovered: where it lives and where it came from. */
export interface LoadedModule {
  manifest: ModuleManifest;
  dir: string;
  source: 'modules' | 'package';
  packageName?: string;
}
