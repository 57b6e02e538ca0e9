import { z } from 'zod';
import type { RestRoute } from '../../../app';
import { InputError, NoSuchEntityError } from '../../../app';
import { restActor } from '../../security/api';
import { AclResource } from '../api/acl';
import { UserApi } from '../api/tokens';
import { adminUserDto } from './admin-user.dto';

const createBody = z
  .object({
    username: z.string(),
    firstname: z.string(),
    lastname: z.string(),
    email: z.string(),
    password: z.string(),
    role: z.string().optional(),
    is_active: z.boolean().optional(),
  })
  .strict();

const userId = (raw: string) => {
  if (!/^\d+$/.test(raw)) throw new InputError(`"${raw}" is not a user id.`);
  return Number(raw);
};

/** Admin accounts over REST. Creating one is a step-up operation (AUTH-05): password and second factor again, recently. */
export const adminUserRoutes: RestRoute[] = [
  {
    method: 'GET',
    path: '/admin/users',
    resource: AclResource.Users,
    handler: async (req) => (await req.get(UserApi.AdminUserManager).list()).map(adminUserDto),
  },
  {
    method: 'GET',
    path: '/admin/users/:id',
    resource: AclResource.Users,
    handler: async (req) => {
      const user = await req.get(UserApi.AdminUserManager).get(userId(req.params.id));
      if (!user) throw new NoSuchEntityError(`The admin user with id ${req.params.id} does not exist.`);
      return adminUserDto(user);
    },
  },
  {
    method: 'POST',
    path: '/admin/users',
    resource: AclResource.Users,
    body: createBody,
    handler: async (req) => {
      await req.get(UserApi.StepUp).require(req.principal);
      const b = req.body as z.infer<typeof createBody>;
      const user = await req
        .get(UserApi.AdminUserManager)
        .create({ username: b.username, firstname: b.firstname, lastname: b.lastname, email: b.email, password: b.password, role: b.role, isActive: b.is_active }, restActor(req));
      return adminUserDto(user);
    },
  },
  {
    method: 'POST',
    path: '/admin/users/:id/unlock',
    resource: AclResource.Locks,
    handler: async (req) => adminUserDto(await req.get(UserApi.AdminUserManager).unlock(userId(req.params.id), restActor(req))),
  },
];
