import { UserInternal } from '../model/user-internal-tokens';
import { inject, injectable } from 'inversify';
import { z } from 'zod';
import { Kernel, type Clock, type Database, type EventBus, type LoadedModule } from '../../../app';
import { AlreadyExistsError, InputError } from '../../../app';
import { SecurityApi, type AuditLog, type RequestActor } from '../../security/api';
import { ACL_ALL, type AclResourceNode, type AclService, type AdminRole } from '../api/acl';
import { RoleRepository } from '../model/role-repository';
import { isDuplicateKeyError } from '../../../app/event/duplicate-key';
import { roleNameSchema } from './admin-input-schemas';

/** How long a process trusts its copy of a role's rules: a role changed elsewhere applies everywhere within this time. */
const ROLE_CACHE_MS = 5000;

const createRoleSchema = z.object({
  name: roleNameSchema,
  resources: z.array(z.string().min(1)).min(1, { error: 'a role needs at least one resource' }),
});

/**
 * Resources come from the enabled modules' manifests (`acl`), so a resource exists exactly when the module that checks it is
 * enabled. A role grants a resource when it lists the resource, one of its ancestors, or Magento_Backend::all.
 */
@injectable()
export class ManifestAclService implements AclService {
  private readonly tree: Map<string, AclResourceNode>;
  private readonly cache = new Map<number, { resources: Set<string>; loadedAt: number }>();

  constructor(
    @inject(Kernel.Modules) modules: LoadedModule[],
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.EventBus) private readonly events: EventBus,
    @inject(Kernel.Clock) private readonly clock: Clock,
    @inject(SecurityApi.AuditLog) private readonly audit: AuditLog,
    @inject(UserInternal.Roles) private readonly roles: RoleRepository,
  ) {
    this.tree = new Map();
    for (const mod of modules) {
      for (const r of mod.manifest.acl ?? []) this.tree.set(r.id, { id: r.id, title: r.title, parent: r.parent ?? null, module: mod.manifest.name });
    }
  }

  resources(): AclResourceNode[] {
    return [...this.tree.values()];
  }

  async isAllowed(roleId: number | null, resource: string): Promise<boolean> {
    if (roleId === null) return false;
    const granted = await this.granted(roleId);
    if (granted.has(ACL_ALL)) return true;
    const seen = new Set<string>();
    for (let id: string | null = resource; id && !seen.has(id); id = this.tree.get(id)?.parent ?? null) {
      if (granted.has(id)) return true;
      seen.add(id);
    }
    return false;
  }

  async createRole(input: { name: string; resources: string[] }, actor: RequestActor): Promise<AdminRole> {
    const parsed = createRoleSchema.safeParse(input);
    if (!parsed.success) throw new InputError(`Cannot create the role: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    const resources = [...new Set(parsed.data.resources)];
    const unknown = resources.filter((id) => !this.tree.has(id));
    if (unknown.length) {
      throw new InputError(`Cannot create the role: unknown ACL resource(s) ${unknown.map((u) => `"${u}"`).join(', ')}. Resources are declared by the enabled modules (see GET /rest/V1/admin/acl/resources).`);
    }
    if (await this.roles.findByName(parsed.data.name)) throw new AlreadyExistsError(`A role named "${parsed.data.name}" already exists.`);
    try {
      return await this.db.transaction(async () => {
        const id = await this.roles.insert(parsed.data.name, resources);
        const role: AdminRole = { id, name: parsed.data.name, resources };
        await this.audit.record({ actor, event: 'authorization_role_save', outcome: 'success', resource: { type: 'authorization_role', id }, details: { name: role.name, resources } });
        await this.events.dispatch('authorization_role_save_after', { role, actor });
        return role;
      });
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new AlreadyExistsError(`A role named "${parsed.data.name}" already exists.`);
      throw err;
    }
  }

  async getRole(idOrName: number | string): Promise<AdminRole | undefined> {
    const row = typeof idOrName === 'number' ? await this.roles.findById(idOrName) : await this.roles.findByName(idOrName);
    if (!row) return undefined;
    const rules = await this.roles.allowedResources([Number(row.role_id)]);
    return { id: Number(row.role_id), name: row.role_name, resources: rules.get(Number(row.role_id)) ?? [] };
  }

  async listRoles(): Promise<AdminRole[]> {
    const rows = await this.roles.list();
    const rules = await this.roles.allowedResources(rows.map((r) => Number(r.role_id)));
    return rows.map((r) => ({ id: Number(r.role_id), name: r.role_name, resources: rules.get(Number(r.role_id)) ?? [] }));
  }

  private async granted(roleId: number): Promise<Set<string>> {
    const now = this.clock.now().getTime();
    const hit = this.cache.get(roleId);
    if (hit && now - hit.loadedAt < ROLE_CACHE_MS && now >= hit.loadedAt) return hit.resources;
    const rules = await this.roles.allowedResources([roleId]);
    const resources = new Set(rules.get(roleId) ?? []);
    this.cache.set(roleId, { resources, loadedAt: now });
    return resources;
  }
}
