import type { GraphQLContext } from '../../../app';
import { loadStoreConfig } from './store-config.loader';
import type { StoreConfigOutput } from './store-config.mapper';

/** Query.storeConfig: the store view the Store header picked (the HTTP layer has already refused unknown or inactive codes). */
export function resolveStoreConfig(_root: unknown, _args: unknown, ctx: GraphQLContext): Promise<StoreConfigOutput | null> {
  return loadStoreConfig(ctx, ctx.store.storeId);
}
