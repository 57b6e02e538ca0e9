/**
 * Waits `ms`, or less when `signal` aborts first: a stopping consumer must not sit out its whole poll interval. With `wakers`,
 * the sleeper also sits in that set until it wakes, and calling it ends the wait early (new work arrived).
 */
export function abortableSleep(ms: number, signal?: AbortSignal, wakers?: Set<() => void>): Promise<void> {
  if (signal?.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      wakers?.delete(done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    wakers?.add(done);
  });
}
