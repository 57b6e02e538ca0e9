import type { Command } from 'commander';
import type { CliContext, CommandDeclaration, ServiceLocator } from '../../../app';
import { StoreApi } from '../api/tokens';
import { renderTable } from './text-table';

/** store:list, apart from commander: websites, store groups and store views as tables (admin scope included, as Magento does). */
export async function storeList(locator: ServiceLocator, out: (line: string) => void): Promise<void> {
  const stores = locator.get(StoreApi.StoreRepository);
  const websites = await stores.listWebsites({ withAdmin: true });
  const groups = await stores.listGroups({ withAdmin: true });
  const views = await stores.listStoreViews({ withAdmin: true });
  const codeOf = (id: number, list: Array<{ id: number; code: string }>) => list.find((item) => item.id === id)?.code ?? String(id);
  // A default of 0 means "none yet", except under the admin website/group, whose defaults really are the admin rows (id 0).
  const defaultOf = (id: number, ownerId: number, list: Array<{ id: number; code: string }>) => (id !== 0 || ownerId === 0 ? codeOf(id, list) : '-');
  out('Websites');
  renderTable(
    ['ID', 'Code', 'Name', 'Sort Order', 'Default Group', 'Is Default'],
    websites.map((w) => [w.id, w.code, w.name, w.sortOrder, defaultOf(w.defaultGroupId, w.id, groups), w.isDefault]),
  ).forEach(out);
  out('Store groups');
  renderTable(
    ['ID', 'Code', 'Name', 'Website', 'Root Category ID', 'Default Store View'],
    groups.map((g) => [g.id, g.code, g.name, codeOf(g.websiteId, websites), g.rootCategoryId, defaultOf(g.defaultStoreId, g.id, views)]),
  ).forEach(out);
  out('Store views');
  renderTable(
    ['ID', 'Code', 'Name', 'Website', 'Group', 'Sort Order', 'Is Active'],
    views.map((s) => [s.id, s.code, s.name, codeOf(s.websiteId, websites), codeOf(s.groupId, groups), s.sortOrder, s.isActive]),
  ).forEach(out);
}

export function registerStoreList(program: Command, ctx: CliContext): void {
  program
    .command('store:list')
    .description('Lists websites, store groups and store views')
    .action(async () => {
      const app = await ctx.boot();
      await storeList(app, ctx.out);
    });
}

export const storeListCommand: CommandDeclaration = { name: 'store:list', register: registerStoreList };
