import { Command, CommanderError } from 'commander';
import { boot } from '../kernel/boot';
import type { Application } from '../kernel/application';
import { KernelError } from '../kernel/errors';
import { projectPaths, type ProjectPaths } from '../kernel/paths';
import { discoverModules } from '../module/discovery';
import { readModuleList, resolveEnabledModules } from '../module/module-list';
import type { CliContext } from './cli-context';
import { createProgress } from './progress';
import { registerSetupCommands } from './commands/setup-commands';
import { registerModuleCommands } from './commands/module-commands';
import { registerConfigCommands } from './commands/config-commands';
import { registerDeployCommands } from './commands/deploy-commands';
import { registerDevCommands } from './commands/dev-commands';
import { registerServeCommand } from './commands/serve-command';
import { registerQueueCommands } from '../event/queue-commands';
import { registerKeyChangeCommand } from '../crypto/key-change.command';

export interface ProgramOptions {
  root?: string;
  out?: (line: string) => void;
}

/** One command tree: the kernel's commands plus those of every enabled module (Magento's bin/magento). */
export function createProgram(options: ProgramOptions = {}): { program: Command; ctx: CliContext; dispose: () => Promise<void> } {
  const paths: ProjectPaths = projectPaths(options.root);
  let booted: Promise<Application> | undefined;
  const ctx: CliContext = {
    paths,
    out: options.out ?? ((line) => process.stdout.write(line + '\n')),
    progress: createProgress(),
    boot: () => (booted ??= boot({ root: paths.root, requireUpToDate: true })),
  };
  const program = new Command('comptoir')
    .description('Comptoir: a headless commerce backend built the way Magento 2 is built')
    .showHelpAfterError()
    .exitOverride();
  registerSetupCommands(program, ctx);
  registerModuleCommands(program, ctx);
  registerConfigCommands(program, ctx);
  registerDeployCommands(program, ctx);
  registerQueueCommands(program, ctx);
  registerDevCommands(program, ctx);
  registerServeCommand(program, ctx);
  registerKeyChangeCommand(program, ctx);
  for (const mod of modulesForCommands(paths)) {
    for (const command of mod.manifest.commands ?? []) command.register(program, ctx);
  }
  program.commands.forEach((c) => c.exitOverride());
  const dispose = async () => {
    if (booted) await (await booted.catch(() => undefined))?.close();
  };
  return { program, ctx, dispose };
}

/** Commands come from enabled modules; before installation, from every module found. */
function modulesForCommands(paths: ProjectPaths) {
  try {
    const discovered = discoverModules();
    return resolveEnabledModules(discovered, readModuleList(paths.etc), true);
  } catch (err) {
    process.stderr.write(`Warning: module commands unavailable: ${(err as Error).message}\n`);
    return [];
  }
}

/** Runs the CLI; returns the exit code (0 ok, 1 failure, or what a command set in process.exitCode). */
export async function runCli(argv: string[], options: ProgramOptions = {}): Promise<number> {
  const { program, dispose } = createProgram(options);
  try {
    await program.parseAsync(argv, { from: 'user' });
    const code = typeof process.exitCode === 'number' ? process.exitCode : 0;
    process.exitCode = undefined;
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode;
    }
    const message = err instanceof KernelError ? err.message : `Error: ${(err as Error).message}`;
    process.stderr.write(message + '\n');
    if (!(err instanceof KernelError) && process.env.COMPTOIR_DEBUG) process.stderr.write(String((err as Error).stack) + '\n');
    return 1;
  } finally {
    await dispose();
  }
}
