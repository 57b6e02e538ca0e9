import { DocumentCache } from '../document-cache';

describe('DocumentCache (parsed and validated queries)', () => {
  it('evicts the least recently used entry beyond capacity', () => {
    const cache = new DocumentCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('does not keep oversized keys', () => {
    const cache = new DocumentCache<number>(2, 10);
    expect(cache.set('x'.repeat(11), 1)).toBe(1);
    expect(cache.size).toBe(0);
  });
});
