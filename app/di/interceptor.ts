import { KernelError } from '../kernel/errors';
import type { PluginDeclaration } from '../module/manifest';

export interface SortedPlugin extends PluginDeclaration {
  module: string;
}

type AnyFn = (...args: unknown[]) => unknown;

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return !!value && typeof (value as PromiseLike<unknown>).then === 'function';
}

interface Level {
  befores: Array<NonNullable<SortedPlugin['before']>>;
  around?: NonNullable<SortedPlugin['around']>;
  afters: Array<NonNullable<SortedPlugin['after']>>;
}

/** Magento's grouping: each level ends at a plugin with an `around`; the remaining plugins form the next level. */
function toLevels(plugins: SortedPlugin[]): Level[] {
  const levels: Level[] = [];
  let level: Level = { befores: [], afters: [] };
  for (const plugin of plugins) {
    if (plugin.before) level.befores.push(plugin.before);
    if (plugin.after) level.afters.push(plugin.after);
    if (plugin.around) {
      level.around = plugin.around;
      levels.push(level);
      level = { befores: [], afters: [] };
    }
  }
  if (level.befores.length || level.afters.length) levels.push(level);
  return levels;
}

/**
 * Builds the interceptor for one method, with Magento's ordering (Interceptor::___callPlugins): plugins sorted by sortOrder then
 * module order are split into levels, each ending at a plugin with an `around`. In a level, `before`s run in order, then the
 * `around` (whose `proceed` runs the next levels and the method), then the level's `after`s in order.
 * Levels are computed once; a call allocates nothing beyond argument arrays, and stays synchronous unless something returns a promise.
 */
export function buildInterceptor(subject: object, original: AnyFn, plugins: SortedPlugin[]): AnyFn {
  const levels = toLevels(plugins);

  const applyAfters = (afters: Level['afters'], from: number, value: unknown, args: unknown[]): unknown => {
    for (let i = from; i < afters.length; i++) {
      if (isThenable(value)) return Promise.resolve(value).then((v) => applyAfters(afters, i, v, args));
      value = afters[i](subject, value, ...args);
    }
    return value;
  };

  const runBody = (index: number, args: unknown[]): unknown => {
    const { around, afters } = levels[index];
    const result = around ? around(subject, (...proceedArgs: unknown[]) => runLevel(index + 1, proceedArgs), ...args) : runLevel(index + 1, args);
    return afters.length ? applyAfters(afters, 0, result, args) : result;
  };

  const finishBefores = async (index: number, from: number, pending: PromiseLike<unknown>, args: unknown[]): Promise<unknown> => {
    const first = await pending;
    let current = Array.isArray(first) ? first : args;
    const { befores } = levels[index];
    for (let i = from; i < befores.length; i++) {
      const rewritten = await befores[i](subject, ...current);
      if (Array.isArray(rewritten)) current = rewritten;
    }
    return runBody(index, current);
  };

  const runLevel = (index: number, args: unknown[]): unknown => {
    if (index >= levels.length) return original.apply(subject, args);
    const { befores } = levels[index];
    for (let i = 0; i < befores.length; i++) {
      const rewritten = befores[i](subject, ...args);
      if (isThenable(rewritten)) return finishBefores(index, i + 1, rewritten, args);
      if (Array.isArray(rewritten)) args = rewritten;
    }
    return runBody(index, args);
  };

  const intercepted = (...args: unknown[]) => runLevel(0, args);
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
