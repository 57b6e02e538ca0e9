/** The CLI entry for tests and tools that drive commands in-process (module tests import it from here, not from app/cli). */
export { runCli, createProgram } from '../cli/program';
