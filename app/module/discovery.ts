import fs from 'node:fs';
import path from 'node:path';
import { KernelError } from '../kernel/errors';
import { codeExt, codeRoot } from '../kernel/paths';
import type { LoadedModule, ModuleManifest } from './manifest';

export const CORE_MODULES_DIR = path.join(codeRoot, 'modules');

export interface DiscoveryOptions {
  /** Folders whose sub-folders are modules (default: the code's modules/; list it too when adding folders). */
  moduleDirs?: string[];
  /** Folder holding node_modules to scan for packaged modules (default: the code root). */
  packagesRoot?: string | false;
}

/**
 * Finds every module: each sub-folder of modules/ with a module manifest, and each installed npm package whose package.json
 * declares `"comptoir": { "module": "<path to the built manifest>" }`.
 */
export function discoverModules(options: DiscoveryOptions = {}): LoadedModule[] {
  const found: LoadedModule[] = [];
  const seenDirs = new Set<string>();
  for (const dir of options.moduleDirs ?? [CORE_MODULES_DIR]) {
    if (!fs.existsSync(dir)) continue;
    // The same folder reached twice (listed again, or through a symlink) holds the same modules: read it once.
    const real = fs.realpathSync(dir);
    if (seenDirs.has(real)) continue;
    seenDirs.add(real);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (!entry.isDirectory()) continue;
      const moduleDir = path.join(dir, entry.name);
      const file = ['module' + codeExt, 'module.js', 'module.ts'].map((f) => path.join(moduleDir, f)).find((f) => fs.existsSync(f));
      if (!file) continue;
      found.push({ manifest: loadManifest(file), dir: moduleDir, source: 'modules' });
    }
  }
  if (options.packagesRoot !== false) found.push(...discoverPackages(options.packagesRoot ?? codeRoot));
  const seen = new Map<string, LoadedModule>();
  for (const mod of found) {
    const other = seen.get(mod.manifest.name);
    if (other) throw new KernelError(`Module ${mod.manifest.name} is declared twice: ${other.dir} and ${mod.dir}`, 'MODULE_DUPLICATE');
    seen.set(mod.manifest.name, mod);
  }
  return found;
}

function discoverPackages(root: string): LoadedModule[] {
  const nodeModules = path.join(root, 'node_modules');
  if (!fs.existsSync(nodeModules)) return [];
  const packageDirs: string[] = [];
  for (const name of fs.readdirSync(nodeModules)) {
    if (name.startsWith('.')) continue;
    const full = path.join(nodeModules, name);
    if (name.startsWith('@')) {
      for (const sub of safeReaddir(full)) packageDirs.push(path.join(full, sub));
    } else packageDirs.push(full);
  }
  const modules: LoadedModule[] = [];
  for (const dir of packageDirs) {
    let pkg: { name?: string; comptoir?: { module?: string } };
    try {
      pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    if (!pkg.comptoir?.module) continue;
    const file = path.resolve(dir, pkg.comptoir.module);
    modules.push({ manifest: loadManifest(file), dir: path.dirname(file), source: 'package', packageName: pkg.name });
  }
  return modules;
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function loadManifest(file: string): ModuleManifest {
  let loaded: { default?: ModuleManifest };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require(file);
  } catch (err) {
    throw new KernelError(`Cannot load module manifest ${file}: ${(err as Error).message}`, 'MODULE_INVALID');
  }
  const manifest = loaded.default ?? (loaded as ModuleManifest);
  if (!manifest || typeof manifest.name !== 'string' || !/^[A-Z][A-Za-z0-9]*_[A-Z][A-Za-z0-9]*$/.test(manifest.name)) {
    throw new KernelError(`Module manifest ${file} must export a default defineModule({...}) with a name like Vendor_Module`, 'MODULE_INVALID');
  }
  if (typeof manifest.version !== 'string') throw new KernelError(`Module ${manifest.name} has no version`, 'MODULE_INVALID');
  return manifest;
}
