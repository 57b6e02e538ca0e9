import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface RunningTarget {
  child: ChildProcess;
  port: number;
  /** Everything the target printed up to `LISTENING <port>` (some print more, e.g. `SKUS <json>`). */
  output: string;
}

/**
 * Starts a benchmark target (a server in its own process, so that autocannon does not share its event loop) and resolves once
 * it prints `LISTENING <port>`; rejects if it exits first. `nodeArgs` go before the script (e.g. `--cpu-prof`).
 */
export function startTarget(script: string, args: string[], options: { env?: NodeJS.ProcessEnv; nodeArgs?: string[] } = {}): Promise<RunningTarget> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script, ...args], { stdio: ['ignore', 'pipe', 'inherit'], env: options.env ?? process.env });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /LISTENING (\d+)/.exec(output);
      if (match) resolve({ child, port: Number(match[1]), output });
    });
    child.once('exit', (code) => reject(new Error(`${[script, ...args].join(' ')} exited with ${code}`)));
  });
}

/**
 * CPU time (user + system, in ms) a process has used so far, from /proc (Linux); undefined elsewhere. Read before and after a
 * run, it gives the server's CPU per request: steadier than req/s on a shared machine, where the CPU share a process gets varies.
 */
export function cpuTimeMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const ticksPerSecond = 100; // USER_HZ, 100 on every Linux this runs on
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return undefined;
  }
}

/** Runs `work` and answers, with its result, the CPU time (ms) process `pid` used meanwhile, when /proc tells it. */
export async function cpuTimeDuring<T>(pid: number | undefined, work: () => Promise<T>): Promise<{ result: T; cpuMs?: number }> {
  const before = cpuTimeMs(pid);
  const result = await work();
  const after = cpuTimeMs(pid);
  return { result, cpuMs: before !== undefined && after !== undefined ? after - before : undefined };
}

/** A target script beside `driver` (the driver's own __filename): its .js in dist/, its .ts when run from the sources. */
export function benchScript(driver: string, name: string): string {
  return path.join(path.dirname(driver), `${name}${path.extname(driver)}`);
}

/** Node arguments a target needs when the driver runs from the sources (.ts compiled on require by swc), none from dist/. */
export function sourceArgs(driver: string): string[] {
  return path.extname(driver) === '.ts' ? ['-r', path.join(path.dirname(driver), '..', 'tools', 'register-ts.js')] : [];
}
