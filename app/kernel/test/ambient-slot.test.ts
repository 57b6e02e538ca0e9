import { AmbientSlot } from '../ambient-slot';

describe('AmbientSlot (values that follow the asynchronous flow, on one AsyncLocalStorage)', () => {
  it('answers the value in the work and everything it starts, and nothing outside', async () => {
    const slot = new AmbientSlot<string>();
    expect(slot.get()).toBeUndefined();
    const seen = await slot.run('a', async () => {
      const direct = slot.get();
      await new Promise((resolve) => setTimeout(resolve, 1));
      const afterTimer = slot.get();
      const inMicrotask = await Promise.resolve().then(() => slot.get());
      return [direct, afterTimer, inMicrotask];
    });
    expect(seen).toEqual(['a', 'a', 'a']);
    expect(slot.get()).toBeUndefined();
  });

  it('keeps slots independent: opening one leaves the values of the others', async () => {
    const tx = new AmbientSlot<string>();
    const audit = new AmbientSlot<{ actor: string }>();
    await audit.run({ actor: 'alice' }, async () => {
      await tx.run('t1', async () => {
        await Promise.resolve();
        expect(tx.get()).toBe('t1');
        expect(audit.get()).toEqual({ actor: 'alice' });
        await audit.run({ actor: 'bob' }, async () => {
          await Promise.resolve();
          expect(audit.get()).toEqual({ actor: 'bob' });
          expect(tx.get()).toBe('t1');
        });
        expect(audit.get()).toEqual({ actor: 'alice' });
      });
      expect(tx.get()).toBeUndefined();
    });
  });

  it('the innermost value of a slot wins, and the outer one comes back after it', () => {
    const slot = new AmbientSlot<number>();
    const trail: Array<number | undefined> = [];
    slot.run(1, () => {
      trail.push(slot.get());
      slot.run(2, () => trail.push(slot.get()));
      trail.push(slot.get());
    });
    trail.push(slot.get());
    expect(trail).toEqual([1, 2, 1, undefined]);
  });

  it('concurrent flows each keep their own value', async () => {
    const slot = new AmbientSlot<number>();
    const results = await Promise.all(
      [1, 2, 3].map((n) =>
        slot.run(n, async () => {
          await new Promise((resolve) => setTimeout(resolve, 4 - n));
          return slot.get();
        }),
      ),
    );
    expect(results).toEqual([1, 2, 3]);
  });

  it('answers what run(work) answers, and lets its error through with the value gone', () => {
    const slot = new AmbientSlot<string>();
    expect(slot.run('x', () => 42)).toBe(42);
    expect(() =>
      slot.run('x', () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(slot.get()).toBeUndefined();
  });
});
