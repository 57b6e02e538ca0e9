import { AsyncLocalStorage } from 'node:async_hooks';

/** One value of one slot, in front of the values of the slots opened around it. */
interface Frame {
  readonly slot: object;
  readonly value: unknown;
  readonly outer: Frame | undefined;
}

/**
 * The process's one AsyncLocalStorage. On Node 20 every enabled AsyncLocalStorage copies its store onto every promise the
 * process makes (a property added by a promise hook), so each storage costs every promise a property and, past the third
 * property, a larger property array. There were one per database and one for the security module's audit scope: under the
 * checkout benchmark (two databases opened, install and application) the promise hook made 13% of all allocations, 7.5%
 * with one storage. The slots share this one storage: a value is a frame in front of the frames of the code around it.
 */
const frames = new AsyncLocalStorage<Frame>();

/**
 * A value that follows the current asynchronous flow (a request, a transaction), like an AsyncLocalStorage of its own:
 * `run(value, work)` makes `get()` answer `value` in `work` and everything it starts, and the outer value again after.
 * Slots are independent: opening one leaves the others' values as they were.
 */
export class AmbientSlot<T> {
  get(): T | undefined {
    for (let frame = frames.getStore(); frame; frame = frame.outer) {
      if (frame.slot === this) return frame.value as T;
    }
    return undefined;
  }

  run<R>(value: T, work: () => R): R {
    return frames.run({ slot: this, value, outer: frames.getStore() }, work);
  }
}
