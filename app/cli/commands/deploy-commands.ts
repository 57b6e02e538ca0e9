import type { Command } from 'commander';
import { readEnv, readEnvFile, writeEnv } from '../../kernel/env';
import { KernelError } from '../../kernel/errors';
import type { CliContext } from '../cli-context';

export function registerDeployCommands(program: Command, ctx: CliContext): void {
  program
    .command('deploy:mode:show')
    .description('Shows the application mode')
    .action(() => {
      const env = readEnv(ctx.paths.etc);
      if (!env) throw new KernelError('Comptoir is not installed: run setup:install first', 'NOT_INSTALLED');
      ctx.out(`Current application mode: ${env.mode}. (Note: the COMPTOIR_MODE environment variable may override this value.)`);
    });

  program
    .command('deploy:mode:set')
    .description('Sets the application mode: developer (plain HTTP allowed on loopback, detailed errors) or production')
    .argument('<mode>', 'developer or production')
    .action((mode: string) => {
      if (mode !== 'developer' && mode !== 'production') throw new KernelError(`Cannot switch into given mode "${mode}": use developer or production`, 'CLI_INVALID');
      const file = readEnvFile(ctx.paths.etc);
      if (!file) throw new KernelError('Comptoir is not installed: run setup:install first', 'NOT_INSTALLED');
      // Re-read without environment overrides so they are not persisted by accident.
      writeEnv(ctx.paths.etc, { ...file, mode });
      ctx.out(`Enabled ${mode} mode.`);
      if (mode === 'production' && !file.http.tls && !file.http.trustedProxies.length) {
        ctx.out('Warning: production refuses plain HTTP. Configure http.tls (cert, key) or http.trustedProxies in etc/env.json.');
      }
    });
}
