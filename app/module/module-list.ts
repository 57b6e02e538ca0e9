import fs from 'node:fs';
import path from 'node:path';
import { KernelError } from '../kernel/errors';
import type { LoadedModule } from './manifest';
import { sortBySequence } from './sequence';

/** etc/config.json — like Magento's app/etc/config.php: every known module in load order, 1 enabled / 0 disabled. */
export interface ModuleListFile {
  modules: Record<string, 0 | 1>;
}

export function moduleListPath(etcDir: string): string {
  return path.join(etcDir, 'config.json');
}

export function readModuleList(etcDir: string): ModuleListFile | undefined {
  const file = moduleListPath(etcDir);
  if (!fs.existsSync(file)) return undefined;
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as ModuleListFile;
    if (!parsed || typeof parsed.modules !== 'object') throw new Error('no "modules" object');
    return parsed;
  } catch (err) {
    throw new KernelError(`${file} is not a valid module list: ${(err as Error).message}`, 'MODULE_LIST_INVALID');
  }
}

export function writeModuleList(etcDir: string, list: ModuleListFile): void {
  fs.mkdirSync(etcDir, { recursive: true });
  const file = moduleListPath(etcDir);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(list, null, 2) + '\n');
  fs.renameSync(tmp, file);
}

function toSequenced(mod: LoadedModule) {
  return { name: mod.manifest.name, sequence: mod.manifest.sequence ?? [], mod };
}

/** All discovered modules in load order (name order, then sequence), regardless of enablement; broken sequences don't stop a listing. */
export function sortModules(discovered: LoadedModule[]): LoadedModule[] {
  const byName = [...discovered].sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));
  return sortBySequence(byName.map(toSequenced), { lenient: true }).map((s) => s.mod);
}

/**
 * The enabled modules in load order. Modules missing from the list are new: they count as enabled when `newModulesEnabled`
 * (setup:install/upgrade, as Magento's setup:upgrade does), otherwise they are left out until setup:upgrade records them.
 */
export function resolveEnabledModules(discovered: LoadedModule[], list: ModuleListFile | undefined, newModulesEnabled = false): LoadedModule[] {
  const known = new Map(discovered.map((m) => [m.manifest.name, m]));
  const listed = list?.modules ?? {};
  const unknown = Object.entries(listed).filter(([name, on]) => on === 1 && !known.has(name)).map(([name]) => name);
  if (unknown.length) {
    throw new KernelError(`Enabled module(s) not found: ${unknown.join(', ')}. Install them or run module:disable.`, 'MODULE_UNKNOWN');
  }
  const enabled = discovered.filter((m) => {
    const flag = listed[m.manifest.name];
    return flag === 1 || (flag === undefined && (newModulesEnabled || !list));
  });
  const byName = [...enabled].sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));
  try {
    return sortBySequence(byName.map(toSequenced)).map((s) => s.mod);
  } catch (err) {
    if (err instanceof KernelError && err.code === 'MODULE_MISSING_DEPENDENCY') {
      throw new KernelError(`${err.message.replace(/ Enable or install.*$/, '')}. Enable them with module:enable, or disable the modules that need them.`, err.code);
    }
    throw err;
  }
}

/** Enables or disables modules by name, refusing a change that would leave an enabled module without its dependencies. */
export function changeModules(discovered: LoadedModule[], list: ModuleListFile | undefined, names: string[], enable: boolean): ModuleListFile {
  const known = new Map(discovered.map((m) => [m.manifest.name, m]));
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length) throw new KernelError(`Unknown module(s): ${unknown.join(', ')}`, 'MODULE_UNKNOWN');
  const state = new Map<string, 0 | 1>();
  for (const mod of sortModules(discovered)) {
    const flag = list?.modules[mod.manifest.name];
    state.set(mod.manifest.name, flag === undefined ? (list ? 0 : 1) : flag);
  }
  for (const name of names) state.set(name, enable ? 1 : 0);
  const problems: string[] = [];
  for (const [name, on] of state) {
    if (!on) continue;
    const deps = known.get(name)!.manifest.sequence ?? [];
    const off = deps.filter((d) => state.get(d) !== 1);
    if (off.length) problems.push(`${name} depends on ${off.join(', ')}`);
  }
  if (problems.length) {
    const verb = enable ? 'enable' : 'disable';
    throw new KernelError(`Cannot ${verb} ${names.join(', ')}: ${problems.join('; ')}`, 'MODULE_DEPENDENCY');
  }
  const modules: Record<string, 0 | 1> = {};
  for (const mod of sortModules(discovered)) modules[mod.manifest.name] = state.get(mod.manifest.name)!;
  return { modules };
}
