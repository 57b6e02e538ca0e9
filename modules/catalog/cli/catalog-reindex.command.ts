import type { Command } from 'commander';
import type { CliContext, CommandDeclaration, ServiceLocator } from '../../../app';
import { Kernel } from '../../../app';
import { CatalogTable as T } from '../api/catalog-tables';
import { CatalogApi } from '../api/tokens';
import { CatalogInternal } from '../model/catalog-internal-tokens';

/**
 * Rebuilds everything the catalog derives from its EAV tables: the option index (filters, facets), the flat documents
 * (storefront reads), URL rewrites and the search index. Saves keep them in step; this is for data changed behind the
 * services' back (SQL by hand, a restored backup) or a new search engine.
 */
export async function reindexCatalog(locator: ServiceLocator, progress: (label: string, done: number, total: number) => void): Promise<void> {
  const steps: Array<[string, () => Promise<void>]> = [
    [
      'option index',
      async () => {
        const rows = (await locator.get(Kernel.Database).knex(T.product).select('entity_id')) as Array<{ entity_id: number }>;
        await locator.get(Kernel.Database).transaction(() => locator.get(CatalogInternal.ProductWriter).rebuildOptionIndex(rows.map((r) => Number(r.entity_id))));
      },
    ],
    ['flat product documents', () => locator.get(CatalogInternal.FlatIndex).reindexAll()],
    ['URL rewrites', () => locator.get(CatalogInternal.UrlRewriteService).regenerateAll()],
    ['search index', () => locator.get(CatalogApi.SearchAdapter).reindexAll()],
  ];
  let done = 0;
  for (const [label, run] of steps) {
    progress(`Reindexing: ${label}`, done, steps.length);
    await run();
    progress(`Reindexing: ${label}`, ++done, steps.length);
  }
  await locator.get(Kernel.Database).optimize();
}

export function registerCatalogReindex(program: Command, ctx: CliContext): void {
  program
    .command('catalog:reindex')
    .description('Rebuilds the catalog indexes (option index, flat product documents, URL rewrites, search) from the catalog tables')
    .action(async () => {
      const app = await ctx.boot();
      await reindexCatalog(app, ctx.progress);
      ctx.out('The catalog indexes were rebuilt.');
    });
}

export const catalogReindexCommand: CommandDeclaration = { name: 'catalog:reindex', register: registerCatalogReindex };
