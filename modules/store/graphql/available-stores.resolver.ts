import type { GraphQLContext } from '../../../app';
import { StoreApi } from '../api/tokens';
import { loadStoreConfig } from './store-config.loader';
import type { StoreConfigOutput } from './store-config.mapper';

/** Query.availableStores: the active store views of the current website, or of the current group only (Magento's semantics). */
export async function resolveAvailableStores(
  _root: unknown,
  args: { useCurrentGroup?: boolean | null },
  ctx: GraphQLContext,
): Promise<Array<StoreConfigOutput | null>> {
  const views = await ctx.get(StoreApi.StoreRepository).listStoreViews({
    websiteId: ctx.store.websiteId,
    groupId: args.useCurrentGroup ? ctx.store.groupId : undefined,
    activeOnly: true,
  });
  return Promise.all(views.map((view) => loadStoreConfig(ctx, view.id)));
}
