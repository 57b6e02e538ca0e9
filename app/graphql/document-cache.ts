import { BoundedCache } from '../kernel/bounded-cache';

/**
 * Parsed (and validated) documents by query text: the kernel's bounded cache, which does not keep oversized queries (over
 * `maxKeyLength` characters, 20,000 by default): they are rare and would crowd out the common ones.
 */
export class DocumentCache<V> extends BoundedCache<V> {
  constructor(capacity: number, maxKeyLength = 20_000) {
    super(capacity, maxKeyLength);
  }
}
