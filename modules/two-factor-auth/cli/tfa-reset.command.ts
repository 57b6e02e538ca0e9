import type { Command } from 'commander';
import type { CliContext, CommandDeclaration, ServiceLocator } from '../../../app';
import { NoSuchEntityError } from '../../../app';
import { cliActor } from '../../security/api';
import { UserApi } from '../../user/api';
import { TfaApi } from '../api/tokens';
import { knownProvider } from '../service/tfa-manager';

/** Magento's security:tfa:reset: forgets one provider of one admin (their tokens are revoked; the other admins are alerted). */
export async function tfaReset(locator: ServiceLocator, username: string, provider: string): Promise<string> {
  const code = knownProvider(provider);
  const user = await locator.get(UserApi.AdminUserManager).getByUsername(username);
  if (!user) throw new NoSuchEntityError(`Unknown user ${username}`);
  await locator.get(TfaApi.Manager).reset(user.id, code, cliActor());
  return `Provider ${code} has been reset for user ${username}`;
}

export function registerTfaReset(program: Command, ctx: CliContext): void {
  program
    .command('security:tfa:reset')
    .description('Resets the configuration of one two-factor provider for one admin user')
    .argument('<user>', 'admin user name')
    .argument('<provider>', 'provider code (see security:tfa:providers)')
    .action(async (user: string, provider: string) => {
      knownProvider(provider);
      ctx.out(await tfaReset(await ctx.boot(), user, provider));
    });
}

export const tfaResetCommand: CommandDeclaration = { name: 'security:tfa:reset', register: registerTfaReset };
