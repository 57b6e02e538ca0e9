import type { Command } from 'commander';
import { discoverModules } from '../../module/discovery';
import { changeModules, readModuleList, sortModules, writeModuleList } from '../../module/module-list';
import { KernelError } from '../../kernel/errors';
import type { CliContext } from '../cli-context';

export function registerModuleCommands(program: Command, ctx: CliContext): void {
  program
    .command('module:status')
    .description('Lists enabled and disabled modules (etc/config.json)')
    .argument('[names...]', 'only these modules')
    .option('--enabled', 'only enabled modules')
    .option('--disabled', 'only disabled modules')
    .action((names: string[], opts: { enabled?: boolean; disabled?: boolean }) => {
      const discovered = sortModules(discoverModules());
      const list = readModuleList(ctx.paths.etc);
      const unknown = names.filter((n) => !discovered.some((m) => m.manifest.name === n));
      if (unknown.length) throw new KernelError(`Unknown module(s): ${unknown.join(', ')}`, 'MODULE_UNKNOWN');
      const rows = discovered
        .filter((m) => !names.length || names.includes(m.manifest.name))
        .map((m) => ({ mod: m, flag: list?.modules[m.manifest.name] }));
      const enabled = rows.filter((r) => r.flag === 1);
      const disabled = rows.filter((r) => r.flag === 0);
      const fresh = rows.filter((r) => r.flag === undefined);
      const line = (r: (typeof rows)[number]) => `${r.mod.manifest.name} ${r.mod.manifest.version}${r.mod.source === 'package' ? ` (npm: ${r.mod.packageName})` : ''}`;
      if (!opts.disabled) {
        ctx.out('List of enabled modules:');
        ctx.out(enabled.length ? enabled.map(line).join('\n') : 'None');
        ctx.out('');
      }
      if (!opts.enabled) {
        ctx.out('List of disabled modules:');
        ctx.out(disabled.length ? disabled.map(line).join('\n') : 'None');
        if (fresh.length) {
          ctx.out('');
          ctx.out('New modules, not registered yet (run setup:upgrade):');
          ctx.out(fresh.map(line).join('\n'));
        }
      }
    });

  for (const enable of [true, false]) {
    program
      .command(enable ? 'module:enable' : 'module:disable')
      .description(enable ? 'Enables modules (their dependencies must be enabled)' : 'Disables modules: they contribute nothing (no fields, routes, observers, plugins, preferences)')
      .argument('[names...]', 'module names, e.g. Comptoir_Catalog')
      .option('--all', `${enable ? 'enable' : 'disable'} every module`)
      .action((names: string[], opts: { all?: boolean }) => {
        const discovered = discoverModules();
        const targets = opts.all ? discovered.map((m) => m.manifest.name) : names;
        if (!targets.length) throw new KernelError('Name at least one module, or use --all', 'CLI_INVALID');
        const before = readModuleList(ctx.paths.etc);
        const after = changeModules(discovered, before, targets, enable);
        const changed = targets.filter((n) => before?.modules[n] !== after.modules[n]);
        writeModuleList(ctx.paths.etc, after);
        if (!changed.length) {
          ctx.out(`No modules were changed.`);
          return;
        }
        ctx.out(`The following modules have been ${enable ? 'enabled' : 'disabled'}:`);
        for (const name of changed) ctx.out(`- ${name}`);
        if (enable) ctx.out('\nTo make sure that the enabled modules are properly registered, run `comptoir setup:upgrade`.');
      });
  }
}
