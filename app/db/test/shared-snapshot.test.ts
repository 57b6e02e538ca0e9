import { SharedSnapshot } from '../shared-snapshot';
import type { Database } from '../database';

const fakeDb = (inTransaction: () => boolean) => ({ inTransaction }) as unknown as Database;

describe('SharedSnapshot (process copy of read-mostly tables)', () => {
  it('loads once for concurrent callers, serves the copy until reset, and reloads after it', async () => {
    let loads = 0;
    const shared = new SharedSnapshot(fakeDb(() => false), async () => ++loads, 60_000);
    expect(await Promise.all([shared.current(), shared.current()])).toEqual([1, 1]);
    expect(await shared.current()).toBe(1);
    shared.reset();
    expect(await shared.current()).toBe(2);
    expect(loads).toBe(2);
  });

  it('does not install a load that a reset overtook, and never shares what a transaction saw', async () => {
    let loads = 0;
    let inTx = false;
    const shared = new SharedSnapshot(fakeDb(() => inTx), async () => ++loads, 60_000);
    const racing = shared.current();
    shared.reset();
    expect(await racing).toBe(1);
    expect(await shared.current()).toBe(2);
    inTx = true;
    expect(await shared.current()).toBe(3);
    inTx = false;
    expect(await shared.current()).toBe(2);
  });
});
