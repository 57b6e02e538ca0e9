import type { Command } from 'commander';
import type { CliContext } from '../cli/cli-context';
import { rotateEncryptionKey } from './key-rotation';

/** `encryption:key:change [--key <base64>]`: a new encryption key, and everything encrypted re-encrypted under it, with progress. */
export function registerKeyChangeCommand(program: Command, ctx: CliContext): void {
  program
    .command('encryption:key:change')
    .description('Appends a new encryption key to etc/env.json and re-encrypts stored secrets and personal data under it')
    .option('--key <key>', 'the new key (base64 of 32 bytes); generated when absent')
    .action(async (flags: { key?: string }) => {
      const app = await ctx.boot();
      const result = await rotateEncryptionKey(app, { key: flags.key, progress: ctx.progress });
      const counts = Object.entries(result.reencrypted).map(([column, n]) => `${column}: ${n}`);
      ctx.out(`Encryption key version ${result.version} is now in use. Re-encrypted: ${counts.join(', ') || 'nothing'}.`);
    });
}
