import type { Application } from '../kernel/application';
import type { ProjectPaths } from '../kernel/paths';

/** Handed to module commands: boot the application lazily (many commands don't need it) and report progress. */
export interface CliContext {
  paths: ProjectPaths;
  boot(): Promise<Application>;
  out: (line: string) => void;
  /** A progress reporter for long work: `progress('Migrating', 3, 10)` prints a bar on a TTY, a line per step otherwise. */
  progress: (label: string, done: number, total: number) => void;
}
