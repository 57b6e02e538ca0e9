/**
 * The kernel's public surface: what a module (in modules/ or an npm package) imports. In-repo modules import `../../app`;
 * packaged modules import `comptoir`.
 */
export { defineModule } from './module/manifest';
export type {
  ModuleManifest,
  LoadedModule,
  Bind,
  PluginDeclaration,
  ObserverDeclaration,
  PreferenceDeclaration,
  ConfigFieldDeclaration,
  ConfigScopeType,
  Migration,
  AclResourceDeclaration,
  CommandDeclaration,
  MiddlewareDeclaration,
  SetupContext,
} from './module/manifest';
export { createToken, type Token } from './di/token';
export type { ServiceLocator } from './di/service-locator';
export { Kernel } from './kernel/tokens';
export { randomBytesPooled } from './crypto/random-pool';
export { KernelError } from './kernel/errors';
export { Application } from './kernel/application';
export { boot, type BootOptions } from './kernel/boot';
export type { Clock } from './kernel/clock';
export type { Database } from './db/database';
export { sqlLimit } from './db/sql-text';
export { AmbientSlot } from './kernel/ambient-slot';
export type { ConfigService, ScopeRef } from './config/config-service';
export type { ScopeResolver, StoreScope } from './config/scope-resolver';
export type { EventBus } from './event/event-bus';
export type { EventMap, EventName, EventPayload, ObserverContext } from './event/event-map';
export type { ResolverMap } from './graphql/resolvers';
export type { GraphQLContext } from './graphql/context';
export type { RestRoute, RestRequest } from './http/rest-route';
export type { CliContext } from './cli/cli-context';
export type { Logger } from './log/logger';
export {
  ClientAwareError,
  InputError,
  AuthorizationError,
  AuthenticationError,
  NoSuchEntityError,
  AlreadyExistsError,
  RequestError,
  clientCategoryOf,
  CLIENT_ERROR_CODES,
  type ErrorCategory,
  type ClientErrorCode,
} from './graphql/errors';
export { DocumentCache } from './graphql/document-cache';
export { BoundedCache } from './kernel/bounded-cache';
export { buildGraphQlSchema } from './graphql/schema-builder';
export { checkQueryLimits, DEFAULT_QUERY_LIMITS, type QueryLimits } from './graphql/query-limits';
