import fs from 'node:fs';
import type { Command } from 'commander';
import type { CliContext, CommandDeclaration } from '../../../app';
import { Kernel, KernelError } from '../../../app';
import { importProducts } from '../import/product-importer';
import { IMPORT_COLUMNS } from '../import/import-columns';

export function registerCatalogImport(program: Command, ctx: CliContext): void {
  program
    .command('catalog:import')
    .description('Imports products from a CSV file with Magento column names; every row is checked first, and any error imports nothing')
    .argument('<file>', 'the CSV file (UTF-8, first line: column names)')
    .addHelpText(
      'after',
      `\nColumns: ${IMPORT_COLUMNS.join(', ')}\n\nExamples:\n  comptoir catalog:import var/import/products.csv\n` +
        '  A row with store_view_code=fr sets the French values of the product defined on an earlier row.\n' +
        '  configurable_variations: sku=WH01-S-Black,color=Black,size=S|sku=WH01-M-Black,color=Black,size=M',
    )
    .action(async (file: string) => {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (err) {
        throw new KernelError(`Cannot read ${file}: ${(err as Error).message}`, 'IMPORT_FILE');
      }
      const app = await ctx.boot();
      const report = await importProducts(app, text, ctx.progress);
      await app.get(Kernel.Database).optimize();
      ctx.out(
        `Imported ${report.rows} row(s): ${report.created} product(s) created, ${report.updated} updated` +
          (report.categoriesCreated ? `, ${report.categoriesCreated} categor${report.categoriesCreated === 1 ? 'y' : 'ies'} created.` : '.'),
      );
    });
}

export const catalogImportCommand: CommandDeclaration = { name: 'catalog:import', register: registerCatalogImport };
