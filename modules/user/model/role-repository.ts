import { inject, injectable } from 'inversify';
import { Kernel, type Database } from '../../../app';
import { ROLE_TYPE_GROUP, UserTable } from './user-tables';

export interface RoleRow {
  role_id: number;
  role_name: string;
}

/** Roles are authorization_role rows of type G; their allowed resources are authorization_rule rows. */
@injectable()
export class RoleRepository {
  constructor(@inject(Kernel.Database) private readonly db: Database) {}

  async findById(id: number): Promise<RoleRow | undefined> {
    return this.db.conn()(UserTable.role).where({ role_id: id, role_type: ROLE_TYPE_GROUP }).first('role_id', 'role_name');
  }

  async findByName(name: string): Promise<RoleRow | undefined> {
    return this.db.conn()(UserTable.role).where({ role_name: name, role_type: ROLE_TYPE_GROUP }).first('role_id', 'role_name');
  }

  async list(): Promise<RoleRow[]> {
    return this.db.conn()(UserTable.role).where({ role_type: ROLE_TYPE_GROUP }).orderBy('role_id').select('role_id', 'role_name');
  }

  async allowedResources(roleIds: number[]): Promise<Map<number, string[]>> {
    const rows = roleIds.length
      ? await this.db.conn()(UserTable.rule).whereIn('role_id', roleIds).where('permission', 'allow').orderBy('rule_id').select('role_id', 'resource_id')
      : [];
    const out = new Map<number, string[]>(roleIds.map((id) => [id, []]));
    for (const row of rows as Array<{ role_id: number; resource_id: string }>) out.get(Number(row.role_id))?.push(row.resource_id);
    return out;
  }

  async insert(name: string, resources: string[]): Promise<number> {
    const knex = this.db.conn();
    const [id] = await knex(UserTable.role).insert({ parent_id: 0, tree_level: 1, sort_order: 0, role_type: ROLE_TYPE_GROUP, user_id: 0, user_type: null, role_name: name });
    const roleId = Number(id);
    if (resources.length) await knex(UserTable.rule).insert(resources.map((resource_id) => ({ role_id: roleId, resource_id, privileges: null, permission: 'allow' })));
    return roleId;
  }
}
