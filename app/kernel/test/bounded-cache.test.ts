import { BoundedCache } from '../bounded-cache';

describe('BoundedCache (CLOCK eviction)', () => {
  it('gives the oldest entry used since it was passed over a second chance, and evicts the oldest unused one', () => {
    const cache = new BoundedCache<number>(3);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.get('a')).toBe(1);
    cache.set('d', 4);
    expect(['a', 'b', 'c', 'd'].map((k) => cache.get(k))).toEqual([1, undefined, 3, 4]);
    expect(cache.size).toBe(3);
  });

  it('replaces the value of a key it holds, in place', () => {
    const cache = new BoundedCache<string>(2);
    cache.set('a', 'x');
    expect(cache.set('a', 'y')).toBe('y');
    expect(cache.get('a')).toBe('y');
    expect(cache.size).toBe(1);
  });

  it('makes a missing value once, and keeps nothing when making it throws', () => {
    const cache = new BoundedCache<number>(2);
    const make = jest.fn((key: string) => key.length);
    expect(cache.getOrSet('abc', make)).toBe(3);
    expect(cache.getOrSet('abc', make)).toBe(3);
    expect(make).toHaveBeenCalledTimes(1);
    expect(() =>
      cache.getOrSet('bad', () => {
        throw new Error('no');
      }),
    ).toThrow('no');
    expect(cache.get('bad')).toBeUndefined();
    expect(cache.size).toBe(1);
  });

  it('keeps no key longer than its limit, and forgets everything on clear', () => {
    const cache = new BoundedCache<number>(2, 3);
    expect(cache.set('long', 1)).toBe(1);
    expect(cache.get('long')).toBeUndefined();
    cache.set('ok', 2);
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it('reuses the place of a deleted entry, and never holds more than its capacity through any mix of sets and deletes', () => {
    const cache = new BoundedCache<number>(3);
    for (const key of ['a', 'b', 'c']) cache.set(key, key.charCodeAt(0));
    expect(cache.delete('b')).toBe(true);
    expect(cache.delete('b')).toBe(false);
    expect(cache.size).toBe(2);
    // The free place is taken first: a and c (unused, but not under the hand before it) both stay.
    cache.set('d', 4);
    expect(['a', 'c', 'd'].map((k) => cache.get(k))).toEqual([97, 99, 4]);
    expect(cache.size).toBe(3);
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const live = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const key = `k${Math.floor(random() * 20)}`;
      const roll = random();
      if (roll < 0.2) {
        cache.delete(key);
        live.delete(key);
      } else if (roll < 0.6) {
        const value = cache.get(key);
        if (value !== undefined) expect(value).toBe(live.get(key));
      } else {
        cache.set(key, i);
        live.set(key, i);
      }
      expect(cache.size).toBeLessThanOrEqual(3);
    }
  });

  it('in steady eviction, keeps what is read again and lets the one-time entries go, oldest first', () => {
    const cache = new BoundedCache<number>(4);
    cache.set('hot', 0);
    for (let i = 1; i <= 100; i++) {
      cache.set(`once${i}`, i);
      expect(cache.get('hot')).toBe(0);
    }
    expect(['once97', 'once98', 'once99', 'once100'].filter((k) => cache.get(k) !== undefined)).toEqual(['once98', 'once99', 'once100']);
    expect(cache.size).toBe(4);
  });
});
