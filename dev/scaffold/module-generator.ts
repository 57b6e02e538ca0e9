import fs from 'node:fs';
import path from 'node:path';
import { KernelError } from '../../app/kernel/errors';
import { moduleNames } from './module-names';
import { moduleTemplates } from './module-templates';

/** Writes a new module folder under `modulesDir`; refuses to overwrite anything. Returns the files written. */
export function generateModule(name: string, modulesDir: string): { dir: string; files: string[] } {
  const names = moduleNames(name);
  const dir = path.join(modulesDir, names.folder);
  if (fs.existsSync(dir)) throw new KernelError(`${dir} already exists: choose another module name or remove it`, 'CLI_INVALID');
  const files: string[] = [];
  for (const [relative, content] of Object.entries(moduleTemplates(names))) {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    files.push(path.relative(modulesDir, file));
  }
  return { dir, files };
}
