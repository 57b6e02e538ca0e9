import { z } from 'zod';
import type { RestRoute } from '../../../app';
import { restActor } from '../../security/api';
import { AclResource } from '../api/acl';
import { UserApi } from '../api/tokens';
import { roleDto } from './admin-user.dto';

const createBody = z.object({ name: z.string(), resources: z.array(z.string()) }).strict();

/** Roles and the resource tree. A new role can widen someone's rights, so creating one is a step-up operation too. */
export const adminRoleRoutes: RestRoute[] = [
  {
    method: 'GET',
    path: '/admin/roles',
    resource: AclResource.Roles,
    handler: async (req) => (await req.get(UserApi.Acl).listRoles()).map(roleDto),
  },
  {
    method: 'POST',
    path: '/admin/roles',
    resource: AclResource.Roles,
    body: createBody,
    handler: async (req) => {
      await req.get(UserApi.StepUp).require(req.principal);
      const body = req.body as z.infer<typeof createBody>;
      return roleDto(await req.get(UserApi.Acl).createRole(body, restActor(req)));
    },
  },
  {
    method: 'GET',
    path: '/admin/acl/resources',
    resource: AclResource.Roles,
    handler: async (req) => req.get(UserApi.Acl).resources().map((r) => ({ id: r.id, title: r.title, parent: r.parent, module: r.module })),
  },
];
