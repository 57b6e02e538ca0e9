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
});
