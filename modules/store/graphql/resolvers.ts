import type { ResolverMap } from '../../../app';
import { resolveAvailableStores } from './available-stores.resolver';
import { resolveStoreConfig } from './store-config.resolver';

export const storeResolvers: ResolverMap = {
  Query: {
    storeConfig: resolveStoreConfig,
    availableStores: resolveAvailableStores,
  },
};
