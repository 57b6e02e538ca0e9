import type { SetupContext } from '../../../app';
import { cliActor } from '../../security/api';
import { ADMIN_FLAGS, requireAdminFlags, type AdminFlags } from '../cli/admin-user-create.command';
import { UserApi } from '../api/tokens';

/**
 * setup:install --admin-*: creates the first admin (role Administrators) when any admin option is given; a partial set is
 * refused with the missing flags named, so an install never ends with an admin nobody can sign in as.
 */
export async function installAdminUser({ app, options }: SetupContext): Promise<void> {
  const flags = options as AdminFlags;
  if (!ADMIN_FLAGS.some(([key]) => flags[key] !== undefined)) return;
  const f = requireAdminFlags(flags, 'setup:install');
  const manager = app.get(UserApi.AdminUserManager);
  if (await manager.getByUsername(f.adminUser)) return;
  await manager.create({ username: f.adminUser, password: f.adminPassword, email: f.adminEmail, firstname: f.adminFirstname, lastname: f.adminLastname }, cliActor());
}
