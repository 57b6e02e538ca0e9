import { createHash } from 'node:crypto';

/** The digest stored beside a flat document (catalog_product_flat.data_hash): equal digests, same document. */
export function flatDataHash(data: string): string {
  return createHash('sha256').update(data).digest('base64url').slice(0, 32);
}
