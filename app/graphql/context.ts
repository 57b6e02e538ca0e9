import type { StoreScope } from '../config/scope-resolver';
import type { ServiceLocator } from '../di/service-locator';
import type { Logger } from '../log/logger';

/**
 * What every resolver receives. Modules hang request-scoped things on `extensions` (dataloaders, the authenticated customer…);
 * graphql-http requires a type alias with an index signature here, not an interface.
 */
export type GraphQLContext = {
  get: ServiceLocator['get'];
  /** The store view picked by the `Store` header (the default view when absent). */
  store: StoreScope;
  /** Bearer token from the Authorization header, if any; authentication modules interpret it. */
  bearerToken?: string;
  ip: string;
  headers: Record<string, string | string[] | undefined>;
  logger: Logger;
  /** Per-request memo: loaders and auth results keyed by module. */
  extensions: Map<string, unknown>;
  [key: string]: unknown;
};
