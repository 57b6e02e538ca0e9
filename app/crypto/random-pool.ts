import crypto from 'node:crypto';

const POOL_SIZE = 8192;
let pool = Buffer.alloc(0);
let offset = 0;

/**
 * `size` cryptographically random bytes, drawn from a pool filled 8 kB at a time by crypto.randomBytes (as Node's own
 * randomUUID does): each crypto.randomBytes call costs a few microseconds of set-up whatever its size, and ids are drawn on
 * hot paths (an outbox id per event, a masked id per cart, a GCM nonce per encryption). Every byte is handed out once: a
 * spent pool is replaced, never rewritten, so the returned view stays the caller's alone. For secrets that live long (keys,
 * password salts) call crypto.randomBytes directly.
 */
export function randomBytesPooled(size: number): Buffer {
  if (size > POOL_SIZE / 8) return crypto.randomBytes(size);
  if (offset + size > pool.length) {
    pool = crypto.randomBytes(POOL_SIZE);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + size);
  offset += size;
  return bytes;
}
