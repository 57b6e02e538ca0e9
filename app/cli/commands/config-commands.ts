import type { Command } from 'commander';
import { readEnvFile, writeEnv } from '../../kernel/env';
import { KernelError } from '../../kernel/errors';
import type { ConfigScopeType } from '../../module/manifest';
import type { CliContext } from '../cli-context';

const SCOPES: ConfigScopeType[] = ['default', 'websites', 'stores'];

function scopeRef(opts: { scope?: string; scopeCode?: string }) {
  const scope = (opts.scope ?? 'default') as ConfigScopeType;
  if (!SCOPES.includes(scope)) throw new KernelError(`Scope "${opts.scope}" does not exist: use default, websites or stores`, 'CLI_INVALID');
  if (scope !== 'default' && !opts.scopeCode) throw new KernelError(`--scope-code is required for the ${scope} scope`, 'CLI_INVALID');
  return { scope, code: scope === 'default' ? undefined : opts.scopeCode };
}

export function registerConfigCommands(program: Command, ctx: CliContext): void {
  program
    .command('config:set')
    .description('Sets a configuration value at a scope (validated by the field its module declares)')
    .argument('<path>', 'config path, e.g. web/secure/base_url')
    .argument('<value>', 'value')
    .option('--scope <scope>', 'default, websites or stores', 'default')
    .option('--scope-code <code>', 'website or store view code')
    .option('-e, --lock-env', 'write the value to etc/env.json (system section) instead: it wins over the database and locks the field')
    .action(async (path: string, value: string, opts: { scope?: string; scopeCode?: string; lockEnv?: boolean }) => {
      const ref = scopeRef(opts);
      const app = await ctx.boot();
      const field = app.config.fields().find((f) => f.path === path);
      if (opts.lockEnv) {
        if (!field) throw new KernelError(`The "${path}" path doesn't exist. Verify and try again.`, 'CONFIG_UNKNOWN_PATH');
        const parsed = field.schema.safeParse(value);
        if (!parsed.success) throw new KernelError(`Invalid value for "${path}": ${parsed.error.issues.map((i) => i.message).join('; ')}`, 'CONFIG_INVALID_VALUE');
        if (field.sensitive) throw new KernelError(`"${path}" is sensitive: set it with an environment variable instead of etc/env.json`, 'CLI_INVALID');
        const env = readEnvFile(ctx.paths.etc)!;
        const system = { ...env.system };
        if (ref.scope === 'default') system.default = { ...(system.default ?? {}), [path]: value };
        else system[ref.scope] = { ...(system[ref.scope] ?? {}), [ref.code!]: { ...(system[ref.scope]?.[ref.code!] ?? {}), [path]: value } };
        writeEnv(ctx.paths.etc, { ...env, system });
        ctx.out(`Value was saved in etc/env.json and locked.`);
        return;
      }
      await app.config.set(path, value, ref);
      ctx.out('Value was saved.');
    });

  program
    .command('config:show')
    .description('Shows effective configuration values at a scope (sensitive values are masked)')
    .argument('[path]', 'a path or a path prefix (e.g. web/secure)')
    .option('--scope <scope>', 'default, websites or stores', 'default')
    .option('--scope-code <code>', 'website or store view code')
    .action(async (path: string | undefined, opts: { scope?: string; scopeCode?: string }) => {
      const ref = scopeRef(opts);
      const app = await ctx.boot();
      const values = await app.config.show(ref, path);
      if (path && !values.length) throw new KernelError(`Configuration for path: "${path}" doesn't exist`, 'CONFIG_UNKNOWN_PATH');
      for (const v of values) {
        const shown = v.value === null ? '' : typeof v.value === 'string' ? v.value : JSON.stringify(v.value);
        ctx.out(`${v.path} - ${shown}${v.source === 'env' ? ' (locked by env)' : ''}`);
      }
    });
}
