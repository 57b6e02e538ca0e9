import { KernelError } from '../kernel/errors';
import type { PluginDeclaration } from '../module/manifest';

export interface SortedPlugin extends PluginDeclaration {
  module: string;
}

type AnyFn = (...args: unknown[]) => unknown;

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return !!value && typeof (value as PromiseLike<unknown>).then === 'function';
}

/** Continues with `fn` now for plain values, after resolution for promises: sync methods stay sync. */
function then<T, R>(value: T | PromiseLike<T>, fn: (v: T) => R): R | Promise<Awaited<R>> {
  return isThenable(value) ? (Promise.resolve(value).then(fn) as Promise<Awaited<R>>) : fn(value as T);
}

/**
 * Builds the interceptor for one method, with Magento's ordering (Interceptor::___callPlugins): plugins sorted by sortOrder then
 * module order are split into levels, each ending at a plugin with an `around`. In a level, `before`s run in order, then the
 * `around` (whose `proceed` runs the next levels and the method), then the level's `after`s in order.
 */
export function buildInterceptor(subject: object, original: AnyFn, plugins: SortedPlugin[]): AnyFn {
  const run = (start: number, args: unknown[]): unknown => {
    if (start >= plugins.length) return original.apply(subject, args);
    const befores: SortedPlugin[] = [];
    const afters: SortedPlugin[] = [];
    let around: SortedPlugin | undefined;
    let next = start;
    while (next < plugins.length) {
      const plugin = plugins[next++];
      if (plugin.before) befores.push(plugin);
      if (plugin.after) afters.push(plugin);
      if (plugin.around) {
        around = plugin;
        break;
      }
    }
    const applyBefores = (index: number, current: unknown[]): unknown[] | PromiseLike<unknown[]> => {
      if (index >= befores.length) return current;
      return then(befores[index].before!(subject, ...current), (rewritten) =>
        applyBefores(index + 1, Array.isArray(rewritten) ? rewritten : current),
      ) as unknown[] | PromiseLike<unknown[]>;
    };
    return then(applyBefores(0, args), (finalArgs) => {
      const result = around ? around.around!(subject, (...proceedArgs: unknown[]) => run(next, proceedArgs), ...finalArgs) : run(next, finalArgs);
      return then(result, (value) => afters.reduce<unknown>((acc, plugin) => then(acc, (v) => plugin.after!(subject, v, ...finalArgs)), value));
    });
  };
  const intercepted = (...args: unknown[]) => run(0, args);
  Object.defineProperty(intercepted, 'name', { value: original.name });
  return intercepted;
}

/** Puts interceptors on the plugged methods of one instance; other methods stay untouched. */
export function applyPlugins<T extends object>(instance: T, targetName: string, byMethod: Map<string, SortedPlugin[]>): T {
  for (const [method, plugins] of byMethod) {
    const original = (instance as Record<string, unknown>)[method];
    if (typeof original !== 'function') {
      const names = plugins.map((p) => `${p.module}::${p.name}`).join(', ');
      throw new KernelError(`Plugin ${names} targets ${targetName}.${method}, which is not a method of ${instance.constructor?.name ?? 'the service'}`, 'PLUGIN_INVALID');
    }
    Object.defineProperty(instance, method, {
      value: buildInterceptor(instance, original as AnyFn, plugins),
      configurable: true,
      writable: true,
      enumerable: false,
    });
  }
  return instance;
}
