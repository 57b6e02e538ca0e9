import type { Command } from 'commander';
import type { CliContext, CommandDeclaration, ServiceLocator } from '../../../app';
import { InputError } from '../../../app';
import { cliActor } from '../../security/api';
import type { AdminUser } from '../api/admin-user';
import { UserApi } from '../api/tokens';

/** Magento's flags; commander hands them over camelCased. */
export const ADMIN_FLAGS = [
  ['adminUser', '--admin-user'],
  ['adminPassword', '--admin-password'],
  ['adminEmail', '--admin-email'],
  ['adminFirstname', '--admin-firstname'],
  ['adminLastname', '--admin-lastname'],
] as const;

export type AdminFlags = Partial<Record<(typeof ADMIN_FLAGS)[number][0], unknown>> & { role?: unknown };

/** Refuses a partial set of --admin-* options, naming what is missing. */
export function requireAdminFlags(flags: AdminFlags, command: string): Record<(typeof ADMIN_FLAGS)[number][0], string> {
  const missing = ADMIN_FLAGS.filter(([key]) => typeof flags[key] !== 'string' || !(flags[key] as string).length).map(([, flag]) => flag);
  if (missing.length) throw new InputError(`${command} needs ${missing.join(', ')}`);
  return Object.fromEntries(ADMIN_FLAGS.map(([key]) => [key, flags[key] as string])) as Record<(typeof ADMIN_FLAGS)[number][0], string>;
}

export async function adminUserCreate(locator: ServiceLocator, flags: AdminFlags): Promise<AdminUser> {
  const f = requireAdminFlags(flags, 'admin:user:create');
  return locator.get(UserApi.AdminUserManager).create(
    { username: f.adminUser, password: f.adminPassword, email: f.adminEmail, firstname: f.adminFirstname, lastname: f.adminLastname, role: typeof flags.role === 'string' ? flags.role : undefined },
    cliActor(),
  );
}

export function nextStepsFor(user: AdminUser): string {
  return (
    `Two-factor authentication is mandatory: configure it with \`comptoir security:tfa:google:set-secret ${user.username} <base32 secret>\`, ` +
    'or sign in through POST /rest/V1/integration/admin/token to receive the setup link by mail.'
  );
}

export function registerAdminUserCreate(program: Command, ctx: CliContext): void {
  program
    .command('admin:user:create')
    .description('Creates an admin user (password: 12 to 128 characters with letters and digits)')
    .option('--admin-user <user>', 'user name')
    .option('--admin-password <password>', 'password')
    .option('--admin-email <email>', 'email (security alerts are sent there)')
    .option('--admin-firstname <name>', 'first name')
    .option('--admin-lastname <name>', 'last name')
    .option('--role <name>', 'role name', 'Administrators')
    .action(async (flags: AdminFlags) => {
      requireAdminFlags(flags, 'admin:user:create');
      const app = await ctx.boot();
      const user = await adminUserCreate(app, flags);
      ctx.out(`Created admin user "${user.username}" (id ${user.id}) with role "${user.roleName}".`);
      ctx.out(nextStepsFor(user));
    });
}

export const adminUserCreateCommand: CommandDeclaration = { name: 'admin:user:create', register: registerAdminUserCreate };
