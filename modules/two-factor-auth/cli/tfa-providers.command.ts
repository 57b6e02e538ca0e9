import type { Command } from 'commander';
import type { CliContext, CommandDeclaration } from '../../../app';
import { TFA_PROVIDERS, TFA_PROVIDER_CODES } from '../api/tfa-providers';

export function tfaProvidersLines(): string[] {
  return TFA_PROVIDER_CODES.map((code) => `${code}: ${TFA_PROVIDERS[code]}`);
}

export function registerTfaProviders(program: Command, ctx: CliContext): void {
  program
    .command('security:tfa:providers')
    .description('Lists the two-factor authentication providers (codes used by security:tfa:reset and twofactorauth/general/force_providers)')
    .action(() => tfaProvidersLines().forEach((line) => ctx.out(line)));
}

export const tfaProvidersCommand: CommandDeclaration = { name: 'security:tfa:providers', register: registerTfaProviders };
