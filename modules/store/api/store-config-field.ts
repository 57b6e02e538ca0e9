import { Kernel, type GraphQLContext } from '../../../app';

/** What every `StoreConfig` object carries: the store view it describes (storeConfig's, or one of availableStores'). */
export interface StoreConfigSource {
  store_code: string;
}

/**
 * A `StoreConfig` field answered from a config path, read for the store view the object describes (not the request's: in
 * `availableStores` each object is another store view), optionally shaped by `map`. Modules extending StoreConfig use it.
 */
export function storeConfigField<T = unknown, R = T>(path: string, map?: (value: T) => R) {
  return async (source: StoreConfigSource, _args: unknown, ctx: GraphQLContext): Promise<R> => {
    const value = await ctx.get(Kernel.Config).getForStore<T>(path, source.store_code);
    return map ? map(value) : (value as unknown as R);
  };
}
