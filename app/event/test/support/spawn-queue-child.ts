import { spawn } from 'node:child_process';
import path from 'node:path';
import type { TestApp } from '../../../testing/test-app';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs queue-child.ts in its own Node process (sources compiled on the fly) against the test app's root and database. */
export function runQueueChild(app: TestApp, args: string[], env: Record<string, string> = {}): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', './dev/tools/register-ts.js', path.join(__dirname, 'queue-child.ts'), ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, QUEUE_CHILD_ROOT: app.root, QUEUE_CHILD_ENV: JSON.stringify(app.env), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
