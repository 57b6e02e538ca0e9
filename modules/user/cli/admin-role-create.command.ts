import type { Command } from 'commander';
import type { CliContext, CommandDeclaration } from '../../../app';
import { InputError } from '../../../app';
import { cliActor } from '../../security/api';
import { UserApi } from '../api/tokens';

export function registerAdminRoleCreate(program: Command, ctx: CliContext): void {
  program
    .command('admin:role:create')
    .description('Creates an admin role allowed the given ACL resources (deny by default)')
    .option('--name <name>', 'role name')
    .option('--resources <ids>', 'comma-separated ACL resource ids, e.g. Magento_Catalog::products,Magento_Sales::sales')
    .action(async (flags: { name?: string; resources?: string }) => {
      if (!flags.name || !flags.resources) throw new InputError('admin:role:create needs --name and --resources');
      const app = await ctx.boot();
      const resources = flags.resources.split(',').map((r) => r.trim()).filter(Boolean);
      const role = await app.get(UserApi.Acl).createRole({ name: flags.name, resources }, cliActor());
      ctx.out(`Created role "${role.name}" (id ${role.id}) allowed: ${role.resources.join(', ')}`);
    });
}

export const adminRoleCreateCommand: CommandDeclaration = { name: 'admin:role:create', register: registerAdminRoleCreate };
