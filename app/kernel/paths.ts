import path from 'node:path';

/** Where the code lives (the folder holding app/ and modules/: the project, or dist/ once built). */
export const codeRoot = path.resolve(__dirname, '..', '..');
/** `.ts` when running from sources (jest), `.js` when running the build. */
export const codeExt = path.extname(__filename) || '.js';

export interface ProjectPaths {
  /** Project root: holds etc/ and var/. */
  root: string;
  etc: string;
  var: string;
}

export function defaultProjectRoot(): string {
  if (process.env.COMPTOIR_ROOT) return path.resolve(process.env.COMPTOIR_ROOT);
  return path.basename(codeRoot) === 'dist' ? path.dirname(codeRoot) : codeRoot;
}

export function projectPaths(root = defaultProjectRoot()): ProjectPaths {
  return { root, etc: path.join(root, 'etc'), var: path.join(root, 'var') };
}
