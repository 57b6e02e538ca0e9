import { KernelError } from '../kernel/errors';
import type { ConfigFieldDeclaration, ConfigScopeType, LoadedModule } from '../module/manifest';

export interface RegisteredField extends ConfigFieldDeclaration {
  path: string;
  module: string;
  scopes: ConfigScopeType[];
}

/** The config fields every enabled module declares; a later module may redeclare a field to change its default. */
export class ConfigRegistry {
  private readonly fields = new Map<string, RegisteredField>();

  constructor(modules: LoadedModule[]) {
    for (const mod of modules) {
      for (const [path, field] of Object.entries(mod.manifest.config ?? {})) {
        if (!/^[a-z0-9_]+\/[a-z0-9_]+\/[a-z0-9_]+$/.test(path)) {
          throw new KernelError(`Module ${mod.manifest.name} declares config path "${path}": use section/group/field in lower case`, 'CONFIG_INVALID_PATH');
        }
        this.fields.set(path, { ...field, path, module: mod.manifest.name, scopes: field.scopes ?? ['default', 'websites', 'stores'] });
      }
    }
  }

  get(path: string): RegisteredField | undefined {
    return this.fields.get(path);
  }

  require(path: string): RegisteredField {
    const field = this.fields.get(path);
    if (!field) throw new KernelError(`The "${path}" path doesn't exist. Verify and try again.`, 'CONFIG_UNKNOWN_PATH');
    return field;
  }

  all(): RegisteredField[] {
    return [...this.fields.values()].sort((a, b) => a.path.localeCompare(b.path));
  }
}
