/**
 * A callback-style fs call as one promise: lighter than fs.promises, which makes a FileHandle and a promise per step, on the
 * paths taken per order (the WAL sync, each confirmation email written to var/mail).
 */
export function fsCall<T = void>(call: (done: (err: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => call((err, value) => (err ? reject(err) : resolve(value))));
}
