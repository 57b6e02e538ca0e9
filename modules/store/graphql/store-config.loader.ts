import type { GraphQLContext } from '../../../app';
import { StoreApi } from '../api/tokens';
import { toStoreConfigOutput, type StoreConfigOutput } from './store-config.mapper';

const MEMO_KEY = 'Comptoir_Store.storeConfigByStoreId';

/**
 * A store view's StoreConfig, built once per request: `storeConfig` and `availableStores` in one operation share it.
 * Rows and config values come from in-memory snapshots, so this costs no query beyond an occasional snapshot refresh.
 */
export function loadStoreConfig(ctx: GraphQLContext, storeId: number): Promise<StoreConfigOutput | null> {
  let memo = ctx.extensions.get(MEMO_KEY) as Map<number, Promise<StoreConfigOutput | null>> | undefined;
  if (!memo) {
    memo = new Map();
    ctx.extensions.set(MEMO_KEY, memo);
  }
  let pending = memo.get(storeId);
  if (!pending) {
    pending = build(ctx, storeId);
    memo.set(storeId, pending);
  }
  return pending;
}

async function build(ctx: GraphQLContext, storeId: number): Promise<StoreConfigOutput | null> {
  const stores = ctx.get(StoreApi.StoreRepository);
  const view = await stores.getStoreViewById(storeId);
  const group = view && (await stores.getGroupById(view.groupId));
  const website = view && (await stores.getWebsiteById(view.websiteId));
  if (!view || !group || !website) return null;
  const settings = await ctx.get(StoreApi.StoreSettingsReader).forStoreView(view.code);
  return toStoreConfigOutput(view, group, website, settings);
}
