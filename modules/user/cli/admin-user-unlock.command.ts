import type { Command } from 'commander';
import { Kernel, type CliContext, type CommandDeclaration, type ServiceLocator } from '../../../app';
import { NoSuchEntityError } from '../../../app';
import { cliActor } from '../../security/api';
import { UserApi } from '../api/tokens';

/** Magento's admin:user:unlock: clears the lock and the failure count; an account that wasn't locked is left as it is. */
export async function adminUserUnlock(locator: ServiceLocator, username: string, clockNow: Date): Promise<string> {
  const manager = locator.get(UserApi.AdminUserManager);
  const user = await manager.getByUsername(username);
  if (!user) throw new NoSuchEntityError(`Couldn't find the user account "${username}"`);
  if (!user.lockExpiresAt || user.lockExpiresAt.getTime() <= clockNow.getTime()) return `The user account "${username}" was not locked or could not be unlocked`;
  await manager.unlock(user.id, cliActor());
  return `The user account "${username}" has been unlocked`;
}

export function registerAdminUserUnlock(program: Command, ctx: CliContext): void {
  program
    .command('admin:user:unlock')
    .description('Unlocks an admin account locked after too many failed sign-ins')
    .argument('<username>', 'the admin user name')
    .action(async (username: string) => {
      const app = await ctx.boot();
      ctx.out(await adminUserUnlock(app, username, app.get(Kernel.Clock).now()));
    });
}

export const adminUserUnlockCommand: CommandDeclaration = { name: 'admin:user:unlock', register: registerAdminUserUnlock };
