import { spawn, type ChildProcess } from 'node:child_process';

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
