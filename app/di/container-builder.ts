import 'reflect-metadata';
import { Container } from 'inversify';
import { KernelError } from '../kernel/errors';
import type { Bind, LoadedModule } from '../module/manifest';
import { applyPlugins, type SortedPlugin } from './interceptor';
import type { ServiceLocator } from './service-locator';
import { asIdentifier, tokenName, type Token } from './token';

export interface PluginList {
  /** Plugins by target token, then by method, already sorted. */
  byTarget: Map<symbol, Map<string, SortedPlugin[]>>;
  disabled: Set<string>;
}

/** Collects plugins of the enabled modules: disabled names removed, sorted by sortOrder then module load order. */
export function collectPlugins(modules: LoadedModule[]): PluginList {
  const disabled = new Set(modules.flatMap((m) => m.manifest.disable?.plugins ?? []));
  const all: Array<SortedPlugin & { moduleIndex: number }> = [];
  modules.forEach((mod, moduleIndex) => {
    for (const plugin of mod.manifest.plugins ?? []) {
      if (!plugin.before && !plugin.around && !plugin.after) {
        throw new KernelError(`Plugin ${mod.manifest.name}::${plugin.name} has no before, around or after function`, 'PLUGIN_INVALID');
      }
      if (!disabled.has(plugin.name)) all.push({ ...plugin, module: mod.manifest.name, moduleIndex });
    }
  });
  all.sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0) || a.moduleIndex - b.moduleIndex);
  const byTarget = new Map<symbol, Map<string, SortedPlugin[]>>();
  for (const plugin of all) {
    const methods = byTarget.get(plugin.target) ?? new Map<string, SortedPlugin[]>();
    methods.set(plugin.method, [...(methods.get(plugin.method) ?? []), plugin]);
    byTarget.set(plugin.target, methods);
  }
  return { byTarget, disabled };
}

/**
 * Builds the container: kernel bindings, each module's services in load order, then preferences (the last module wins),
 * then interceptors on the tokens that have plugins. Services with no plugins are handed out as they are.
 */
export function buildContainer(modules: LoadedModule[], kernelBindings: (bind: Bind, container: Container) => void): { container: Container; locator: ServiceLocator; plugins: PluginList } {
  const container = new Container({ defaultScope: 'Singleton' });
  const locator: ServiceLocator = { get: <T>(token: Token<T>) => container.get<T>(asIdentifier(token)) };
  const bind: Bind = <T>(token: Token<T>) => container.bind<T>(asIdentifier(token));
  kernelBindings(bind, container);
  for (const mod of modules) {
    try {
      mod.manifest.services?.(bind);
    } catch (err) {
      throw new KernelError(`Module ${mod.manifest.name} failed to register its services: ${(err as Error).message}`, 'DI_INVALID');
    }
  }
  for (const mod of modules) {
    for (const pref of mod.manifest.preferences ?? []) {
      const id = asIdentifier(pref.for);
      const syntax = container.isBound(id) ? container.rebind(id) : container.bind(id);
      if (pref.type) syntax.to(pref.type).inSingletonScope();
      else if (pref.factory) {
        const factory = pref.factory;
        syntax.toDynamicValue(() => factory(locator)).inSingletonScope();
      } else throw new KernelError(`Preference for ${tokenName(pref.for)} in ${mod.manifest.name} needs a type or a factory`, 'DI_INVALID');
    }
  }
  const plugins = collectPlugins(modules);
  for (const [target, methods] of plugins.byTarget) {
    container.onActivation(target as never, (_ctx, instance: object) => applyPlugins(instance, tokenName(target), methods));
  }
  return { container, locator, plugins };
}
