import { Worker } from 'node:worker_threads';

/**
 * The worker's code, plain JavaScript run with `eval` (so that it runs alike from dist/ and from the TypeScript sources under
 * jest): its own connection to the database file, and every `intervalMs` a PASSIVE checkpoint, which copies the committed
 * frames of the WAL into the database file without taking the write lock or waiting for readers (SQLite documents running
 * checkpoints from a separate thread for this purpose). SQLITE_BUSY (another checkpoint running) is skipped until the next turn.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Driver = require(workerData.driver);
const db = new Driver(workerData.filename);
db.pragma('busy_timeout = 0');
let running = true;
const turn = () => {
  if (!running) return;
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    if (!/busy|locked/i.test(String(err && err.message))) parentPort.postMessage({ error: String(err && err.message) });
  }
  timer = setTimeout(turn, workerData.intervalMs);
};
let timer = setTimeout(turn, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  running = false;
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
`;

export interface WalCheckpointerOptions {
  /** Pause between checkpoints (ms). Default 200. */
  intervalMs?: number;
  /** Told about checkpoint failures other than "busy" (the connection's own auto-checkpoint still bounds the WAL). */
  onError?: (message: string) => void;
}

export interface WalCheckpointer {
  stop(): Promise<void>;
}

/**
 * Checkpoints a SQLite database's WAL on a worker thread (see Database.checkpointInBackground). On the event loop, SQLite's
 * automatic checkpoint runs inside the COMMIT that fills the WAL past 1,000 pages: under the checkout benchmark about seven
 * times a second, 1.9 ms each (copying 4 MB and syncing both files), during which no request moved.
 */
export function startWalCheckpointer(filename: string, options: WalCheckpointerOptions = {}): WalCheckpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { filename, driver: require.resolve('better-sqlite3'), intervalMs: options.intervalMs ?? 200 },
  });
  worker.on('message', (message: { error?: string }) => {
    if (message.error) options.onError?.(message.error);
  });
  worker.on('error', (err) => options.onError?.(err.message));
  // A server's background helper: it never keeps the process alive by itself.
  worker.unref();
  let exited = false;
  worker.once('exit', () => (exited = true));
  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        if (exited) return resolve();
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
        // A worker stuck in a checkpoint (a very slow disk) is not waited for more than a few seconds.
        setTimeout(() => void worker.terminate(), 5000).unref();
      });
      return stopped;
    },
  };
}
