import path from 'node:path';
import type { Command } from 'commander';
import { generateModule } from '../../../dev/scaffold/module-generator';
import type { CliContext } from '../cli-context';

export function registerDevCommands(program: Command, ctx: CliContext): void {
  program
    .command('dev:module:create')
    .description('Scaffolds a module shaped like a core one: manifest, api/, service, observer, plugin, GraphQL, migration and a passing test')
    .argument('<name>', 'module name, e.g. Acme_Loyalty')
    .option('--dir <dir>', 'modules folder to write into', 'modules')
    .action((name: string, opts: { dir: string }) => {
      const { dir, files } = generateModule(name, path.resolve(ctx.paths.root, opts.dir));
      ctx.out(`Created ${name} in ${path.relative(process.cwd(), dir) || dir}:`);
      for (const file of files) ctx.out(`  ${file}`);
      ctx.out(`\nNext: \`comptoir module:enable ${name}\`, \`comptoir setup:upgrade\`, and \`npx jest ${path.relative(ctx.paths.root, dir)}\`.`);
    });
}
